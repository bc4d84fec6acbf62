"""PDF: the text layer, page by page, cut back into paragraphs, plus ruled tables.

A PDF holds positioned lines, not paragraphs. Lines are joined into one
paragraph (directly, as Chinese is written; with a space only between two
Latin letters or digits) until one of these says a new one starts:

- the line is indented from the page's left edge by more than a character
  (a first-line indent, or a centred heading);
- the gap above it is clearly wider (by half a line) than the tightest line
  spacing on the page (a blank line);
- its font size differs from the line before (a heading and its body);
- the line before stopped short of the right edge by more than two
  characters (the last line of a paragraph).

A paragraph broken by a page turn is joined across it by the same rules
(less the gap) and takes the page where it starts. A bare page number as the
first or last line of a page ("- 12 -", "第3页") is dropped, so it does not
cut such a paragraph, and so is a running title: a short line standing first
or last on three pages or more (and on a third of them). Page numbers of
blocks are physical, 1-based.

Ruled tables come from pdfplumber's line detection. A merged cell is one cell
box spanning several rows or columns of the table's ruling; its spans are
counted on those rulings. A cell's lines are kept as "\\n" (a PDF cannot tell
a wrapped line from a break). A table running over a page turn gives one
table per page. A single ruled box (a frame) is not a table: its text reads
as paragraphs. The text layer marks no headings, so `heading_level` is None.

Pictures wider and taller than a few lines of text become ImageBlocks where
they stand on the page (a table printed as a picture is then known to be
missing); smaller ones (logos, seals, bullets) are left out.
"""

from __future__ import annotations

import itertools
import logging
import re
import statistics
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfplumber.page import Page
from pdfplumber.table import Table
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from planwatch.errors import InputError
from planwatch.ingest.blocks import Block, Document, GridCell, ImageBlock, Paragraph, TableBlock
from planwatch.ingest.furniture import PAGE_NUMBER
from planwatch.ingest.limits import Clock, Limits, check_pdf
from planwatch.ingest.readers.text import unreadable

# pdfminer warns of every repair it makes (a page without a MediaBox); the reading says what matters.
logging.getLogger("pdfminer").addHandler(logging.NullHandler())

_MIN_PICTURE = 72.0  # points: an inch each way; smaller pictures are marks, not content
_BARE_NUMBER = re.compile(r"\s*\d{1,4}\s*")


def _page_number(text: str) -> bool:
    """At a page's top or foot, a bare number is its page number too."""
    return bool(PAGE_NUMBER.match(text) or _BARE_NUMBER.fullmatch(text))


@dataclass
class _Line:
    """One text line, with what the paragraph rules look at."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    indented: bool = False
    full: bool = True
    extra_gap: float | None = None  # space above beyond the page's tightest line gap; None at the top


def read(path: Path) -> Document:
    """Read a PDF's text layer into paragraphs and tables, with 1-based page numbers."""
    limits = Limits.from_environment()
    check_pdf(path, limits)
    try:
        with pdfplumber.open(path) as pdf:
            return _read(pdf, path, limits)
    except PdfminerException as e:
        if e.args and isinstance(e.args[0], PDFPasswordIncorrect):
            raise InputError(
                str(path),
                "设有密码保护，请去除密码后再上传。",
                "The file is protected by a password: remove the password and upload it again.",
            ) from None
        raise InputError(
            str(path),
            "不是能读取的 PDF 文件，未导入。",
            "This is not a PDF file that can be read; not imported.",
        ) from None
    except MalformedPDFException:
        raise InputError(
            str(path), "是损坏的 PDF 文件，未导入。", "This PDF file is damaged; not imported."
        ) from None
    except OSError as e:
        raise InputError(str(path), *unreadable(e)) from None
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, RecursionError):
        # pdfminer trusts the file's structure: a page without a MediaBox, a broken page tree.
        raise InputError(
            str(path),
            "是损坏的 PDF 文件，结构不完整（如页面缺少尺寸），未导入。",
            "This PDF file is damaged: its structure is incomplete (a page without a size, say); not imported.",
        ) from None


def _read(pdf: pdfplumber.PDF, path: Path, limits: Limits) -> Document:
    if not pdf.pages:
        raise InputError(str(path), "PDF 文件中没有页面。", "The PDF file has no pages.")
    if len(pdf.pages) > limits.pages:
        raise InputError(
            str(path),
            f"共 {len(pdf.pages)} 页，超过 {limits.pages} 页的上限，未导入。",
            f"It has {len(pdf.pages)} pages, over the limit of {limits.pages}; not imported.",
        )
    blocks: list[Block] = []
    textless, pages = _pages(pdf, Clock(str(path), limits))
    running = _running_lines(pages)
    open_paragraph: tuple[Paragraph, _Line] | None = None
    for number, items in enumerate(pages, start=1):
        if number in textless:
            open_paragraph = None
            continue
        lines = [item for item in items if isinstance(item, _Line)]
        if lines and lines[0].text.strip() in running:
            items.remove(lines[0])
            if len(lines) > 1:
                lines[1].extra_gap = None  # the page's text starts here
        if len(lines) > 1 and lines[-1].text.strip() in running:
            items.remove(lines[-1])
        for item in items:
            if isinstance(item, (TableBlock, ImageBlock)):
                item.page = number
                blocks.append(item)
                open_paragraph = None
                continue
            if open_paragraph and not _starts_paragraph(item, open_paragraph[1]):
                paragraph = open_paragraph[0]
                paragraph.text = _join(paragraph.text, item.text)
            else:
                paragraph = Paragraph(item.text, page=number)
                blocks.append(paragraph)
            open_paragraph = (paragraph, item)
    if len(textless) == len(pdf.pages):
        raise InputError(
            str(path),
            "没有文字层（扫描版 PDF 须先做文字识别），无法读取。",
            "It has no text layer (a scanned PDF needs text recognition first), so it cannot be read.",
        )
    notes = [f"no text layer on page {', '.join(map(str, textless))} (scanned?)"] if textless else []
    return Document(blocks, format="pdf", source=str(path), notes=notes)


def _pages(
    pdf: pdfplumber.PDF, clock: Clock
) -> tuple[list[int], list[list[_Line | TableBlock | ImageBlock]]]:
    """The pages without text, and each page's items; a page's objects are let go once it is read."""
    textless: list[int] = []
    pages: list[list[_Line | TableBlock | ImageBlock]] = []
    for number, page in enumerate(pdf.pages, start=1):
        clock.check()
        if page.chars:
            pages.append(_page_items(page))
        else:
            textless.append(number)
            pages.append([])
        page.close()
    return textless, pages


_RUNNING_PAGES = 3


def _running_lines(pages: list[list[_Line | TableBlock | ImageBlock]]) -> set[str]:
    """Lines printed at the top or foot of many pages: a running title or header, not the text."""
    seen: dict[str, int] = {}
    for items in pages:
        lines = [item for item in items if isinstance(item, _Line)]
        for text in {line.text.strip() for line in (lines[:1] + lines[-1:])}:
            seen[text] = seen.get(text, 0) + 1
    return {
        text for text, n in seen.items() if n >= _RUNNING_PAGES and n * 3 >= len(pages) and len(text) <= 40
    }


def _page_items(page: Page) -> list[_Line | TableBlock | ImageBlock]:
    """The page's lines and tables, top to bottom, lines annotated for the paragraph rules."""
    tables = [(t, block) for t in page.find_tables() if (block := _table_block(t)) is not None]
    boxes = [t.bbox for t, _ in tables]
    text_page = page.filter(lambda obj: obj.get("object_type") != "char" or not _inside(obj, boxes))
    lines = [line for raw in text_page.extract_text_lines() if (line := _line(raw)) is not None]
    if lines and _page_number(lines[-1].text):
        lines.pop()
    if lines and _page_number(lines[0].text):
        lines.pop(0)
    if lines:
        left = min(line.x0 for line in lines)
        right = max(line.x1 for line in lines)
        gaps = [max(b.top - a.bottom, 0.0) for a, b in itertools.pairwise(lines)]
        tightest = min(gaps, default=0.0)
        for line in lines:
            line.indented = line.x0 > left + line.size
            line.full = line.x1 >= right - 2 * line.size
        for line, gap in zip(lines[1:], gaps, strict=True):
            line.extra_gap = gap - tightest
    items: list[tuple[float, _Line | TableBlock | ImageBlock]] = [(line.top, line) for line in lines]
    items += [(t.bbox[1], block) for t, block in tables]
    items += [(image["top"], _picture(image)) for image in page.images if _is_picture(image)]
    items.sort(key=lambda pair: pair[0])
    return [item for _, item in items]


def _is_picture(image: dict) -> bool:
    return image["width"] >= _MIN_PICTURE and image["height"] >= _MIN_PICTURE


def _picture(image: dict) -> ImageBlock:
    name = image.get("name")
    return ImageBlock(name=str(name) if name else None, width=image["width"], height=image["height"])


def _starts_paragraph(line: _Line, before: _Line) -> bool:
    """The paragraph rules of the module docstring."""
    return (
        line.indented
        or (line.extra_gap is not None and line.extra_gap > line.size / 2)
        or abs(line.size - before.size) > 1
        or not before.full
    )


def _join(text: str, more: str) -> str:
    """Chinese lines join directly; a space only between two Latin letters or digits."""
    if text[-1].isascii() and text[-1].isalnum() and more[0].isascii() and more[0].isalnum():
        return f"{text} {more}"
    return text + more


def _line(raw: dict) -> _Line | None:
    """A pdfplumber text line; its left edge is its first visible character, not a leading space."""
    visible = [c for c in raw["chars"] if not c["text"].isspace()]
    if not visible or not raw["text"].strip():
        return None
    return _Line(
        text=raw["text"].strip(),
        x0=visible[0]["x0"],
        x1=max(c["x1"] for c in visible),
        top=raw["top"],
        bottom=raw["bottom"],
        size=statistics.median(c["size"] for c in visible),
    )


def _inside(obj: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= x < x1 and top <= y < bottom for x0, top, x1, bottom in boxes)


def _table_block(table: Table) -> TableBlock | None:
    """A ruled table, each merged cell once with its spans; None for a single frame or an empty grid."""
    if len(table.cells) < 2:
        return None
    texts: dict[tuple[float, float, float, float], str] = {}
    for row, row_texts in zip(table.rows, table.extract(), strict=True):
        for box, text in zip(row.cells, row_texts, strict=True):
            if box is not None:
                texts[box] = "\n".join(part.strip() for part in (text or "").split("\n") if part.strip())
    if not any(texts.values()):
        return None
    xs = _rulings([v for box in table.cells for v in (box[0], box[2])])
    ys = _rulings([v for box in table.cells for v in (box[1], box[3])])
    starts: dict[tuple[int, int], GridCell] = {}
    for box, text in texts.items():
        c0, c1 = _at(xs, box[0]), _at(xs, box[2])
        r0, r1 = _at(ys, box[1]), _at(ys, box[3])
        starts[r0, c0] = GridCell(text, rowspan=max(r1 - r0, 1), colspan=max(c1 - c0, 1))
    rows: list[list[GridCell]] = []
    covered: set[tuple[int, int]] = set()
    for r in range(len(ys) - 1):
        row = []
        for c in range(len(xs) - 1):
            if (r, c) in covered:
                continue
            # A gap in the ruling becomes an empty cell, so later cells keep their columns.
            cell = starts.get((r, c), GridCell(""))
            row.append(cell)
            covered |= {(r + dr, c + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan)}
        rows.append(row)
    return TableBlock(rows)


def _rulings(values: list[float], tolerance: float = 1.0) -> list[float]:
    """The distinct positions of a table's rules, nearly equal ones counted once."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tolerance:
            out.append(v)
    return out


def _at(rulings: list[float], value: float) -> int:
    return min(range(len(rulings)), key=lambda i: abs(rulings[i] - value))
