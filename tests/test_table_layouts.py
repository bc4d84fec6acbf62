"""Every layout of tests/layouts.py, written as .docx, .html and .pdf, reads back cell for cell."""

from __future__ import annotations

import importlib.util
import json
import unicodedata
from pathlib import Path

import pytest

from planwatch.ingest import ingest
from planwatch.ingest.blocks import Document, Paragraph, TableBlock
from planwatch.ingest.blocks import GridCell as G
from planwatch.ingest.grid_tables import build_table
from planwatch.ingest.pipeline import read_plan
from planwatch.ingest.table_roles import ROLE_LABELS, ROLE_LABELS_EN, ROLES, role_values
from planwatch.plan.model import Plan, Table
from tests.layouts import LAYOUTS, MAIN, expected, printed, text_grid, write_docx, write_html, write_pdf

WRITERS = {"docx": write_docx, "html": write_html, "pdf": write_pdf}
# Warnings the table reader gives about a table it is unsure of; a clean layout gives none.
DOUBTS = {"column_role_guessed", "row_unfilled", "row_without_name", "unit_lost", "roles_do_not_fit"}


def figure(text: str) -> str:
    """A value as compared: brackets, the word 累计 and spaces are how it is printed; a dash is nothing."""
    text = unicodedata.normalize("NFKC", text).replace(" ", "").strip("[]〔〕")
    text = text.removeprefix("累计").strip("[]")
    return "" if text in ("—", "-", "一") else text


def differences(table: Table, want: list[dict]) -> list[str]:
    """Each expected row against the row read under the same name and parent."""
    out = []
    for w in want:
        row = next((r for r in table.rows if r.name == w["name"] and r.parent == w["parent"]), None)
        if row is None:
            out.append(f"{w['name']}: not read (rows: {[r.name for r in table.rows]})")
            continue
        for field in ("number", "unit", "category", "attribute"):
            if getattr(row, field) != w[field]:
                out.append(f"{w['name']}: {field} {getattr(row, field)!r}, want {w[field]!r}")
        if w["values"] is None:
            if row.cells:
                out.append(f"{w['name']}: a parent row with cells {[c.raw for c in row.cells]}")
            continue
        values = {}
        for role, text in role_values(table, row).items():
            if figure(text):
                values[role.replace("base_growth", "base")] = figure(text)
        want_values = {k: figure(v) for k, v in w["values"].items()}
        if values != want_values:
            out.append(f"{w['name']}: values {values}, want {want_values}")
    if len(table.rows) != len(want):
        out.append(f"{len(table.rows)} rows read, want {len(want)}")
    return out


def read_back(tmp_path: Path, layout_name: str, fmt: str) -> tuple[Plan, Table]:
    path = tmp_path / f"plan.{fmt}"
    WRITERS[fmt](path, printed(MAIN, LAYOUTS[layout_name]))
    plan = ingest(path)
    tables = [t for t in plan.tables if t.caption == MAIN.caption]
    assert len(tables) == 1, [t.caption for t in plan.tables]
    return plan, tables[0]


@pytest.mark.parametrize("fmt", list(WRITERS))
@pytest.mark.parametrize("layout_name", list(LAYOUTS))
def test_every_layout_reads_back_cell_for_cell(tmp_path: Path, layout_name: str, fmt: str) -> None:
    plan, table = read_back(tmp_path, layout_name, fmt)
    assert differences(table, expected(MAIN, LAYOUTS[layout_name])) == []
    assert table.notes == list(MAIN.notes)
    groups = [f"{n}、{c.name}" for n, c in zip("一二三四", MAIN.categories, strict=True)]
    assert table.groups == (groups if LAYOUTS[layout_name].category == "group_row" else [])
    assert [w.message for w in plan.warnings if w.code in DOUBTS] == []
    assert table.block == 0
    assert len(table.roles) == len(table.columns)
    box = next(n for n in _nodes(plan.outline) if n.table is not None)
    assert (box.level, box.number) == ("box", "专栏1")


def _nodes(nodes):
    for node in nodes:
        yield node
        yield from _nodes(node.children)


def test_the_printed_grid_is_the_layout_asked_for() -> None:
    """The city portal layout prints as the portal does (so the tests above read what plans print)."""
    grid = text_grid(printed(MAIN, LAYOUTS["city_portal"]).rows)
    assert grid[0][0] == MAIN.caption and set(grid[0][1:]) == {""}
    assert grid[1] == ["类别", "指标", "", "单位", "2025年\n完成值", "2030年\n目标值", "属性"]
    assert grid[2] == [
        "经济发展",
        "1. 地区生产总值年均增长",
        "",
        "%",
        "“十四五”年均增长4.0",
        "“十五五”年均增长5左右",
        "预期性",
    ]
    sub = next(k for k, line in enumerate(grid) if line[1] == "12. 每千人口拥有医护人员数")
    assert grid[sub][2:6] == ["执业（助理）医师数", "人", "4.45", "4.50"]
    assert grid[sub + 1][1:6] == ["", "注册护士数", "人", "5.21", "5.30"]
    repeated = printed(MAIN, LAYOUTS["repeated_header"])
    (cut,) = repeated.breaks
    assert repeated.rows[cut] == repeated.rows[0]


# --- the real portal table, shipped as an excerpt ------------------------------------------------

DATA = Path(__file__).parent / "data"
CORPUS = Path(__file__).parent.parent.parent / "shared" / "corpus"


def test_portal_box_with_caption_row_category_column_and_sub_rows() -> None:
    plan = ingest(DATA / "guangzhou-15th-boxes.html")
    main, projects = plan.tables
    assert main.caption == "专栏1 “十五五”时期经济社会发展主要指标"
    assert main.columns == ["类别", "指标", "指标", "单位", "2025年完成值", "2030年目标值", "属性"]
    assert main.roles == ["category", "name", "name", "unit", "base", "target", "attribute"]
    assert main.cell_columns == ["2025年完成值", "2030年目标值"]
    rows = {r.name: r for r in main.rows}
    airport = rows["机场旅客/货邮吞吐量"]
    assert (airport.number, airport.unit, airport.category, airport.attribute) == (
        "13",
        "万人次/万吨",
        "对外开放",
        "预期性",
    )
    assert [c.raw for c in airport.cells] == ["8358/244", "11000/350"]
    assert rows["城乡居民人均可支配收入比值"].unit is None  # printed —
    assert [r.name for r in main.rows if r.parent == "每千人口拥有医护人员数"] == [
        "每千人口拥有执业（助理）医师数",
        "每千人口拥有注册护士数",
    ]
    assert rows["每千人口拥有医护人员数"].cells == []
    assert rows["每千人口拥有注册护士数"].attribute == "预期性"  # merged down over both sub-rows
    assert [r.number for r in main.rows if r.number] == [str(n) for n in range(1, 30)]
    assert {r.category for r in main.rows} == {
        "经济发展",
        "科技创新",
        "对外开放",
        "绿色低碳",
        "民生福祉",
        "安全保障",
    }
    growth = rows["地区生产总值年均增长"].cells[1]
    assert growth.raw == "“十五五”年均增长5.0左右"
    assert (growth.reading.kind, growth.reading.value, growth.reading.comparator) == ("number", 5.0, "about")
    assert role_values(main, rows["地区生产总值年均增长"]) == {"base": "4.0", "growth": "5.0左右"}
    assert projects.caption == "专栏2 支柱产业发展重点领域、重点平台"
    assert [(r.number, r.name) for r in projects.rows] == [
        ("01", "汽车"),
        ("02", "电子信息"),
        ("03", "绿色石化与新材料"),
        ("04", "时尚消费品"),
    ]
    assert projects.rows[0].notes[0].startswith("重点发展智能汽车")
    boxes = [(n.level, n.number) for n in _nodes(plan.outline) if n.table is not None]
    assert boxes == [("box", "专栏1"), ("box", "专栏2")]
    assert [w.code for w in plan.warnings if w.code in DOUBTS] == []


@pytest.mark.skipif(not (CORPUS / "check.py").exists(), reason="the development corpus is not here")
def test_portal_plan_scores_full_marks_on_its_table_and_boxes() -> None:
    spec = importlib.util.spec_from_file_location("corpus_check", CORPUS / "check.py")
    check = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(check)
    plan = ingest(CORPUS / "guangzhou-15th.html")
    want = json.loads((CORPUS / "guangzhou-15th.expected.json").read_text(encoding="utf-8"))
    result = check.score(json.loads(plan.model_dump_json()), want)
    assert result["table"] == 1.0, "\n".join(result["lines"])
    assert result["counts"]["zhuanlan"] == want["outline"]["zhuanlan"]


# --- roles from an office, doubts, completion tables ---------------------------------------------

# A table printed without a header: the reader can only go by the cells.
BARE = [
    [G("1"), G("地区生产总值"), G("亿元"), G("1200"), G("1800"), G("预期性")],
    [G("2"), G("常住人口城镇化率"), G("%"), G("60"), G("65"), G("预期性")],
    [G("3"), G("森林覆盖率"), G("%"), G("30"), G(""), G("约束性")],
]
OFFICE_ROLES = ["number", "name", "unit", "base", "target", "attribute"]


def test_a_table_without_header_is_read_from_its_cells_and_says_so() -> None:
    table, warnings = build_table(TableBlock(BARE), "表1 主要指标", index=3)
    assert table is not None and table.block == 3
    assert table.roles == OFFICE_ROLES
    guessed = [w for w in warnings if w.code == "column_role_guessed"]
    assert len(guessed) == 6
    assert all(w.where == "表1 主要指标" and "表头未说明" in w.message and w.message_en for w in guessed)
    (unfilled,) = [w for w in warnings if w.code == "row_unfilled"]
    assert "森林覆盖率" in unfilled.message and "森林覆盖率" in (unfilled.message_en or "")


def test_roles_assigned_by_an_office_are_used_and_recorded() -> None:
    swapped = ["number", "name", "unit", "target", "base", "attribute"]  # the office knows better
    table, warnings = build_table(TableBlock(BARE), "表1 主要指标", swapped)
    assert table is not None and table.roles == swapped
    assert [w.code for w in warnings if w.code == "column_role_guessed"] == []
    assert role_values(table, table.rows[0]) == {"target": "1200", "base": "1800"}
    assert ROLE_LABELS[swapped[3]] == "目标值" and set(ROLES) == set(ROLE_LABELS) == set(ROLE_LABELS_EN)


def test_read_plan_takes_roles_by_table_index() -> None:
    document = Document(
        [Paragraph("第二章 发展目标", heading_level=1), Paragraph("表1 主要指标"), TableBlock(BARE)],
        "docx",
        "x.docx",
    )
    (table,) = read_plan(
        document, table_roles={0: ["number", "name", "unit", "base", "target", "note"]}
    ).tables
    assert table.roles[-1] == "note" and table.rows[0].notes == ["预期性"] and table.rows[0].attribute is None
    plan = read_plan(document, table_roles={0: ["name", "unit"]})
    assert [w.code for w in plan.warnings if w.code == "roles_do_not_fit"] == ["roles_do_not_fit"]
    assert plan.tables[0].roles == OFFICE_ROLES


def test_a_completion_table_keeps_targets_and_results_apart() -> None:
    rows = [
        [
            G("序号", rowspan=2),
            G("指标名称", rowspan=2),
            G("“十三五”规划目标", colspan=2),
            G("“十三五”完成情况", colspan=2),
        ],
        [G("2020年"), G("年均增长(%)"), G("2020年"), G("年均增长(%)")],
        [G("1"), G("地区生产总值(亿元)"), G("170以上"), G("8以上"), G("302"), G("7")],
        [G("2"), G("一般公共预算收入(亿元)"), G("16"), G("8"), G("15.6"), G("6.8")],
    ]
    table, _ = build_table(TableBlock(rows), "专栏1 “十三五”主要规划指标完成情况")
    assert table is not None
    assert table.roles == ["number", "name", "target", "growth", "result", "result_growth"]
    assert table.cell_columns == ["“十三五”规划目标/2020年", "“十三五”规划目标/年均增长(%)",
                                  "“十三五”完成情况/2020年", "“十三五”完成情况/年均增长(%)"]  # fmt: skip
    assert role_values(table, table.rows[0]) == {
        "target": "170以上",
        "growth": "8以上",
        "result": "302",
        "result_growth": "7",
    }


def test_a_lost_unit_is_guessed_and_said() -> None:
    rows = [[G("指标"), G("2025年"), G("2030年")], [G("城镇调查失业率()"), G("5.5"), G("5.5以内")]]
    table, warnings = build_table(TableBlock(rows), "表2 主要指标")
    assert table is not None and table.rows[0].unit == "%"
    (lost,) = [w for w in warnings if w.code == "unit_lost"]
    assert "城镇调查失业率" in lost.message and lost.message_en


def test_a_box_of_one_column_keeps_its_items() -> None:
    rows = [[G("专栏3 重点工程")], [G("智能工厂建设工程")], [G("数字车间改造工程")]]
    table, warnings = build_table(TableBlock(rows), None)
    assert table is not None and warnings == []
    assert (table.caption, [r.name for r in table.rows], table.groups) == (
        "专栏3 重点工程",
        ["智能工厂建设工程", "数字车间改造工程"],
        [],
    )


def test_a_first_row_across_the_table_that_is_no_title_stays_a_group() -> None:
    rows = [
        [G("经济发展", colspan=3)],
        [G("地区生产总值(亿元)"), G("1200"), G("1800")],
        [G("民生福祉", colspan=3)],
        [G("人均预期寿命(岁)"), G("78"), G("79")],
    ]
    table, _ = build_table(TableBlock(rows), "表1 主要指标")
    assert table is not None and table.caption == "表1 主要指标"
    assert [(r.name, r.category) for r in table.rows] == [
        ("地区生产总值", "经济发展"),
        ("人均预期寿命", "民生福祉"),
    ]
