"""The reading checks itself: each deliberately broken plan carries the warning that names what broke, in
Chinese and English, and a lower confidence than the whole plan; the sample reads with high confidence."""

from __future__ import annotations

import re

import pytest

from planwatch.ingest import quality
from planwatch.ingest.pipeline import read_plan
from planwatch.plan.model import Plan
from tests.built_plans import CAPTION, ROWS, document

CJK = re.compile(r"[\u4e00-\u9fff]")


def read(**broken) -> Plan:
    return read_plan(document(**broken))


@pytest.fixture(scope="module")
def whole() -> Plan:
    return read()


def _found(plan: Plan, code: str):
    return [w for w in plan.warnings if w.code == code]


def test_a_whole_plan_reads_with_no_doubt(whole):
    assert [w.code for w in whole.warnings if w.code in quality.CODES] == []
    assert whole.confidence is not None and whole.confidence >= 0.95
    assert quality.confidence_level(whole.confidence) == "high"


BROKEN = {
    "no contents, no headings": ({"contents": False, "headings": False}, "no_outline", None),
    "body lost four chapter headings": (
        {"drop": (2, 3, 4, 5)},
        "chapter_dominant",
        "第二章 指导思想和主要目标",
    ),
    "no contents, most headings lost": (
        {"contents": False, "drop": tuple(range(2, 9))},
        "outline_sparse",
        None,
    ),
    "an empty chapter": ({"empty": (4,)}, "chapter_empty", "第五章 城乡融合发展"),
    "text before the first chapter": ({"preamble": 40000}, "body_outside_chapters", None),
    "table columns shifted": ({"shift": True}, "table_shifted", CAPTION),
    "no table": ({"table": False}, "no_indicator_table", None),
    "rows without figures": (
        {"rows": [*ROWS[:4], ("人均预期寿命", "岁", "", ""), *ROWS[4:]]},
        "table_rows_unfilled",
        CAPTION,
    ),
    "a row read twice": ({"rows": [*ROWS, ROWS[0]]}, "table_duplicate_names", CAPTION),
    "units not read": ({"rows": [(n, "", b, t) for n, _, b, t in ROWS]}, "table_units_missing", CAPTION),
    "no title": ({"title": False}, "title_missing", None),
}


@pytest.mark.parametrize("broken, code, where", BROKEN.values(), ids=BROKEN.keys())
def test_a_broken_plan_says_what_broke_and_is_less_sure(whole, broken, code, where):
    plan = read(**broken)
    warnings = _found(plan, code)
    assert warnings, f"no {code} among {[w.code for w in plan.warnings]}"
    for w in warnings:
        assert CJK.search(w.message) and w.message_en and w.message_en != w.message
        assert w.text("en") == w.message_en and w.text("zh") == w.message
        if where is not None:
            assert w.where == where and where in w.message
    assert plan.confidence is not None and plan.confidence < whole.confidence - 0.05


def test_no_outline_or_no_table_is_low():
    for broken in ({"contents": False, "headings": False}, {"table": False}, {"shift": True}):
        assert quality.confidence_level(read(**broken).confidence) == "low"


def test_contents_never_found_in_the_body_is_warned_and_less_sure(whole):
    plan = read(contents_titles=[f"另一个标题{k}" for k in range(10)])
    missing = _found(plan, "heading_not_found") + _found(plan, "contents_not_in_body")
    assert missing and all(CJK.search(w.message) and w.message_en for w in missing)
    assert plan.confidence < whole.confidence - 0.1


def test_one_warning_for_many_empty_chapters():
    plan = read(empty=(2, 3, 4, 5, 6, 7))
    (empty,) = _found(plan, "chapter_empty")
    assert "6章没有读到正文" in empty.message and "第三章" in empty.message and "第八章" not in empty.message
    assert empty.where == "第三章 创新驱动发展"


def test_a_shifted_table_names_its_rows_by_place():
    (shifted,) = _found(read(shift=True), "table_shifted")
    assert "第1行" in shifted.message and "row 1" in shifted.message_en


def test_each_doubt_lowers_confidence_further(whole):
    one = read(empty=(4,))
    two = read(empty=(4,), title=False)
    assert whole.confidence > one.confidence > two.confidence


def test_checking_again_gives_the_same_findings():
    plan = read(preamble=40000, shift=True)
    before = ([w.model_dump() for w in plan.warnings], plan.confidence)
    # Without the body's length (a table replaced after reading), what was said of the body stands.
    quality.check(plan)
    assert ([w.model_dump() for w in plan.warnings], plan.confidence) == before


def test_the_sample_reads_with_high_confidence(sample_plan):
    assert quality.confidence_level(sample_plan.confidence) == "high"
    own = [w for w in sample_plan.warnings if w.code in quality.CODES]
    assert [w.code for w in own] == ["table_units_missing"]  # sub-rows printed without their unit
    assert own[0].where.startswith("专栏1")


def test_confidence_bands():
    assert [quality.confidence_level(c) for c in (None, 1.0, 0.7, 0.69, 0.4, 0.39)] == [
        None,
        "high",
        "high",
        "medium",
        "medium",
        "low",
    ]


def test_an_indicator_table_the_office_gave_is_not_looked_for():
    plan = read(table=False)
    assert _found(plan, "no_indicator_table")
    quality.check(plan, table_given=True)
    assert not _found(plan, "no_indicator_table") and quality.confidence_level(plan.confidence) == "high"
