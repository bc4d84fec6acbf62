"""The cell grammar: every form DESIGN.md names, read by hand, and texts it must survive."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planwatch.plan.cells import normalize, read_cell
from planwatch.plan.model import Reading

DEFAULTS = Reading(kind="text").model_dump(exclude={"kind", "note", "note_en"})


def case(text: str, kind: str, value: float | None = None, **fields: object):
    """A table row: the text and every field of its reading except the notes."""
    return pytest.param(text, {**DEFAULTS, "kind": kind, "value": value, **fields}, id=text or "<empty>")


CASES = [
    # plain numbers
    case("32", "number", 32),
    case("-10.9", "number", -10.9),
    case("−10.9", "number", -10.9),
    case("2.85", "number", 2.85),
    case("1,234.5", "number", 1234.5),
    case("６．５", "number", 6.5),
    case("58%", "number", 58, unit="%"),
    case(" 58 % ", "number", 58, unit="%"),
    case("６．５％", "number", 6.5, unit="%"),
    case("1.6万人", "number", 1.6, unit="万人"),
    # comparators
    case("170以上", "number", 170, comparator="ge"),
    case("8以上", "number", 8, comparator="ge"),
    case("≥95", "number", 95, comparator="ge"),
    case("≧95", "number", 95, comparator="ge"),
    case("不低于90", "number", 90, comparator="ge"),
    case(">6.5", "number", 6.5, comparator="gt"),
    case("＞6.5", "number", 6.5, comparator="gt"),
    case("大于6.5", "number", 6.5, comparator="gt"),
    case("高于6.5", "number", 6.5, comparator="gt"),
    case("5.5以内", "number", 5.5, comparator="le"),
    case("5.5以下", "number", 5.5, comparator="le"),
    case("≤5", "number", 5, comparator="le"),
    case("不超过5", "number", 5, comparator="le"),
    case("不高于5", "number", 5, comparator="le"),
    case("<5.5", "number", 5.5, comparator="lt"),
    case("＜5.5", "number", 5.5, comparator="lt"),
    case("小于5.5", "number", 5.5, comparator="lt"),
    case("低于5.5", "number", 5.5, comparator="lt"),
    case("65左右", "number", 65, comparator="about"),
    case("约65", "number", 65, comparator="about"),
    case("6.5%以上", "number", 6.5, comparator="ge", unit="%"),
    case("≥ 95 %", "number", 95, comparator="ge", unit="%"),
    case("控制在5.5%以内", "number", 5.5, comparator="le", unit="%"),
    case("控制在5.5", "number", 5.5, comparator="le"),
    case("控制在5.5左右", "number", 5.5, comparator="about"),
    case("达到95%以上", "number", 95, comparator="ge", unit="%"),
    case("达到95", "number", 95),
    case("不低于90以上", "number", 90, comparator="ge"),
    case("约8以上", "number", 8, comparator="about", uncertain=True),
    # ranges
    case("6-7", "number", 6, upper=7),
    case("6~7", "number", 6, upper=7),
    case("6～7", "number", 6, upper=7),
    case("6—7", "number", 6, upper=7),
    case("6–7", "number", 6, upper=7),
    case("6至7", "number", 6, upper=7),
    case("6-7%", "number", 6, upper=7, unit="%"),
    case("6%-7%", "number", 6, upper=7, unit="%"),
    case("-2-3", "number", -2, upper=3),
    case("7-6", "number", 6, upper=7, uncertain=True),
    # rates and ratios
    case("16000/年", "number", 16000, per="年"),
    case("35/千人", "number", 35, per="千人"),
    case("3.2人/千人", "number", 3.2, unit="人", per="千人"),
    case("16000人/年以上", "number", 16000, unit="人", per="年", comparator="ge"),
    # five-year cumulative figures
    case("[13.5]", "cumulative", 13.5),
    case("〔13.5〕", "cumulative", 13.5),
    case("【13.5】", "cumulative", 13.5),
    case("［13.5］", "cumulative", 13.5),
    case("[-2]", "cumulative", -2),
    case("[13.5%]", "cumulative", 13.5, unit="%"),
    case("累计45.5", "cumulative", 45.5),
    case("累计[45.5]", "cumulative", 45.5),
    case("口13.5口", "cumulative", 13.5),
    case("口13.5", "cumulative", 13.5, uncertain=True),
    case("[13.5]以上", "cumulative", 13.5, comparator="ge"),
    case("〔≥13.5〕", "cumulative", 13.5, comparator="ge"),
    case("[13.5", "cumulative", 13.5, uncertain=True),
    case("13.5]", "cumulative", 13.5, uncertain=True),
    case("累计下降13.5%", "cumulative", -13.5, unit="%"),
    case("[6-7]", "cumulative", 6, upper=7),
    # changes over the period
    case("提高1岁", "change", 1, unit="岁"),
    case("增加2个百分点", "change", 2, unit="个百分点"),
    case("降低3个百分点", "change", -3, unit="个百分点"),
    case("下降3%", "change", -3, unit="%"),
    case("减少5", "change", -5),
    case("提高1岁以上", "change", 1, unit="岁", comparator="ge"),
    case("下降3%以上", "change", -3, unit="%", comparator="le"),
    case("下降1-2", "change", -2, upper=-1),
    case("下降-3", "change", 3, uncertain=True),
    # references to a higher plan
    case("控制在市目标内", "higher_plan", authority="市"),
    case("按市下达目标", "higher_plan", authority="市"),
    case("完成市下达目标", "higher_plan", authority="市"),
    case("完成市定目标", "higher_plan", authority="市"),
    case("完成省下达任务", "higher_plan", authority="省"),
    case("达到省定目标", "higher_plan", authority="省"),
    case("控制在省下达指标内", "higher_plan", authority="省"),
    case("确保完成国家下达的目标任务", "higher_plan", authority="国家"),
    case("完成上级下达目标", "higher_plan", authority="上级"),
    # relations to another indicator
    case("与经济增长基本同步", "relation", relation="same_pace", other="经济增长"),
    case("与地区生产总值增长同步", "relation", relation="same_pace", other="地区生产总值增长"),
    case("与经济增长保持同步", "relation", relation="same_pace", other="经济增长"),
    case("高于GDP增长", "relation", relation="higher", other="GDP增长", comparator="gt"),
    case("快于GDP增长", "relation", relation="higher", other="GDP增长", comparator="gt"),
    case("高于ＧＤＰ增长", "relation", relation="higher", other="GDP增长", comparator="gt"),
    case("不低于全省平均水平", "relation", relation="higher", other="全省平均水平", comparator="ge"),
    case("低于GDP增长", "relation", relation="lower", other="GDP增长", comparator="lt"),
    case("慢于经济增长", "relation", relation="lower", other="经济增长", comparator="lt"),
    # qualitative targets
    case("保持在合理区间", "qualitative"),
    case("保持稳定", "qualitative"),
    case("各年度视情提出", "qualitative"),
    case("稳步提高", "qualitative"),
    case("持续改善", "qualitative"),
    case("保持在合理区间、各年度视情提出", "qualitative"),
    # a figure and a clause after it: the figure is the target, the clause its note
    case("＞7、力争投入强度高于“十三五”时期实际", "number", 7, comparator="gt"),
    case("6.5左右，力争7", "number", 6.5, comparator="about"),
    case("不低于95%，其中农村不低于90%", "number", 95, comparator="ge", unit="%"),
    case("4.5-5,努力争取更好结果", "number", 4.5, upper=5),
    case("[13.5]；力争15", "cumulative", 13.5),
    case("6，7以上", "text", uncertain=True),
    case("待定，力争", "text", uncertain=True),
    # nothing known yet
    case("待定", "undetermined"),
    case("—", "undetermined"),
    case("-", "undetermined"),
    case("一", "undetermined"),
    case("–", "undetermined"),
    case("－", "undetermined"),
    case("/", "undetermined"),
    case("——", "undetermined"),
    case("…", "undetermined"),
    case("", "empty"),
    case("   ", "empty"),
    case("\u3000", "empty"),
    # figures of an earlier year
    case("58*", "number", 58, earlier_year=True),
    case("58%*", "number", 58, unit="%", earlier_year=True),
    case("[13.5]*", "cumulative", 13.5, earlier_year=True),
    case("待定*", "undetermined", uncertain=True),
    case("*", "text", uncertain=True),
    # what the grammar does not know, or only guesses
    case("约GDP", "text", uncertain=True),
    case("hello", "text", uncertain=True),
    case("13.5口", "text", uncertain=True),
    case("人口13.5", "text", uncertain=True),
    case("增长6.5%", "text", uncertain=True),
    case("2025年前完成", "text", uncertain=True),
    case("6 7", "text", uncertain=True),
    case("6,7", "text", uncertain=True),
    case("[1][2]", "text", uncertain=True),
    case("高于2020年水平", "text", uncertain=True),
    case("1" * 400, "text", uncertain=True),
    case("58①", "number", 58, uncertain=True),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_read_cell(text: str, expected: dict[str, object]) -> None:
    reading = read_cell(text)
    assert reading.model_dump(exclude={"note", "note_en"}) == expected
    if reading.uncertain:
        assert reading.note and reading.note_en


@pytest.mark.parametrize(
    ("text", "note", "note_en"),
    [
        ("口13.5", "只印出一个“口”", "one 口 only"),
        ("58*", "往年数据", "earlier year"),
        ("7-6", "从大到小", "high to low"),
        ("约8以上", "“约”与“以上”矛盾", "disagree"),
        ("hello", "“hello”未能按目标读出", "“hello” does not read"),
        ("58①", "①", "①"),
        ("提高+1岁", "既有“提高”又有正负号", "both “提高” and a sign"),
        ("＞7、力争投入强度高于“十三五”时期实际", "力争投入强度高于“十三五”时期实际", "力争投入强度"),
        ("6.5左右，力争7", "力争7", "力争7"),
    ],
)
def test_notes_say_why(text: str, note: str, note_en: str) -> None:
    """A note is a Chinese sentence an office reads (English where the interface is), never a code word."""
    reading = read_cell(text)
    assert note in (reading.note_text() or "") and note_en in (reading.note_text("en") or "")


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("６．５", "6.5"),
        (" 58 ％ ", "58%"),
        ("〔13.5〕", "[13.5]"),
        ("【13.5】", "[13.5]"),
        ("［13.5］", "[13.5]"),
        ("−10.9", "-10.9"),
        ("6—7", "6-7"),
        ("——", "--"),
        ("ＧＤＰ", "GDP"),
        ("170\u3000以上", "170以上"),
        ("1 234", "1 234"),
    ],
)
def test_normalize(text: str, canonical: str) -> None:
    assert normalize(text) == canonical


def _check(reading: Reading) -> None:
    """What holds for every reading, whatever the text."""
    assert isinstance(reading, Reading)
    assert reading.kind != "text" or reading.uncertain
    assert not reading.uncertain or reading.note
    for bound in (reading.value, reading.upper):
        assert bound is None or math.isfinite(bound)
    if reading.upper is not None:
        assert reading.value is not None
        assert reading.value <= reading.upper
    reading.model_dump_json()


@given(st.text())
def test_never_raises_on_any_text(text: str) -> None:
    _check(read_cell(text))


PIECES = [
    *"[]〔〕【】［］口*%/-—−~至一 .,",
    *["累计", "提高", "下降", "个百分点", "岁", "年", "千人", "人", "以上", "以内", "左右"],
    *["≥", "≤", ">", "<", "约", "不低于", "不超过", "控制在", "达到", "高于", "低于"],
    *["与", "基本", "同步", "GDP增长", "经济增长", "市", "省", "下达", "目标", "任务", "内"],
    *["保持", "稳定", "合理区间", "待定", "…", "①", "\u3000", "６", "．"],
    *["、", "，", "；", "力争", "其中", "各年度视情提出"],
]


@given(
    st.lists(
        st.one_of(st.sampled_from(PIECES), st.integers(-99999, 99999).map(str)),
        max_size=8,
    ).map("".join)
)
def test_never_raises_on_grammar_pieces(text: str) -> None:
    _check(read_cell(text))


def _full_width(text: str) -> str:
    return "".join(chr(ord(char) + 0xFEE0) if "!" <= char <= "~" else char for char in text)


figures = st.decimals(-100000, 100000, places=2, allow_nan=False, allow_infinity=False).map(
    lambda d: f"{d:f}"
)


@given(figures)
def test_figures_read_back(figure: str) -> None:
    value = float(figure)
    assert read_cell(figure).model_dump(include={"kind", "value"}) == {"kind": "number", "value": value}
    assert read_cell(_full_width(figure)) == read_cell(figure)
    bracketed = read_cell(f"〔{figure}〕以上")
    assert (bracketed.kind, bracketed.value, bracketed.comparator) == ("cumulative", value, "ge")


def test_a_pdf_fonts_marks_for_star_and_comparators_read_as_those():
    """PDF text layers give ∗ (U+2217) or ＊ for *, and ‹ › for < >."""
    for text, value, comparator in (("6左右∗", 6, "about"), (">46.5∗", 46.5, "gt"), ("‹2760＊", 2760, "lt")):
        reading = read_cell(text)
        assert (reading.kind, reading.value, reading.comparator) == ("number", value, comparator)
        assert reading.earlier_year and not reading.uncertain
    assert read_cell("›5").comparator == "gt"
