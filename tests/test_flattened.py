"""Indicator tables flattened into running text, beyond the sample."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planwatch.ingest import flattened, read_plan
from planwatch.ingest.blocks import Document, Paragraph
from planwatch.ingest.columns import split_name
from planwatch.ingest.readers.text import join_scraped
from planwatch.ingest.splitting import split_digits
from tests.tablecheck import mismatches


def _plan(text: str):
    return read_plan(Document([Paragraph(text)], format="text", source="county.txt"))


def test_split_digits_keeps_numbers_well_formed():
    assert split_digits("3027", 2) == [["3", "027"], ["30", "27"], ["302", "7"]][1:]
    assert ["82.72", "8", "99.85", "6.4"] in split_digits("82.72899.856.4", 4)
    assert all(not p.startswith(".") and not p.endswith(".") for s in split_digits("1.2.3", 2) for p in s)


def test_names_and_units():
    assert split_name("地区生产总值(亿元)") == ("地区生产总值", "亿元", False)
    assert split_name("服务业增加值比重()") == ("服务业增加值比重", "%", True)
    assert split_name("研究与试验发展(R&D)经费投入强度(%)") == ("研究与试验发展(R&D)经费投入强度", "%", False)
    assert split_name("其中:第一产业") == ("其中:第一产业", None, False)


# A county plan of the same kind, written for these tests: other names, figures and groups.
COUNTY = (
    "第一章发展基础1第二章主要目标2"
    "第一章发展基础全县经济稳步增长,地区生产总值年均增长6.8%。"
    "第二章主要目标表1:某县“十四五”经济社会发展主要指标指标“十三五”基数“十四五”目标属性"
    "2020年绝对值年均增长(%)2025年绝对值年均增长(%)"
    "一、经济发展1地区生产总值增长(%)6.86以上预期性2一般公共预算收入(亿元)8.59.2预期性"
    "3常住人口城镇化率(%)48.658预期性二、民生福祉4城镇调查失业率(%)5.5以内预期性"
    "5人均预期寿命(岁)76.81预期性三、生态环境6单位GDP能源消耗降低(%)控制在市目标内约束性"
    "7森林覆盖率(%)31.235约束性注:1.地区生产总值增速按可比价计算。2.[ ]内为五年累计数。"
    "全县上下要凝心聚力,确保目标实现。"
)


def test_a_county_table_reads_row_by_row():
    plan = _plan(COUNTY)
    assert len(plan.tables) == 1
    table = plan.tables[0]
    assert table.caption.startswith("表1:某县")
    assert table.groups == ["一、经济发展", "二、民生福祉", "三、生态环境"]
    rows = {r.name: r for r in table.rows}
    assert list(rows) == [
        "地区生产总值增长",
        "一般公共预算收入",
        "常住人口城镇化率",
        "城镇调查失业率",
        "人均预期寿命",
        "单位GDP能源消耗降低",
        "森林覆盖率",
    ]
    cells = {name: [c.raw for c in r.cells] for name, r in rows.items()}
    assert cells["地区生产总值增长"] == ["", "6.8", "", "6以上"]
    assert cells["一般公共预算收入"] == ["8.5", "", "9.2", ""]
    assert cells["常住人口城镇化率"] == ["48.6", "", "58", ""]
    assert cells["城镇调查失业率"] == ["", "", "5.5以内", ""]
    assert cells["人均预期寿命"] == ["76.8", "", "[1]", ""]
    assert cells["单位GDP能源消耗降低"][2] == "控制在市目标内"
    assert cells["森林覆盖率"] == ["31.2", "", "35", ""]
    assert [r.attribute for r in table.rows] == ["预期性"] * 5 + ["约束性"] * 2
    assert rows["城镇调查失业率"].category == "民生福祉"
    assert table.notes == ["地区生产总值增速按可比价计算。", "[ ]内为五年累计数。"]
    # the prose after the notes is the chapter's text again, not part of the table
    assert plan.outline[1].text.endswith("确保目标实现。")


def test_a_run_that_fits_no_reading_is_kept_and_flagged():
    text = (
        "表3:主要指标序号指标2020年2025年一、经济发展1地区生产总值(亿元)1002003外贸依存度(%)"
        "12.3.4.5.6.7.8.9.1.2.3预期性"
    )
    table = _plan(text).tables[0]
    last = table.rows[-1]
    assert last.name == "外贸依存度"
    assert last.cells and all(c.uncertain for c in last.cells)


# -- the sample as a PDF's text layer prints it ----------------------------------------------


@pytest.fixture(scope="module")
def sample_runs(sample_file) -> list[str]:
    """The sample's text as runs, its scrape markers taken out."""
    runs, _ = join_scraped(sample_file.read_text(encoding="utf-8").split("\n"))
    return runs


def printed_lines(runs: list[str], width: int, page: int, seed: int) -> list[str]:
    """The runs cut into printed lines of about `width` characters, a page number every `page` lines or so."""
    rnd = random.Random(seed)
    lines: list[str] = []
    for run in runs:
        k = 0
        while k < len(run):
            step = width + rnd.randint(-2, 2)
            lines.append(run[k : k + step])
            k += step
    out: list[str] = []
    left, number = rnd.randint(1, page), 1
    for line in lines:
        out.append(line)
        left -= 1
        if left == 0:
            out.append(rnd.choice([f"- {number} -", f"— {number} —", f"第{number}页"]))
            left, number = page + rnd.randint(-3, 3), number + 1
    return out


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(width=st.integers(8, 60), page=st.integers(4, 40), seed=st.integers(0, 10**6))
def test_the_sample_cut_into_printed_lines_gives_the_same_tables(sample_runs, expected, width, page, seed):
    """Line breaks and page numbers cut a run-together table anywhere, even a caption or a figure."""
    text = "\n".join(printed_lines(sample_runs, width, page, seed))
    tables = [f.table for f in flattened.find_tables(text, [])]
    assert len(tables) == len(expected["tables"])
    for got, want in zip(tables, expected["tables"], strict=True):
        assert got.cell_columns == want["cell_columns"]
        assert got.groups == want["groups"]
        assert mismatches(got, want) == []


def test_the_sample_as_printed_lines_reads_both_tables_in_a_plan(sample_runs, expected):
    lines = printed_lines(sample_runs, 30, 25, seed=7)
    plan = read_plan(Document([Paragraph(line) for line in lines], format="text", source="weidu.txt"))
    assert [t.caption[:3] for t in plan.tables] == ["专栏1", "表2:"]
    for got, want in zip(plan.tables, expected["tables"], strict=True):
        assert mismatches(got, want) == []


def test_warnings_of_a_flattened_table_name_it_in_chinese_and_english():
    text = COUNTY.replace("常住人口城镇化率(%)", "常住人口城镇化率()")
    table_warnings = [w for w in _plan(text).warnings if w.code == "unit_lost"]
    assert table_warnings
    for w in table_warnings:
        assert w.message.startswith("表1:某县") and "常住人口城镇化率" in w.message
        assert w.message_en and "常住人口城镇化率" in w.message_en and "unit" in w.message_en
