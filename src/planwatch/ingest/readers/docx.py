"""Word .docx: the body in document order, read from its XML.

The XML is read directly, not through python-docx's paragraph and table
objects, because those hide what the plan needs: merged cells (a vertically
merged cell is one `w:tc` with `w:vMerge="restart"` and one empty
`w:vMerge` "continue" cell in each row below), content controls (`w:sdt`,
where Word keeps its table of contents) and text boxes.

Headings: a paragraph's own outline level (`w:outlineLvl`), else its style's
name ("Heading N", "标题 N") or the style's outline level, following the
style's `basedOn` chain. Levels are shifted so the highest the document uses
is 1.

Pages: Word saves where its last layout turned a page
(`w:lastRenderedPageBreak`) and where the author forced one
(`w:br w:type="page"`). A block's page is the page its first text falls on.
A forced break is followed by a rendered break at the top of the next page;
those two mark one page turn. A document that holds neither has no page hints.

Text boxes (`w:txbxContent`) become paragraphs after the paragraph that
anchors them; pictures (`w:drawing` or old-Word `w:pict` holding an image)
become ImageBlocks there too, with their name and size, so that a table
printed as a picture is known to be missing. Inside a table cell, each paragraph is a line ("\\n"); a nested
table becomes lines too, a row per line with its cells joined by spaces.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml import etree

from planwatch.errors import InputError
from planwatch.ingest.blocks import (
    Block,
    Document,
    GridCell,
    ImageBlock,
    Paragraph,
    TableBlock,
    relative_heading_levels,
)
from planwatch.ingest.limits import Limits, check_package
from planwatch.ingest.readers.text import unreadable

_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HEADING_NAME = re.compile(r"(?:heading|标题)\s*([1-9])", re.IGNORECASE)

_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = (qn(f"w:{t}") for t in ("p", "tbl", "tr", "tc", "sdt", "sdtContent"))
_T, _TAB, _BR, _CR = (qn(f"w:{t}") for t in ("t", "tab", "br", "cr"))
_RENDERED_BREAK, _TXBX = qn("w:lastRenderedPageBreak"), qn("w:txbxContent")
_PICTURES = {qn("w:drawing"), qn("w:pict")}
_EMU_PER_POINT = 12700
_VML_SIZE = re.compile(r"(width|height)\s*:\s*([\d.]+)pt")
# Subtrees that hold no visible text of this paragraph: properties, text moved away, the
# old-Word copy of a drawing (mc:Fallback repeats mc:Choice).
_SKIPPED = {qn("w:pPr"), qn("w:rPr"), qn("w:moveFrom"), _MC_FALLBACK}

_HARD, _RENDERED = object(), object()


def read(path: Path) -> Document:
    """Read a .docx into paragraphs and tables, with heading levels and page hints."""
    check_package(path, Limits.from_environment())
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile):
        raise InputError(str(path), *_not_a_package(path)) from None
    except OSError as e:
        raise InputError(str(path), *unreadable(e)) from None
    except (KeyError, ValueError):
        # A zip without Word's main part, or with another kind of document in it (.xlsx, .pptx).
        raise InputError(
            str(path), "是压缩包，但不是 Word 文档。", "This is a zip archive, but not a Word document."
        ) from None
    except etree.XMLSyntaxError:
        raise InputError(
            str(path),
            "是损坏的 .docx 文件（内部的 XML 有误），未导入。",
            "This .docx file is damaged (its XML inside is broken); not imported.",
        ) from None
    body = document.element.body
    reader = _Reader(document.part.styles.element)
    reader.container(body)
    blocks = reader.blocks
    if not body.xpath(".//w:lastRenderedPageBreak | .//w:br[@w:type='page']"):
        for block in blocks:
            block.page = None
    relative_heading_levels(blocks)
    return Document(blocks, format="docx", source=str(path))


def _not_a_package(path: Path) -> tuple[str, str]:
    """Why a file that is no zip is not a .docx: an old .doc or a password, or something else; Chinese, English."""
    try:
        with path.open("rb") as f:
            head = f.read(len(_OLE_MAGIC))
    except OSError:
        head = b""
    if head == _OLE_MAGIC:
        return (
            "是旧版 Word .doc 文件或设有密码的文件，请另存为不加密码的 .docx 后再上传。",
            "This is an old Word .doc file or a file with a password: save it as a .docx without a password "
            "and upload it again.",
        )
    return "不是 .docx 文件（不是压缩包格式）。", "This is not a .docx file (it is not a zip archive)."


class _Reader:
    """Walks the body once, keeping the page count as it goes."""

    def __init__(self, styles: etree._Element) -> None:
        self.styles = {s.get(qn("w:styleId")): s for s in styles.iterfind(qn("w:style"))}
        self.blocks: list[Block] = []
        self.page = 1
        self.after_hard_break = False

    def container(self, element: etree._Element) -> None:
        """Blocks of the body, a content control or a text box, in order."""
        for child in element:
            if child.tag == _P:
                text, page, boxes = self.paragraph(child)
                if text:
                    self.blocks.append(Paragraph(text, page, self.heading_level(child)))
                for box in boxes:
                    if isinstance(box, ImageBlock):
                        box.page = self.page if page is None else page
                        self.blocks.append(box)
                    else:
                        self.container(box)
            elif child.tag == _TBL:
                self.table(child)
            elif child.tag == _SDT:
                for content in child.iterfind(_SDT_CONTENT):
                    self.container(content)

    def paragraph(self, p: etree._Element) -> tuple[str, int | None, list[etree._Element | ImageBlock]]:
        """The paragraph's text, the page its text starts on, and the text boxes and pictures it anchors."""
        parts: list[str] = []
        page: int | None = None
        boxes: list[etree._Element | ImageBlock] = []
        for item in _inline(p):
            if item is _HARD:
                self.page += 1
                self.after_hard_break = True
            elif item is _RENDERED:
                if not self.after_hard_break:
                    self.page += 1
                self.after_hard_break = False
            elif isinstance(item, str):
                if item.strip():
                    page = self.page if page is None else page
                    self.after_hard_break = False
                parts.append(item)
            else:
                boxes.append(item)
        return "".join(parts).strip(), page, boxes

    def table(self, tbl: etree._Element) -> None:
        rows, page = self.rows(tbl)
        if any(cell.text for row in rows for cell in row):
            self.blocks.append(TableBlock(rows, page))

    def rows(self, tbl: etree._Element) -> tuple[list[list[GridCell]], int | None]:
        """Each merged cell once, where it starts; vertical merges counted from the continue cells."""
        rows: list[list[GridCell]] = []
        first_page: int | None = None
        above: dict[int, GridCell] = {}  # grid column -> the cell that last started there
        for tr in _children(tbl, _TR):
            row: list[GridCell] = []
            column = max(_int(tr.xpath("string(w:trPr/w:gridBefore/@w:val)")) or 0, 0)
            if column:
                # Grid columns skipped before the first cell: a placeholder keeps the cells in their columns.
                row.append(GridCell("", colspan=column))
            for tc in _children(tr, _TC):
                lines, page = self.cell_lines(tc)
                first_page = page if first_page is None else first_page
                span = max(_int(tc.xpath("string(w:tcPr/w:gridSpan/@w:val)")) or 1, 1)
                merge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
                if merge is not None and merge.get(qn("w:val"), "continue") == "continue" and column in above:
                    above[column].rowspan += 1
                else:
                    cell = GridCell("\n".join(lines), colspan=span)
                    row.append(cell)
                    for covered in range(column, column + span):
                        above.pop(covered, None)
                    above[column] = cell
                column += span
            rows.append(row)
        return rows, first_page

    def cell_lines(self, element: etree._Element) -> tuple[list[str], int | None]:
        """A cell's (or a text box's) text as lines, and the page where it starts."""
        lines: list[str] = []
        first_page: int | None = None
        for child in element:
            page: int | None = None
            if child.tag == _P:
                text, page, boxes = self.paragraph(child)
                lines += [text] if text else []
                for box in boxes:
                    if not isinstance(box, ImageBlock):
                        more, _ = self.cell_lines(box)
                        lines += more
            elif child.tag == _TBL:
                rows, page = self.rows(child)
                flat = (" ".join(c.text.replace("\n", " ") for c in row if c.text) for row in rows)
                lines += [line for line in flat if line]
            elif child.tag == _SDT:
                for content in child.iterfind(_SDT_CONTENT):
                    more, page = self.cell_lines(content)
                    lines += more
            first_page = page if first_page is None else first_page
        return lines, first_page

    def heading_level(self, p: etree._Element) -> int | None:
        own = p.xpath("string(w:pPr/w:outlineLvl/@w:val)")
        if own:
            return _outline_level(own)
        style_id = p.xpath("string(w:pPr/w:pStyle/@w:val)")
        seen: set[str] = set()
        while style_id and style_id not in seen and (style := self.styles.get(style_id)) is not None:
            seen.add(style_id)
            name = _HEADING_NAME.fullmatch(style.xpath("string(w:name/@w:val)").strip())
            if name:
                return int(name.group(1))
            level = style.xpath("string(w:pPr/w:outlineLvl/@w:val)")
            if level:
                return _outline_level(level)
            style_id = style.xpath("string(w:basedOn/@w:val)")
        return None


def _inline(element: etree._Element) -> Iterator[str | object | etree._Element | ImageBlock]:
    """A paragraph's content in order: text, page-break markers, text boxes (not descended into), pictures."""
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED:
            continue  # comments and processing instructions have no string tag
        if tag == _T:
            yield child.text or ""
        elif tag == _TAB:
            yield "\t"
        elif tag == _BR:
            kind = child.get(qn("w:type"))
            if kind == "page":
                yield _HARD
            elif kind in (None, "textWrapping"):
                yield "\n"
        elif tag == _CR:
            yield "\n"
        elif tag == _RENDERED_BREAK:
            yield _RENDERED
        elif tag == _TXBX:
            yield child
        elif tag in _PICTURES and (picture := _picture(child)) is not None:
            yield picture
        else:
            yield from _inline(child)


def _picture(element: etree._Element) -> ImageBlock | None:
    """A drawing or VML shape that shows an image (not a text box): its name and size in points."""
    if element.find(f".//{_TXBX}") is not None:
        return None
    blips = element.xpath(".//*[local-name()='blip' or local-name()='imagedata']")
    if not blips:
        return None
    names = element.xpath(".//*[local-name()='docPr']/@descr | .//*[local-name()='docPr']/@name")
    names += element.xpath(".//*[local-name()='imagedata']/@*[local-name()='title']")
    extent = element.xpath(".//*[local-name()='extent']")
    width = height = None
    if extent:
        width = (_int(extent[0].get("cx", "")) or 0) / _EMU_PER_POINT or None
        height = (_int(extent[0].get("cy", "")) or 0) / _EMU_PER_POINT or None
    else:
        style = dict(_VML_SIZE.findall(" ".join(element.xpath(".//@style"))))
        width = float(style["width"]) if "width" in style else None
        height = float(style["height"]) if "height" in style else None
    return ImageBlock(name=next((n for n in names if n.strip()), None), width=width, height=height)


def _children(element: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Direct children with `tag`, also those wrapped in a content control."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag == _SDT:
            for content in child.iterfind(_SDT_CONTENT):
                yield from _children(content, tag)


def _outline_level(value: str) -> int | None:
    """w:outlineLvl counts from 0; 9 means body text."""
    level = _int(value)
    return level + 1 if level is not None and 0 <= level < 9 else None


def _int(value: str) -> int | None:
    try:
        return int(value)
    except ValueError:
        return None
