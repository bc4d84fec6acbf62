"""Indicator tables in text that keeps its printed lines, read back cell for cell in every layout.

Each table below, and each layout of tests/layouts.py, is a printed grid (header rows, then body rows,
merged cells with their spans). It is printed as text in each layout of `layouts_text` (a row a line,
columns aligned by runs of spaces, a cell a line, cells wrapped in a narrow column, aligned columns whose
cells wrap), with the merged category at the top of its rows or in their middle, with page numbers and the
header again at random places, and read back; the reading must equal the reading of the grid itself as a
real table, or what the layout says the table holds.

Cells are wrapped at every width the table can be printed at: from the widest piece no line may break
inside (a figure, a Latin word, punctuation bound to them: `（PM2.5）`) up to the widest cell. Narrower
than that a printer lets the piece run past the column's edge, and the table is no longer printed at
that width, so there is nothing narrower to read.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from planwatch.ingest import flattened, grid_tables, line_tables, read_plan
from planwatch.ingest.blocks import Document, GridCell, Paragraph, TableBlock
from planwatch.plan.model import Table
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
TEXT_LAYOUTS = {
    "row_a_line": layouts.row_a_line,
    "aligned": layouts.aligned,
    "cell_a_line": layouts.cell_a_line,
    "wrapped": layouts.wrapped,
    "aligned_wrapped": functools.partial(layouts.aligned, size=12),
}
WRAPPERS = {"wrapped": layouts.wrapped, "aligned_wrapped": layouts.aligned}
# Categories that print how many rows they cover (`(4项)`) may be printed in the middle of their rows.
COUNTED = [name for name, layout in PLAN_LAYOUTS.items() if layout.category == "stacked_column"]


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


def _said_well(warnings) -> bool:
    """Every warning names the table, in Chinese and in English."""
    return all(CAPTION in w.message and w.message_en and CAPTION in w.message_en for w in warnings)


@pytest.mark.parametrize("centre", [False, True])
@pytest.mark.parametrize("layout", TEXT_LAYOUTS)
@pytest.mark.parametrize("name", TABLES)
def test_each_layout_reads_back_cell_for_cell(name, layout, centre):
    block, header_rows = TABLES[name]
    shown = layouts.centred(block, header_rows) if centre else block
    lines, _ = TEXT_LAYOUTS[layout](shown, header_rows)
    found = _read_back(lines)
    assert len(found) == 1
    assert found[0].table.caption == CAPTION
    assert _facts(found[0].table) == _as_printed(block)
    assert _said_well(found[0].warnings)


@settings(max_examples=60, deadline=None)
@given(
    name=st.sampled_from(sorted(TABLES)),
    layout=st.sampled_from(sorted(TEXT_LAYOUTS)),
    centre=st.booleans(),
    seed=st.integers(0, 10_000),
    every=st.integers(2, 12),
)
def test_page_numbers_and_repeated_headers_anywhere(name, layout, centre, seed, every):
    block, header_rows = TABLES[name]
    shown = layouts.centred(block, header_rows) if centre else block
    lines, _ = layouts.with_footers(TEXT_LAYOUTS[layout](shown, header_rows), seed, every)
    found = _read_back(lines)
    assert len(found) == 1
    assert _facts(found[0].table) == _as_printed(block)
    repeats = sum(1 for line in lines if re.fullmatch(r"[—\-－] ?\d+ ?[—\-－]", line))
    said = [w for w in found[0].warnings if w.code == "header_repeated"]
    assert len(said) == (1 if repeats else 0)
    assert all(f"（{repeats}处）" in w.message for w in said) and _said_well(found[0].warnings)


def _guessed_rows(warnings) -> set[str]:
    """The rows a warning says were cut from their sub-rows by guess (`第7行`)."""
    return {
        n for w in warnings if w.code == "name_split_guessed" for n in re.findall(r"第(\d+)行", w.message)
    }


@st.composite
def _widths(draw, blocks):
    """A table, a wrapping layout and a width it can be printed at (see the module's docstring)."""
    name = draw(st.sampled_from(sorted(blocks)))
    block, header_rows = blocks[name]
    widest = max(layouts.width(t) for row in layouts.printed_rows(block)[header_rows:] for _, t in row)
    size = draw(st.integers(layouts.narrowest(block, header_rows), widest + 1))
    return name, draw(st.sampled_from(sorted(WRAPPERS))), size


@settings(max_examples=80, deadline=None)
@given(case=_widths(TABLES), centre=st.booleans())
@example(case=("categories", "wrapped", 6), centre=False)
@example(case=("categories", "aligned_wrapped", 6), centre=True)
def test_cells_wrapped_at_any_width(case, centre):
    """Read back exactly; where a row's name and its first sub-row's wrap over lines that are all equally
    full, no width tells where one ends, and the cut is a guess the reading says (naming the row)."""
    name, wrapper, size = case
    block, header_rows = TABLES[name]
    shown = layouts.centred(block, header_rows) if centre else block
    found = _read_back(WRAPPERS[wrapper](shown, header_rows, size=size)[0])
    assert len(found) == 1 and _said_well(found[0].warnings)
    got, want = _facts(found[0].table), _as_printed(block)
    if got != want:
        guessed = _guessed_rows(found[0].warnings)
        parents = {r[1]: r[0] for r in want["rows"]}
        wrong = [w for g, w in zip(got["rows"], want["rows"], strict=False) if g != w]
        assert guessed and all(w[0] in guessed or parents.get(w[7]) in guessed for w in wrong), wrong


def test_a_name_cut_from_its_first_sub_row_by_guess_is_said():
    """`食品药` `品安全` `食品安` `全抽检` …: every line equally full, so no width tells where the row's
    name ends and its first sub-row's begins; the cut is made where the line was least full, and said."""
    lines, _ = layouts.wrapped(CATEGORIES, 1, size=6)
    found = _read_back(lines)
    assert _guessed_rows(found[0].warnings) == {"7"}
    rows = found[0].table.rows
    assert [r.parent for r in rows[-2:]] == [rows[-3].name] * 2 and rows[-3].cells == []
    assert _said_well(found[0].warnings)


def test_aligned_cells_are_placed_where_they_stand():
    """Columns aligned by runs of spaces: an empty cell is known to be empty, a lone figure stands in its
    own column; the same rows with single spaces are placed by what the columns hold, and that is said."""
    aligned = [
        "序号   指标                   2020年   2025年目标   年均增长(%)   属性",
        "1      地区生产总值(亿元)     1200     1800         8             预期性",
        "2      森林覆盖率(%)                   35                         约束性",
        "3      地区生产总值增长(%)    7                     6             预期性",
    ]
    found = _read_back(aligned)
    rows = found[0].table.rows
    assert [[c.raw for c in r.cells] for r in rows] == [["1200", "1800", "8"], ["", "35", ""], ["7", "", "6"]]
    assert [w.code for w in found[0].warnings if w.code in DOUBTS] == []
    spaced = _read_back([re.sub(r" {2,}", " ", line) for line in aligned])
    unfilled = [w for w in spaced[0].warnings if w.code == "row_unfilled"]
    assert {re.search(r"第(\d)[行项]", w.message).group(1) for w in unfilled} == {"2", "3"}
    assert _said_well(spaced[0].warnings)


def test_aligned_cells_wrapped_under_themselves_are_read_by_place():
    lines = [
        "序号   指标             2025年     2030年目标     属性",
        "1      地区生产总值年   5.4        4.5-5,努力     预期性",
        "       均增速(%)                   争取更好结果",
        "2      细颗粒物年均浓   27         达到国家要求   约束性",
        "       度(微克/立方",
        "       米)",
        "3      森林覆盖率(%)    —          45             约束性",
    ]
    rows = _read_back(lines)[0].table.rows
    assert [(r.name, r.unit, [c.raw for c in r.cells], r.attribute) for r in rows] == [
        ("地区生产总值年均增速", "%", ["5.4", "4.5-5,努力争取更好结果"], "预期性"),
        ("细颗粒物年均浓度", "微克/立方米", ["27", "达到国家要求"], "约束性"),
        ("森林覆盖率", "%", ["—", "45"], "约束性"),
    ]


def test_counts_that_do_not_fit_the_rows_are_said():
    """A category label whose count does not fit is not trusted: labels start where they are printed."""
    lines = [
        "类别 序号 指标 2025年 2030年目标 属性",
        "经济发展(3项) 1 地区生产总值(亿元) 1200 1800 预期性",
        "2 城镇化率(%) 60 65 预期性",
        "民生福祉(2项) 3 人均预期寿命(岁) 78 79 预期性",
    ]
    found = _read_back(lines)
    assert [r.category for r in found[0].table.rows] == ["经济发展", "经济发展", "民生福祉"]
    (said,) = [w for w in found[0].warnings if w.code == "category_count_mismatch"]
    assert "经济发展(3项)" in said.message and "3 rows" in said.message_en and _said_well([said])


def test_a_row_number_out_of_order_is_said_where_columns_are_aligned():
    lines = [
        "序号   指标                 2020年   2025年目标   属性",
        "1      地区生产总值(亿元)   1200     1800         预期性",
        "3      森林覆盖率(%)        30       35           约束性",
    ]
    found = _read_back(lines)
    assert [r.number for r in found[0].table.rows] == ["1", "3"]
    (said,) = [w for w in found[0].warnings if w.code == "row_number_skipped"]
    assert "第3行" in said.message and "row 3" in said.message_en


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


def _reads_back(layout_name: str, lines: list[str]) -> tuple[Table, list]:
    layout = PLAN_LAYOUTS[layout_name]
    plan = _plan_of(lines)
    (table,) = [t for t in plan.tables if t.caption == MAIN.caption]
    assert table.flattened
    assert table.notes == list(MAIN.notes)
    groups = [f"{n}、{c.name}" for n, c in zip("一二三四", MAIN.categories, strict=True)]
    assert table.groups == (groups if layout.category == "group_row" else [])
    assert AFTER in plan.outline[0].text and "地区生产总值" not in plan.outline[0].text
    return table, plan.warnings


@pytest.mark.parametrize("text_layout", TEXT_LAYOUTS)
@pytest.mark.parametrize("layout_name", PLAN_LAYOUTS)
def test_every_plan_layout_as_text_reads_back(layout_name, text_layout):
    table, warnings = _reads_back(
        layout_name, layouts.text_of(printed(MAIN, PLAN_LAYOUTS[layout_name]), TEXT_LAYOUTS[text_layout])
    )
    assert differences(table, expected(MAIN, PLAN_LAYOUTS[layout_name])) == []
    assert [w.message for w in warnings if w.code in DOUBTS] == []


@pytest.mark.parametrize("text_layout", TEXT_LAYOUTS)
@pytest.mark.parametrize("layout_name", COUNTED)
def test_categories_printed_in_the_middle_of_their_rows_are_placed_by_their_counts(layout_name, text_layout):
    """`经济\n发展\n(4项)` beside the middle of its rows (as a cell centred in its height prints) covers
    the four rows around it, counted off from the first."""
    lines = layouts.text_of(printed(MAIN, PLAN_LAYOUTS[layout_name]), TEXT_LAYOUTS[text_layout], centre=True)
    table, warnings = _reads_back(layout_name, lines)
    assert differences(table, expected(MAIN, PLAN_LAYOUTS[layout_name])) == []
    assert [w.message for w in warnings if w.code in DOUBTS or w.code.startswith("category")] == []


@pytest.mark.parametrize("text_layout", ["row_a_line", "aligned", "cell_a_line"])
def test_a_category_without_its_count_in_the_middle_of_its_rows_is_said(text_layout):
    """Without its count a label in the middle of its rows may belong to the rows above it or below:
    it is read from where it stands, and the rows before the first label say the reading is unsure."""
    lines = layouts.text_of(printed(MAIN, PLAN_LAYOUTS["national"]), TEXT_LAYOUTS[text_layout], centre=True)
    (said,) = [w for w in _plan_of(lines).warnings if w.code == "category_unplaced"]
    assert MAIN.caption in said.message and said.message_en


@settings(max_examples=40, deadline=None)
@given(
    layout_name=st.sampled_from(sorted(PLAN_LAYOUTS)),
    text_layout=st.sampled_from(sorted(TEXT_LAYOUTS)),
    centre=st.booleans(),
    seed=st.integers(0, 10_000),
    every=st.integers(2, 12),
)
def test_every_plan_layout_over_pages_reads_back(layout_name, text_layout, centre, seed, every):
    layout = PLAN_LAYOUTS[layout_name]
    lines = layouts.text_of(
        printed(MAIN, layout), TEXT_LAYOUTS[text_layout], centre and layout_name in COUNTED, (seed, every)
    )
    table, warnings = _reads_back(layout_name, lines)
    assert differences(table, expected(MAIN, layout)) == []
    assert [w.message for w in warnings if w.code in DOUBTS] == []


PLAN_BLOCKS = {
    name: (TableBlock(p.rows[int(p.caption_row) : len(p.rows) - len(MAIN.notes)]), p.header_rows)
    for name, p in ((name, printed(MAIN, layout)) for name, layout in PLAN_LAYOUTS.items())
}


@settings(max_examples=80, deadline=None)
@given(case=_widths(PLAN_BLOCKS), centre=st.booleans())
@example(case=("national", "wrapped", 9), centre=False)
@example(case=("repeated_header", "aligned_wrapped", 9), centre=True)
def test_every_plan_layout_wrapped_at_any_width(case, centre):
    """As `test_cells_wrapped_at_any_width`, for every layout of tests/layouts.py."""
    layout_name, wrapper, size = case
    layout = PLAN_LAYOUTS[layout_name]
    render = functools.partial(WRAPPERS[wrapper], size=size)
    table, warnings = _reads_back(
        layout_name, layouts.text_of(printed(MAIN, layout), render, centre and layout_name in COUNTED)
    )
    wrong = differences(table, expected(MAIN, layout))
    if wrong:
        guessed = _guessed_rows(warnings)
        want = expected(MAIN, layout)
        numbers = {w["name"]: w["number"] for w in want}
        named = {w["name"] for w in want if w["number"] in guessed or numbers.get(w["parent"]) in guessed}
        assert guessed and all(line.split(":")[0] in named for line in wrong if ":" in line), wrong
    else:
        assert [w.message for w in warnings if w.code in DOUBTS] == []
