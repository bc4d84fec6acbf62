"""A small plan outline built block by block: whole, or broken in the ways real readings go wrong.

Ten chapters of two sections each, a table of contents one entry a line, and
a main-indicator table under the second chapter. Each keyword of `document`
breaks one thing: headings lost from the body, an empty chapter, the table's
columns shifted or the table gone, a contents that names other headings.
"""

from __future__ import annotations

import html

from planwatch.ingest.blocks import Document, Paragraph, TableBlock
from planwatch.ingest.blocks import GridCell as G

NUMERALS = "一二三四五六七八九十"
CHAPTERS = [
    "发展基础与环境",
    "指导思想和主要目标",
    "创新驱动发展",
    "现代产业体系",
    "城乡融合发展",
    "生态文明建设",
    "改革开放",
    "民生福祉",
    "社会治理",
    "规划实施保障",
]
SECTIONS = ["总体要求", "重点任务"]
TITLE = "青山县国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
CAPTION = "表1 “十四五”经济社会发展主要指标"
HEADER = ["序号", "指标", "单位", "2020年", "2025年目标", "属性"]
ROWS = [
    ("地区生产总值", "亿元", "300", "450"),
    ("常住人口城镇化率", "%", "60", "65"),
    ("研发经费投入强度", "%", "1.2", "2.0"),
    ("每千人拥有执业医师数", "人", "2.5", "3.2"),
    ("城镇新增就业人数", "万人", "1.2", "[6]"),
    ("森林覆盖率", "%", "30", "32"),
]
_VERBS = ["坚持", "推进", "加快", "完善", "提升", "构建", "深化", "强化"]
_THINGS = ["产业体系", "创新能力", "公共服务", "生态环境", "营商环境", "基础设施", "治理能力", "民生保障"]


def prose(seed: int, chars: int = 1500) -> str:
    """Plan-like sentences, different for each seed."""
    out: list[str] = []
    k = seed
    while sum(map(len, out)) < chars:
        out.append(
            f"{_VERBS[k % 8]}{_THINGS[k * 3 % 8]}，{_VERBS[(k + 5) % 8]}{_THINGS[(k + 1) % 8]}建设，推动高质量发展。"
        )
        k += 1
    return "".join(out)


def section_title(chapter: int, section: int) -> str:
    return f"{CHAPTERS[chapter][:4]}{SECTIONS[section]}"


def indicator_table(rows: list[tuple[str, str, str, str]] = ROWS, shift: bool = False) -> TableBlock:
    """The main-indicator table; shifted, every body row has a stray empty cell in front."""
    body = [[G(str(k + 1)), G(n), G(u), G(b), G(t), G("预期性")] for k, (n, u, b, t) in enumerate(rows)]
    if shift:
        body = [[G(""), *r[:-1]] for r in body]
    return TableBlock([[G(h) for h in HEADER], *body])


def document(
    *,
    title: bool = True,
    contents: bool = True,
    contents_titles: list[str] | None = None,
    headings: bool = True,
    drop: tuple[int, ...] = (),
    empty: tuple[int, ...] = (),
    table: bool = True,
    shift: bool = False,
    rows: list[tuple[str, str, str, str]] = ROWS,
    preamble: int = 0,
) -> Document:
    """The plan as blocks; `drop` and `empty` are chapter indexes (0 for 第一章)."""
    blocks: list[Paragraph | TableBlock] = [Paragraph(TITLE)] if title else []
    if contents:
        blocks.append(Paragraph("目  录"))
        for c, name in enumerate(contents_titles or CHAPTERS):
            blocks.append(Paragraph(f"第{NUMERALS[c]}章 {name}  {c * 4 + 1}"))
            for s in range(len(SECTIONS)):
                blocks.append(Paragraph(f"第{NUMERALS[s]}节 {section_title(c, s)}  {c * 4 + 2 + s}"))
    if preamble:
        blocks.append(Paragraph(prose(99, preamble)))
    for c, name in enumerate(CHAPTERS):
        shown = headings and c not in drop
        if shown:
            blocks.append(Paragraph(f"第{NUMERALS[c]}章 {name}"))
        if c in empty:
            continue
        for s in range(len(SECTIONS)):
            if shown:
                blocks.append(Paragraph(f"第{NUMERALS[s]}节 {section_title(c, s)}"))
            blocks.append(Paragraph(prose(c * 7 + s)))
            if (c, s) == (1, 0) and table:
                blocks.append(Paragraph(CAPTION))
                blocks.append(indicator_table(rows, shift))
    return Document(blocks=blocks, format="docx", source="built.docx")


def as_html(doc: Document) -> str:
    """The same plan as a web page: a paragraph per block, real tables."""
    parts = ["<!doctype html><html><head><meta charset='utf-8'></head><body>"]
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            parts.append(f"<p>{html.escape(block.text)}</p>")
            continue
        parts.append("<table>")
        for row in block.rows:
            parts.append("<tr>" + "".join(f"<td>{html.escape(c.text)}</td>" for c in row) + "</tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts)
