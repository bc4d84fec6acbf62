"""Indicator tables in text that keeps its printed lines, read back cell for cell in every layout.

Each table below is a printed grid (header rows, then body rows, merged cells
with their spans). It is printed as text in each layout of `layouts_text`,
with page numbers and the header again at random places, and read back; the
reading must equal the reading of the grid itself as a real table.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planwatch.ingest import flattened, grid_tables, line_tables, read_plan
from planwatch.ingest.blocks import Document, GridCell, Paragraph, TableBlock
from planwatch.plan import Table
from tests import layouts_text as layouts
from tests.layouts import AFTER, BEFORE, HEADING, MAIN, expected, printed
from tests.layouts import LAYOUTS as PLAN_LAYOUTS
from tests.test_table_layouts import DOUBTS, differences

DATA = Path(__file__).parent / "data"
CORPUS = Path(__file__).parent.parent.parent / "shared" / "corpus" / "beijing-15th.txt"
CAPTION = "表1 “十五五”时期经济社会发展主要指标"


def _c(text: str, rowspan: int = 1, colspan: int = 1) -> GridCell:
    return GridCell(text, rowspan, colspan)


def _row(*texts: str) -> list[GridCell]:
    return [_c(t) for t in texts]


# A merged 类别 column, a merged 属性 over two sub-rows, phrases and wrapped names.
CATEGORIES = TableBlock(
    [
        _row("类别", "序号", "指标", "2025年", "2030年目标", "属性"),
        [
            _c("创新发展(3项)", rowspan=3),
            *_row("1", "全社会研究与试验发展经费支出占地区生产总值比重(%)", "6左右", ">6", "预期性"),
        ],
        _row("2", "每万人口高价值发明专利拥有量(件)", "180.7", "240左右", "预期性"),
        _row("3", "地区生产总值年均增速(%)", "5.4", "4.5-5,努力争取更好结果", "预期性"),
        [
            _c("绿色安全(4项)", rowspan=6),
            *_row("4", "细颗粒物年均浓度(微克/立方米)", "27", "达到国家要求", "约束性"),
        ],
        _row("5", "单位地区生产总值二氧化碳排放降幅(%)", "—", "完成国家下达的目标", "约束性"),
        _row("6", "十万常住人口火灾死亡率", "0.25", "≤0.25", "预期性"),
        _row("7", "食品药品安全", "", "", ""),
        [*_row("", "食品安全抽检合格率(%)", ">98.5", ">98.7"), _c("约束性", rowspan=2)],
        _row("", "药品抽检合格率(%)", ">99", ">99"),
    ]
)
# Two header levels, group rows across the table, cells left empty.
TWO_LEVELS = TableBlock(
    [
        [
            _c("序号", rowspan=2),
            _c("指标", rowspan=2),
            _c("“十三五”基数", colspan=2),
            _c("“十四五”目标", colspan=2),
            _c("属性", rowspan=2),
        ],
        _row("2020年绝对值", "年均增长(%)", "2025年绝对值", "年均增长(%)"),
        [_c("一、经济发展", colspan=7)],
        _row("1", "地区生产总值增长(%)", "", "7", "", "6.5", "预期性"),
        _row("2", "一般公共预算收入(亿元)", "13.5", "8", "17", "6", "预期性"),
        _row("3", "常住人口城镇化率(%)", "55.2", "", "60", "", "预期性"),
        [_c("二、绿色生态", colspan=7)],
        _row("4", "单位GDP能源消耗降低(%)", "", "", "控制在市目标内", "", "约束性"),
        _row("5", "森林覆盖率(%)", "31.2", "", "33以上", "", "约束性"),
    ]
)
# A unit column and no attribute.
UNITS = TableBlock(
    [
        _row("序号", "指标名称", "单位", "2020年", "2025年目标"),
        _row("1", "地区生产总值", "亿元", "1200", "1800"),
        _row("2", "研发经费投入强度", "%", "2.1", "2.8"),
        _row("3", "城镇新增就业", "万人", "[5]", "[6]"),
        _row("4", "空气质量优良天数比例", "%", "85", "达到省下达目标"),
    ]
)
TABLES = {"categories": (CATEGORIES, 1), "two_levels": (TWO_LEVELS, 2), "units": (UNITS, 1)}
LAYOUTS = {
    "row_a_line": layouts.row_a_line,
    "aligned": layouts.aligned,
    "cell_a_line": layouts.cell_a_line,
    "wrapped": layouts.wrapped,
}


def _facts(table: Table) -> dict:
    return {
        "columns": table.columns,
        "cell_columns": table.cell_columns,
        "groups": table.groups,
        "rows": [
            (
                r.number,
                r.name,
                r.unit,
                [c.raw for c in r.cells],
                [c.column for c in r.cells],
                r.attribute,
                r.category,
                r.parent,
            )
            for r in table.rows
        ],
    }


def _read_back(lines: list[str]) -> list:
    text = "\n".join(["全区上下要凝心聚力,确保目标实现。", CAPTION, *lines, "第三章 创新驱动"])
    return flattened.find_tables(text, [text.index("第三章")])


def _as_printed(block: TableBlock) -> dict:
    table, _ = grid_tables.build_table(block, CAPTION)
    assert table is not None
    return _facts(table)


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("name", TABLES)
def test_each_layout_reads_back_cell_for_cell(name, layout):
    block, header_rows = TABLES[name]
    lines, _ = LAYOUTS[layout](block, header_rows)
    found = _read_back(lines)
    assert len(found) == 1
    assert found[0].table.caption == CAPTION
    assert _facts(found[0].table) == _as_printed(block)


@settings(max_examples=40, deadline=None)
@given(
    name=st.sampled_from(sorted(TABLES)),
    layout=st.sampled_from(sorted(LAYOUTS)),
    seed=st.integers(0, 10_000),
    every=st.integers(2, 12),
)
def test_page_numbers_and_repeated_headers_anywhere(name, layout, seed, every):
    block, header_rows = TABLES[name]
    lines, _ = layouts.with_footers(LAYOUTS[layout](block, header_rows), seed, every)
    found = _read_back(lines)
    assert len(found) == 1
    assert _facts(found[0].table) == _as_printed(block)
    repeats = sum(1 for line in lines if re.fullmatch(r"[—\-－] ?\d+ ?[—\-－]", line))
    said = [w for w in found[0].warnings if w.code == "header_repeated"]
    assert len(said) == (1 if repeats else 0)
    assert all(f"（{repeats}处）" in w.message and CAPTION in w.message and w.message_en for w in said)


@given(size=st.integers(20, 40))
@settings(max_examples=25, deadline=None)
def test_cells_wrapped_at_any_width(size):
    for block, header_rows in TABLES.values():
        found = _read_back(layouts.wrapped(block, header_rows, size)[0])
        assert _facts(found[0].table) == _as_printed(block)


def test_the_table_ends_where_its_notes_and_the_prose_begin():
    lines, _ = layouts.wrapped(CATEGORIES, 1)
    text = "\n".join(
        [
            CAPTION,
            *lines,
            "注:1.【 】为5年累计数。",
            "2.带∗为预计数,2025年数",
            "据为快报数。",
            "— 13 —",
            "服务保障政治中心是党和国家赋予北京的重大职责使命。",
            "“十五五”时期,坚持“看北京",
        ]
    )
    found = flattened.find_tables(text, [])
    table = found[0].table
    assert table.notes == ["【 】为5年累计数。", "带∗为预计数,2025年数据为快报数。"]
    assert text[found[0].end - 1] == "。" and "服务保障" not in text[found[0].start : found[0].end]


def test_a_guessed_join_and_an_unfilled_row_are_said():
    lines = [
        "序号 指标 2020年 2025年目标 属性",
        "1 地区生产总值(亿元) 1200",
        "完成市下达",
        "目标 预期性",
        "2 森林覆盖率(%) 35 预期性",
    ]
    found = _read_back(lines)
    table = found[0].table
    assert [c.raw for c in table.rows[0].cells] == ["1200", "完成市下达目标"]
    assert [c.raw for c in table.rows[1].cells] in (["35", ""], ["", "35"])
    codes = {w.code: w for w in found[0].warnings}
    assert "row_unfilled" in codes
    assert "森林覆盖率" in codes["row_unfilled"].message and "森林覆盖率" in codes["row_unfilled"].message_en


def test_no_header_no_table():
    text = "\n".join(["序号 指标", "1 地区生产总值(亿元) 1200 1800 预期性", "第一章 总则", "指标 说明 很多"])
    assert line_tables.find_tables(text, []) == []


def _beijing_table(text: str) -> Table:
    plan = read_plan(Document([Paragraph(line) for line in text.split("\n")], format="text", source="bj.txt"))
    return next(t for t in plan.tables if "主要指标" in t.caption)


def test_the_beijing_table_as_its_pdf_text_layer_prints_it():
    table = _beijing_table((DATA / "beijing-15th-indicators.txt").read_text(encoding="utf-8"))
    assert table.caption == "“十五五”时期经济社会发展主要指标"
    assert table.cell_columns == ["2025年", "2030年目标"]
    numbered = [r for r in table.rows if r.number]
    assert [r.number for r in numbered] == [str(n) for n in range(1, 30)]
    rows = {r.name: r for r in table.rows}
    first = rows["全社会研究与试验发展经费支出占地区生产总值比重"]
    assert (first.unit, [c.raw for c in first.cells], first.attribute) == ("%", ["6左右∗", ">6"], "预期性")
    assert [c.raw for c in rows["地区生产总值年均增速"].cells] == ["5.4", "4.5-5,努力争取更好结果"]
    assert [c.raw for c in rows["细颗粒物年均浓度"].cells] == ["27", "达到国家要求"]
    assert [c.raw for c in rows["单位地区生产总值生产安全事故死亡率"].cells] == ["0.6", "<0.6"]
    assert rows["单位地区生产总值生产安全事故死亡率"].unit == "人/百亿元"
    assert [c.raw for c in rows["非化石能源占能源消费总量比重"].cells] == [
        "—",
        "完成经国家审核衔接后确定的目标",
    ]
    assert rows["3岁以下婴幼儿入托率提高"].unit == "百分点"
    assert [(r.name, r.parent, r.attribute) for r in table.rows[-2:]] == [
        ("食品安全抽检合格率", "食品药品安全", "约束性"),
        ("药品抽检合格率", "食品药品安全", "约束性"),
    ]
    categories = [r.category for r in numbered]
    assert (
        categories
        == ["创新发展"] * 5
        + ["协调发展"] * 5
        + ["绿色发展"] * 6
        + ["开放发展"] * 4
        + ["共享发展"] * 6
        + ["安全稳定"] * 3
    )
    assert len(table.notes) == 3 and table.notes[2].endswith("10.14%。")


@pytest.mark.skipif(not CORPUS.exists(), reason="the corpus is not beside the repository")
def test_the_whole_beijing_plan_reads_its_table():
    table = _beijing_table(CORPUS.read_text(encoding="utf-8"))
    assert len([r for r in table.rows if r.number]) == 29
    assert all(r.attribute for r in table.rows if r.cells)


# -- the layouts of tests/layouts.py, printed as text -------------------------------------------


def _plan_of(lines: list[str]):
    paragraphs = [Paragraph(line) for line in [HEADING, BEFORE, *lines, AFTER]]
    return read_plan(Document(paragraphs, format="text", source="plan.txt"))


# The plan layouts read back from text today; the others (two-level headers with 单位, no base column,
# no attribute, cells wrapped narrower than the names) are not yet read from text.
READ_FROM_TEXT = [
    (name, text)
    for name in ("national", "city_portal", "repeated_header", "stacked_in_cell")
    for text in ("row_a_line", "aligned", "cell_a_line")
    if (name, text) != ("repeated_header", "cell_a_line")
]


@pytest.mark.parametrize(("layout_name", "text_layout"), READ_FROM_TEXT)
def test_every_plan_layout_as_text_reads_back(layout_name, text_layout):
    layout = PLAN_LAYOUTS[layout_name]
    plan = _plan_of(layouts.text_of(printed(MAIN, layout), LAYOUTS[text_layout]))
    (table,) = [t for t in plan.tables if t.caption == MAIN.caption]
    assert table.flattened
    assert differences(table, expected(MAIN, layout)) == []
    assert table.notes == list(MAIN.notes)
    groups = [f"{n}、{c.name}" for n, c in zip("一二三四", MAIN.categories, strict=True)]
    assert table.groups == (groups if layout.category == "group_row" else [])
    assert [w.message for w in plan.warnings if w.code in DOUBTS] == []
    assert AFTER in plan.outline[0].text and "地区生产总值" not in plan.outline[0].text
