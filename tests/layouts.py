"""Indicator tables described once, and printed in the layouts real plans use.

A LOGICAL table (`Logical`) says what a plan's indicator table holds: categories, and in each the
indicators with number, name, unit, base, target, growth or cumulative target, attribute and
sub-rows. A LAYOUT (`Layout`) says how a plan prints it: the category as group rows or as a column
merged down its rows; number, name and unit fused in one cell or in three; a base column or not;
the years 2020/2025 or 2025/2030 and the words beside them; growth and cumulative targets in their
own columns, in one 年均/累计 column, or inside the target cell; a one- or two-level header; the
header printed again after a page turn; the caption as the table's first row or as a paragraph.

`printed(logical, layout)` gives the PRINTED GRID, the one source every format is built from:

    Printed.rows         every table row in print order (caption row, header, body, header again
                         after a page turn, notes), each merged cell once where it starts: GridCell
                         (text, rowspan, colspan), as HTML writes it and as TableBlock.rows holds it.
                         A line break inside a cell is "\\n".
    Printed.caption      the caption text
    Printed.caption_row  True where the caption is `rows[0]`; False where it is a paragraph before
    Printed.header_rows  how many header rows follow the caption row
    Printed.breaks       indexes in `rows` where a new page starts (the header rows are printed
                         again from there)
    Printed.width        the number of grid columns

`placed(rows)` gives each cell with the grid row and column where it starts (in reading order),
and `text_grid(rows)` the full grid of texts, a merged cell's text at its first position only.
`write_docx`, `write_html` and `write_pdf` put a printed grid in a small plan document (a chapter
heading, a sentence, the caption, the table, a closing sentence); `expected(logical, layout)` is
what reading it back must give, row for row.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from itertools import pairwise
from pathlib import Path
from typing import Literal

import docx
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import PageBreak, SimpleDocTemplate, Table, TableStyle
from reportlab.platypus import Paragraph as PdfParagraph

from planwatch.ingest.blocks import GridCell
from tests.documents import add_docx_table, register_cjk_font

# --- the logical table ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Indicator:
    """One indicator. Exactly one of target, growth and cumulative is its target; "" is not printed."""

    number: str
    name: str
    unit: str | None
    base: str = ""
    target: str = ""
    growth: str = ""  # the annual growth the plan aims at (年均增长)
    cumulative: str = ""  # the plan period's cumulative figure (累计), without brackets
    attribute: str = "预期性"
    subrows: tuple[Indicator, ...] = ()  # printed under this one, which then has no values


@dataclass(frozen=True)
class Category:
    name: str
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True)
class Logical:
    caption: str
    categories: tuple[Category, ...]
    notes: tuple[str, ...] = ()


_I = Indicator
MAIN = Logical(
    caption="专栏1 “十五五”时期经济社会发展主要指标",
    categories=(
        Category(
            "经济发展",
            (
                _I("1", "地区生产总值年均增长", "%", base="4.0", growth="5左右"),
                _I("2", "全员劳动生产率", "万元/人", base="28", target="36"),
                _I("3", "“15+8”产业增加值占地区生产总值比重", "%", base="58.6", target="67.5"),
                _I("4", "社会消费品零售总额年均增长", "%", base="4.1", growth="5.0左右"),
            ),
        ),
        Category(
            "科技创新",
            (
                _I("5", "全社会研发经费投入强度", "%", base="3.4", target="4.0左右"),
                _I("6", "每万人口高价值发明专利拥有量", "件", base="43.9", target="60"),
            ),
        ),
        Category(
            "绿色低碳",
            (
                _I("7", "单位地区生产总值二氧化碳排放降低", "%", cumulative="18", attribute="约束性"),
                _I(
                    "8",
                    "细颗粒物（PM2.5）年均浓度",
                    "微克/立方米",
                    base="21.5",
                    target="≤20",
                    attribute="约束性",
                ),
                _I("9", "森林覆盖率", "%", base="41.65", target="完成省下达目标", attribute="约束性"),
            ),
        ),
        Category(
            "民生福祉",
            (
                _I("10", "城镇新增就业人数", "万人", cumulative="80"),
                _I("11", "居民人均可支配收入增长", "%", base="5.0", target="与经济增长同步"),
                _I(
                    "12",
                    "每千人口拥有医护人员数",
                    None,
                    subrows=(
                        _I("", "执业（助理）医师数", "人", base="4.45", target="4.50"),
                        _I("", "注册护士数", "人", base="5.21", target="5.30"),
                    ),
                ),
                _I("13", "人均预期寿命", "岁", base="84.38", target="≥85"),
                _I("14", "城乡居民人均可支配收入比值", None, base="1.99", target="1.9"),
            ),
        ),
    ),
    notes=("带*的指标为新增指标。",),
)


# --- layouts -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Layout:
    """How a plan prints its indicator table (see the module docstring)."""

    category: Literal["group_row", "column", "stacked_column"] = "group_row"
    name: Literal["fused", "number_fused", "separate"] = "separate"  # 1.名称(单位) | 1. 名称 + 单位 | 3 cells
    base: bool = True
    years: tuple[int, int] = (2025, 2030)
    year_words: Literal["plain", "done", "estimate"] = "plain"  # 2025年 | 2025年\n完成值 | 2025年\n预计
    growth: Literal["columns", "combined", "in_cell"] = "columns"
    header: Literal["one", "two"] = "one"
    repeat_header: bool = False
    caption: Literal["first_row", "paragraph"] = "paragraph"
    attribute: bool = True
    subrows: Literal["merged", "rows"] = "merged"  # a name merged over sub-names, or a row and its sub-rows


LAYOUTS: dict[str, Layout] = {
    # The national outline: 类别 merged down, 1.名称(单位), 2020年 | 2025年 | 年均/累计 | 属性.
    "national": Layout(
        category="column", name="fused", years=(2020, 2025), growth="combined", subrows="rows"
    ),
    # Guangzhou's 专栏1: caption in row 1, 2025年完成值 / 2030年目标值, growth inside the cells.
    "city_portal": Layout(
        category="column", name="number_fused", year_words="done", growth="in_cell", caption="first_row"
    ),
    # The sample's 表2: group rows, 序号 | 指标 | 单位, “十三五”基数 / “十四五”目标 over their years.
    "district": Layout(header="two", years=(2020, 2025), subrows="rows"),
    "no_base": Layout(name="fused", base=False, caption="first_row", subrows="rows"),
    "repeated_header": Layout(category="stacked_column", year_words="estimate", repeat_header=True),
    "two_level_repeated": Layout(
        name="number_fused", header="two", growth="in_cell", repeat_header=True, caption="first_row"
    ),
    "no_attribute": Layout(name="fused", years=(2020, 2025), growth="combined", attribute=False),
    "stacked_in_cell": Layout(category="stacked_column", growth="in_cell", header="two", subrows="rows"),
}


# --- the printed grid ----------------------------------------------------------------------------


@dataclass
class Printed:
    rows: list[list[GridCell]]
    caption: str
    caption_row: bool
    header_rows: int
    breaks: list[int] = field(default_factory=list)
    width: int = 0


_PERIODS = {2020: "十三五", 2025: "十四五", 2030: "十五五"}
_NUMERALS = "一二三四五六七八九十"
_WORDS = {"plain": ("", ""), "done": ("\n完成值", "\n目标值"), "estimate": ("\n预计", "\n目标")}


def printed(logical: Logical, layout: Layout) -> Printed:
    """The table as the page prints it in `layout`."""
    columns = _columns(logical, layout)
    header = _header(columns, layout)
    body = _body(logical, layout, columns)
    rows: list[list[tuple[int, GridCell]]] = []
    caption_row = layout.caption == "first_row"
    if caption_row:
        rows.append([(0, GridCell(logical.caption, colspan=len(columns)))])
    rows += header
    breaks = []
    if layout.repeat_header:
        cut = _break_row(logical, layout)
        _cut_spans(body, cut)
        breaks.append(len(rows) + cut)
        body[cut:cut] = [[(c, replace(cell)) for c, cell in line] for line in header]
    rows += body
    rows += [[(0, GridCell("注：" + note, colspan=len(columns)))] for note in logical.notes]
    return Printed(
        rows=[[cell for _, cell in sorted(line, key=lambda x: x[0])] for line in rows],
        caption=logical.caption,
        caption_row=caption_row,
        header_rows=len(header),
        breaks=breaks,
        width=len(columns),
    )


def _merged_subrows(logical: Logical, layout: Layout) -> bool:
    return layout.subrows == "merged" and any(i.subrows for c in logical.categories for i in c.indicators)


def _columns(logical: Logical, layout: Layout) -> list[str]:
    columns = ["category"] if layout.category != "group_row" else []
    columns += ["number"] if layout.name == "separate" else []
    columns += ["name", "subname"] if _merged_subrows(logical, layout) else ["name"]
    columns += ["unit"] if layout.name != "fused" else []
    columns += ["base"] if layout.base else []
    columns += ["target"]
    columns += {"columns": ["growth", "cumulative"], "combined": ["growth_cumulative"], "in_cell": []}[
        layout.growth
    ]
    columns += ["attribute"] if layout.attribute else []
    return columns


def _header(columns: list[str], layout: Layout) -> list[list[tuple[int, GridCell]]]:
    base_year, target_year = layout.years
    base_word, target_word = _WORDS[layout.year_words]
    lead = {
        "category": "类别",
        "number": "序号",
        "name": "指标",
        "unit": "单位",
        "attribute": "属性",
    }
    sub = {
        "base": f"{base_year}年{base_word}",
        "target": f"{target_year}年{target_word}",
        "growth": "年均增长\n(%)",
        "cumulative": "累计",
        "growth_cumulative": "年均/累计",
    }
    name_span = 2 if "subname" in columns else 1
    tall = 2 if layout.header == "two" else 1
    top: list[tuple[int, GridCell]] = []
    low: list[tuple[int, GridCell]] = []
    for k, column in enumerate(columns):
        if column == "subname":
            continue
        if column in lead:
            top.append(
                (k, GridCell(lead[column], rowspan=tall, colspan=name_span if column == "name" else 1))
            )
        elif tall == 1:
            top.append((k, GridCell(sub[column])))
        else:
            low.append((k, GridCell(sub[column].replace("\n", ""))))
    if tall == 2:
        groups = {"base": f"“{_PERIODS[base_year]}”基数", "target": f"“{_PERIODS[target_year]}”目标"}
        for side, label in groups.items():
            span = [k for k, c in enumerate(columns) if _side(c) == side]
            if span:
                top.append((span[0], GridCell(label, colspan=len(span))))
    return [top, low] if tall == 2 else [top]


def _side(column: str) -> str | None:
    if column == "base":
        return "base"
    return "target" if column in ("target", "growth", "cumulative", "growth_cumulative") else None


def _body(logical: Logical, layout: Layout, columns: list[str]) -> list[list[tuple[int, GridCell]]]:
    body: list[list[tuple[int, GridCell]]] = []
    for n, category in enumerate(logical.categories):
        if layout.category == "group_row":
            body.append([(0, GridCell(f"{_NUMERALS[n]}、{category.name}", colspan=len(columns)))])
        first = len(body)
        for indicator in category.indicators:
            body += _indicator_rows(indicator, layout, columns)
        if layout.category != "group_row":
            body[first].append((0, GridCell(_category_text(category, layout), rowspan=len(body) - first)))
    return body


def _category_text(category: Category, layout: Layout) -> str:
    if layout.category == "column":
        return category.name
    pairs = [category.name[k : k + 2] for k in range(0, len(category.name), 2)]
    return "\n".join([*pairs, f"({len(category.indicators)}项)"])


def _indicator_rows(ind: Indicator, layout: Layout, columns: list[str]) -> list[list[tuple[int, GridCell]]]:
    """The printed rows of one indicator: one, or one per sub-row (after a row of its own in the rows style)."""
    k = {c: n for n, c in enumerate(columns)}
    if not ind.subrows:
        cells = _cells(ind, layout, columns, with_number=True)
        if "subname" in k:  # the name spans the sub-name column too
            cells = [(c, replace(cell, colspan=2) if c == k["name"] else cell) for c, cell in cells]
        return [cells]
    if layout.subrows == "rows":
        lead = (k.get("number"), k["name"])
        head = [(c, GridCell(t if c in lead else "")) for c, t in _texts(ind, layout, columns, True)]
        return [head] + [_cells(sub, layout, columns, False, ind.attribute) for sub in ind.subrows]
    merged = (k["name"], k.get("number"), k.get("attribute"))
    lines = []
    for n, sub in enumerate(ind.subrows):
        cells = [(c, cell) for c, cell in _cells(sub, layout, columns, False) if c not in merged]
        cells.append((k["subname"], GridCell(_name_text(sub, layout, number=False))))
        if n == 0:
            span = len(ind.subrows)
            head = _texts(ind, layout, columns, True)
            cells += [(c, GridCell(t, rowspan=span)) for c, t in head if c in (k["name"], k.get("number"))]
            if "attribute" in k:
                cells.append((k["attribute"], GridCell(ind.attribute, rowspan=span)))
        lines.append(cells)
    return lines


def _texts(
    ind: Indicator, layout: Layout, columns: list[str], with_number: bool, attribute: str | None = None
) -> list[tuple[int, str]]:
    out = []
    for c, column in enumerate(columns):
        if column in ("category", "subname"):
            continue
        out.append((c, _text(ind, layout, column, with_number, attribute or ind.attribute)))
    return out


def _cells(
    ind: Indicator, layout: Layout, columns: list[str], with_number: bool, attribute: str | None = None
) -> list[tuple[int, GridCell]]:
    return [(c, GridCell(t)) for c, t in _texts(ind, layout, columns, with_number, attribute)]


def _text(ind: Indicator, layout: Layout, column: str, with_number: bool, attribute: str) -> str:
    base_period, target_period = (_PERIODS[y] for y in layout.years)
    if column == "number":
        return ind.number if with_number else ""
    if column == "name":
        return _name_text(ind, layout, number=with_number)
    if column == "unit":
        return ind.unit or "—"
    if column == "attribute":
        return attribute
    if column == "base":
        if layout.growth == "in_cell" and ind.growth and ind.base:
            return f"“{base_period}”年均增长{ind.base}"
        return ind.base or "—"
    if column == "target" and layout.growth == "in_cell":
        if ind.growth:
            return f"“{target_period}”年均增长{ind.growth}"
        if ind.cumulative:
            return f"“{target_period}”累计{ind.cumulative}"
    return {
        "target": ind.target,
        "growth": ind.growth,
        "cumulative": ind.cumulative,
        "growth_cumulative": ind.growth or (f"[{ind.cumulative}]" if ind.cumulative else ""),
    }[column] or "—"


def _name_text(ind: Indicator, layout: Layout, number: bool) -> str:
    if layout.name == "separate":
        return ind.name
    if layout.name == "number_fused":
        return f"{ind.number}. {ind.name}" if number and ind.number else ind.name
    unit = f"({ind.unit})" if ind.unit else ""
    return (f"{ind.number}." if number and ind.number else "") + ind.name + unit


def _break_row(logical: Logical, layout: Layout) -> int:
    """The body row where the page turns: the first indicator (not a sub-row) of the table's second half."""
    starts, row = [], 0
    for category in logical.categories:
        row += layout.category == "group_row"
        for ind in category.indicators:
            starts.append(row)
            row += max(len(ind.subrows) + (layout.subrows == "rows"), 1) if ind.subrows else 1
    return next(s for s in starts if s >= row // 2)


def _cut_spans(body: list[list[tuple[int, GridCell]]], cut: int) -> None:
    """Cells merged across the page turn end there; the rest of the merge goes on as an empty cell."""
    for r in range(cut):
        for c, cell in body[r]:
            if r + cell.rowspan > cut:
                rest = r + cell.rowspan - cut
                cell.rowspan = cut - r
                body[cut].append((c, GridCell("", rowspan=rest, colspan=cell.colspan)))


def placed(rows: list[list[GridCell]]) -> Iterator[tuple[int, int, GridCell]]:
    """Each cell with the grid row and column where it starts, in reading order."""
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            yield r, c, cell
            taken |= {(r + dr, c + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan)}
            c += cell.colspan


def text_grid(rows: list[list[GridCell]]) -> list[list[str]]:
    """The full grid of texts: a merged cell's text at its first position, "" at the others."""
    cells = list(placed(rows))
    width = max(c + cell.colspan for _, c, cell in cells)
    grid = [[""] * width for _ in rows]
    for r, c, cell in cells:
        grid[r][c] = cell.text
    return grid


# --- what reading it back must give --------------------------------------------------------------


def expected(logical: Logical, layout: Layout) -> list[dict]:
    """Each row the reader must give: name, number, unit, category, attribute, parent and values.

    Values are by role (base, target, growth, cumulative), figures only; a base is left out where
    the layout prints no base column. A parent of sub-rows has no values.
    """
    out = []
    for category in logical.categories:
        for ind in category.indicators:
            row = {"name": ind.name, "number": ind.number, "unit": ind.unit, "category": category.name}
            attribute = ind.attribute if layout.attribute else None
            if ind.subrows:
                out.append({**row, "unit": None, "attribute": None, "parent": None, "values": None})
                for sub in ind.subrows:
                    values = _values(sub, layout)
                    out.append(
                        {"name": sub.name, "number": None, "unit": sub.unit, "category": category.name,
                         "attribute": attribute, "parent": ind.name, "values": values}
                    )  # fmt: skip
                continue
            out.append({**row, "attribute": attribute, "parent": None, "values": _values(ind, layout)})
    return out


def _values(ind: Indicator, layout: Layout) -> dict[str, str]:
    values = {"target": ind.target, "growth": ind.growth, "cumulative": ind.cumulative}
    if layout.base:
        values["base"] = ind.base
    return {k: v for k, v in values.items() if v}


# --- documents -----------------------------------------------------------------------------------

HEADING = "第二章 发展目标"
BEFORE = "综合考虑发展环境和发展条件，今后五年经济社会发展的主要目标如下。"
AFTER = "各项指标分解落实到年度计划。"


def write_docx(path: Path, table: Printed) -> None:
    """The table in Word, merged with Word's own merges (gridSpan, vMerge)."""
    document = docx.Document()
    document.add_heading(HEADING, level=1)
    document.add_paragraph(BEFORE)
    if not table.caption_row:
        document.add_paragraph(table.caption)
    add_docx_table(document, table.rows)
    document.add_paragraph(AFTER)
    document.save(str(path))


def write_html(path: Path, table: Printed) -> None:
    """The table in HTML with rowspan/colspan, line breaks as <br>."""
    parts = [f"<html><head><meta charset='utf-8'></head><body><h1>{HEADING}</h1><p>{BEFORE}</p>"]
    if not table.caption_row:
        parts.append(f"<p>{html.escape(table.caption)}</p>")
    parts.append("<table border='1'>")
    for row in table.rows:
        cells = []
        for cell in row:
            spans = (f" rowspan='{cell.rowspan}'" if cell.rowspan > 1 else "") + (
                f" colspan='{cell.colspan}'" if cell.colspan > 1 else ""
            )
            cells.append(f"<td{spans}>{'<br>'.join(html.escape(x) for x in cell.text.split(chr(10)))}</td>")
        parts.append("<tr>" + "".join(cells) + "</tr>")
    parts.append(f"</table><p>{AFTER}</p></body></html>")
    path.write_text("\n".join(parts), encoding="utf-8")


def write_pdf(path: Path, table: Printed) -> None:
    """The table ruled in a landscape PDF, merged cells drawn as one box, a new page at each break."""
    font = register_cjk_font()
    heading = ParagraphStyle("h", fontName=font, fontSize=16, leading=24, alignment=1)
    body = ParagraphStyle("b", fontName=font, fontSize=11, leading=16, firstLineIndent=22, wordWrap="CJK")
    story = [PdfParagraph(HEADING, heading), PdfParagraph(BEFORE, body)]
    if not table.caption_row:
        story.append(PdfParagraph(table.caption, body))
    bounds = [0, *table.breaks, len(table.rows)]
    for n, (start, end) in enumerate(pairwise(bounds)):
        if n:
            story.append(PageBreak())
        story.append(_pdf_table(table.rows[start:end], table.width, font))
    story.append(PdfParagraph(AFTER, body))
    document = SimpleDocTemplate(str(path), pagesize=landscape(A4))
    document.build(story, onFirstPage=_footer, onLaterPages=_footer)


def _pdf_table(rows: list[list[GridCell]], width: int, font: str) -> Table:
    data = [[""] * width for _ in rows]
    style: list[tuple] = [("GRID", (0, 0), (-1, -1), 0.5, "black"), ("FONT", (0, 0), (-1, -1), font, 8)]
    for r, c, cell in placed(rows):
        data[r][c] = cell.text
        if cell.rowspan > 1 or cell.colspan > 1:
            style.append(("SPAN", (c, r), (c + cell.colspan - 1, r + cell.rowspan - 1)))
    return Table(data, style=TableStyle(style))


def _footer(canvas, document) -> None:
    canvas.setFont(register_cjk_font(), 9)
    canvas.drawCentredString(landscape(A4)[0] / 2, 24, f"- {document.page} -")
