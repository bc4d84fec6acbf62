"""The sample's two tables, written into .docx, .html and .pdf with merged cells, read back to the same rows."""

from __future__ import annotations

import html

import docx
import pytest
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from planwatch.ingest import ingest
from planwatch.ingest.blocks import GridCell
from tests.documents import pdf_table, register_cjk_font
from tests.tablecheck import expected_rows, mismatches


def _header(table: dict) -> tuple[list[str], list[str]]:
    """The two header rows: groups over their sub-columns."""
    groups: list[str] = []
    subs: list[str] = []
    for name in table["cell_columns"]:
        group, sub = name.split("/")
        if not groups or groups[-1] != group:
            groups.append(group)
        subs.append(sub)
    return groups, subs


def _lead(table: dict) -> list[str]:
    return [c for c in table["columns"] if "/" not in c and c != "属性"]


def _body(table: dict) -> list[tuple[str, list[str]]]:
    """('group', [text]) and ('row', cells) lines in print order, dashes printed as 一 as scans do."""
    lines: list[tuple[str, list[str]]] = []
    groups = iter(table["groups"])
    category = None
    for row in table["rows"]:
        if row["category"] != category:
            category = row["category"]
            lines.append(("group", [next(groups)]))
        for r in [row, *row.get("subrows", [])]:
            name = r["name"] + (f"({r['unit']})" if r["unit"] else "")
            cells = ["一" if c == "—" else c for c in r["cells"]] or [""] * len(table["cell_columns"])
            tail = [r.get("attribute") or ""] if "属性" in table["columns"] else []
            lines.append(("row", [r["number"] or "", name, *cells, *tail]))
    return lines


def write_docx(path, tables: list[dict]) -> None:
    document = docx.Document()
    document.add_heading("第一章 发展基础", level=1)
    document.add_paragraph("全区经济稳步增长。")
    for t in tables:
        document.add_paragraph(t["caption"])
        lead, (groups, subs) = _lead(t), _header(t)
        tail = ["属性"] if "属性" in t["columns"] else []
        width = len(lead) + len(subs) + len(tail)
        body = _body(t)
        grid = document.add_table(rows=2 + len(body), cols=width)
        for k, text in enumerate(lead):
            grid.cell(0, k).merge(grid.cell(1, k)).text = text
        per = len(subs) // len(groups)
        for g, text in enumerate(groups):
            start = len(lead) + g * per
            grid.cell(0, start).merge(grid.cell(0, start + per - 1)).text = text
        for k, text in enumerate(subs):
            grid.cell(1, len(lead) + k).text = text
        if tail:
            grid.cell(0, width - 1).merge(grid.cell(1, width - 1)).text = "属性"
        for r, (kind, texts) in enumerate(body, start=2):
            if kind == "group":
                grid.cell(r, 0).merge(grid.cell(r, width - 1)).text = texts[0]
            else:
                for k, text in enumerate(texts):
                    grid.cell(r, k).text = text
    document.save(path)


def write_html(path, tables: list[dict]) -> None:
    parts = [
        "<html><head><meta charset='utf-8'></head><body><h1>第一章 发展基础</h1><p>全区经济稳步增长。</p>"
    ]
    for t in tables:
        lead, (groups, subs) = _lead(t), _header(t)
        tail = ["属性"] if "属性" in t["columns"] else []
        width = len(lead) + len(subs) + len(tail)
        per = len(subs) // len(groups)
        parts.append(f"<table border='1'><caption>{html.escape(t['caption'])}</caption><tr>")
        parts += [f"<td rowspan='2'>{x}</td>" for x in lead]
        parts += [f"<td colspan='{per}'>{html.escape(g)}</td>" for g in groups]
        parts += [f"<td rowspan='2'>{x}</td>" for x in tail]
        parts.append("</tr><tr>" + "".join(f"<td>{html.escape(s)}</td>" for s in subs) + "</tr>")
        for kind, texts in _body(t):
            if kind == "group":
                parts.append(f"<tr><td colspan='{width}'>{texts[0]}</td></tr>")
            else:
                # a long phrase wraps inside its cell, as pages print it
                cells = [html.escape(x).replace("下达目标", "下达<br>目标") for x in texts]
                parts.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    path.write_text("".join(parts), encoding="utf-8")


def _grid(table: dict) -> list[list[GridCell]]:
    """The table as printed: lead and 属性 merged over both header rows, groups across the table."""
    lead, (groups, subs) = _lead(table), _header(table)
    tail = ["属性"] if "属性" in table["columns"] else []
    width = len(lead) + len(subs) + len(tail)
    per = len(subs) // len(groups)
    top = [GridCell(x, rowspan=2) for x in lead] + [GridCell(g, colspan=per) for g in groups]
    rows = [top + [GridCell(x, rowspan=2) for x in tail], [GridCell(x) for x in subs]]
    for kind, texts in _body(table):
        rows.append([GridCell(texts[0], colspan=width)] if kind == "group" else [GridCell(x) for x in texts])
    return rows


def write_pdf(path, tables: list[dict]) -> None:
    """Ruled tables on landscape pages; the long one runs on over a page turn, its header not repeated."""
    style = ParagraphStyle("body", fontName=register_cjk_font(), fontSize=11, leading=16)
    story = [Paragraph("第一章 发展基础", style), Paragraph("全区经济稳步增长。", style)]
    for t in tables:
        story += [Paragraph(t["caption"], style), pdf_table(_grid(t))]
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build(story)


@pytest.mark.parametrize("writer,suffix", [(write_docx, ".docx"), (write_html, ".html"), (write_pdf, ".pdf")])
def test_tables_read_back_to_the_same_rows(tmp_path, expected, writer, suffix):
    path = tmp_path / f"plan{suffix}"
    writer(path, expected["tables"])
    plan = ingest(path)
    assert len(plan.tables) == 2
    for got, want in zip(plan.tables, expected["tables"], strict=True):
        assert got.caption == want["caption"]
        assert got.cell_columns == want["cell_columns"]
        assert got.groups == want["groups"]
        assert mismatches(got, want) == []
        rows = {r.name: r for r in got.rows}
        for w in expected_rows(want):
            assert rows[w["name"]].category == w["category"]
            assert rows[w["name"]].attribute == w.get("attribute")
    subrow = next(r for r in plan.tables[0].rows if r.name == "二氧化硫排放量")
    assert subrow.parent == "主要污染物排放量"
    assert plan.tables[0].chapter == "第一章"
