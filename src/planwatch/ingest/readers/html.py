"""HTML pages, as government sites publish plans: often GB2312/GBK with a `<meta charset>`.

Decoding: a byte-order mark, else the declared charset, else a guess
(bs4's UnicodeDammit). A declared GB2312 or GBK is read as GB18030, its
superset: pages labelled GB2312 routinely hold GBK-only characters (镕, 喆).

Blocks, in document order:

- h1-h6 are headings, shifted so the highest level on the page is 1;
- p, div, li and the other block elements give paragraphs; text directly in
  a div that also holds paragraphs is its own paragraph, so nested divs never
  repeat text; outside tables and headings a `<br>` ends a paragraph, since
  sites often lay out a whole chapter in one element with `<br>` between
  paragraphs; inside a heading `<br>` gives "\\n";
- a table gives a TableBlock honouring rowspan/colspan (a bad or zero span
  counts as 1, a rowspan is cut at the table's last row); inside a cell,
  `<br>` and block elements give "\\n". A layout table, one whose cells hold
  headings, other tables or whole articles (more than 2000 characters), is
  read as ordinary blocks instead, each cell's content in turn.

Skipped: script, style, nav, aside, form controls, superscript note numbers
after Chinese text (`城市<sup>114</sup>`, not m<sup>2</sup>), elements hidden with
`display: none` that hold no running text (a menu; a plan hidden until a
script shows it is read), and header/footer other than an article's own.

Whitespace collapses as a browser shows it, except that a line break between
two Chinese characters disappears (it is only source formatting); `&nbsp;`
and full-width spaces are trimmed from each block's ends.

HTML has no pages: page is None.
"""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.dammit import EncodingDetector, UnicodeDammit
from bs4.element import PreformattedString

from planwatch.errors import InputError
from planwatch.ingest.blocks import Block, Document, GridCell, Paragraph, TableBlock, relative_heading_levels
from planwatch.ingest.readers.text import unreadable

_SKIPPED = {"script", "style", "noscript", "template", "iframe", "nav", "aside", "select", "button"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCKS = {
    *_HEADINGS,
    *("address", "article", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "div"),
    *("dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "header", "hgroup", "hr", "li"),
    *("main", "menu", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th"),
    *("thead", "tr", "ul"),
}
_GB = {"gb2312", "gbk", "gb_2312-80", "x-gbk", "csgb2312", "euc-cn"}
_LAYOUT_CELL_CHARS = 2000
_MAX_COLSPAN, _MAX_ROWSPAN = 1000, 65534  # the HTML standard's limits

_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_LINE_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t\r\f]*\n[ \t\r\n\f]*(?=[{_CJK}])")
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_HIDDEN_SENTENCES = 5
_NOTE_NUMBER = re.compile(r"[\[［(（]?\d{1,3}[\]］)）]?")
_AFTER_CJK = re.compile(rf"[{_CJK}”’」』》）]\s*$")
_SPACES = re.compile(r"[ \t\r\n\f\xa0]+")


def read(path: Path) -> Document:
    """Read an HTML page into headings, paragraphs and tables."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(str(path), *unreadable(e)) from None
    if not data.strip():
        raise InputError(str(path), "文件是空的。", "The file is empty.")
    markup, notes = _decode(data, str(path))
    soup = BeautifulSoup(markup, "lxml")
    walker = _Walker(flat=False)
    walker.walk(soup.body or soup)
    blocks = walker.finish()
    relative_heading_levels(blocks)
    if not blocks:
        notes.append("no text found in the page")
    return Document(blocks, format="html", source=str(path), notes=notes)


def _decode(data: bytes, where: str) -> tuple[str, list[str]]:
    declared = EncodingDetector.find_declared_encoding(data, is_html=True)
    wider = ["gb18030"] if declared and declared.lower() in _GB else []
    dammit = UnicodeDammit(data, known_definite_encodings=wider, is_html=True)
    markup = dammit.unicode_markup
    if markup is None:
        raise InputError(
            where, "无法识别网页的文字编码。", "The web page's text encoding cannot be recognised."
        )
    if "\x00" in markup:
        raise InputError(where, "不是网页（HTML）文件。", "This is not a web page (HTML) file.")
    note = f"encoding {dammit.original_encoding}"
    if declared and declared.lower() != (dammit.original_encoding or "").lower():
        note += f" (declared {declared})"
    notes = [note]
    if dammit.contains_replacement_characters:
        notes.append("some bytes could not be decoded and were replaced by �")
    return markup, notes


class _Walker:
    """Collects blocks from an element tree.

    `flat` is for the inside of a heading or a table cell: everything becomes
    plain lines, to be joined with "\\n".
    """

    def __init__(self, flat: bool) -> None:
        self.flat = flat
        self.blocks: list[Block] = []
        self.pending: list[str] = []

    def walk(self, element: Tag) -> None:
        for child in element.children:
            if isinstance(child, NavigableString):
                if not isinstance(child, PreformattedString):  # comments, CDATA, doctype
                    self.pending.append(str(child))
            elif isinstance(child, Tag) and not _skipped(child):
                self.element(child)

    def element(self, tag: Tag) -> None:
        name = tag.name
        if name == "br":
            self.flush()
        elif name in _HEADINGS and not self.flat:
            self.flush()
            text = _cell_text(tag)
            if text:
                self.blocks.append(Paragraph(text, heading_level=int(name[1])))
        elif name == "table" and not self.flat and not _is_layout(tag):
            self.flush()
            if (table := _table(tag)) is not None:
                self.blocks.append(table)
        elif name in _BLOCKS:
            self.flush()
            self.walk(tag)
            self.flush()
        else:
            self.walk(tag)

    def flush(self) -> None:
        text = _clean("".join(self.pending))
        self.pending.clear()
        if text:
            self.blocks.append(Paragraph(text))

    def finish(self) -> list[Block]:
        self.flush()
        return self.blocks


def _hidden_text(tag: Tag) -> bool:
    """A hidden element holding running text: pages hide the plan until a script or a click shows it.

    Hidden menus and pop-ups hold short labels; the plan holds sentences.
    """
    text = tag.get_text()
    return text.count("。") >= _HIDDEN_SENTENCES


def _note_reference(tag: Tag) -> bool:
    """A superscript note number after Chinese text (`三核四极”<sup>114</sup>`); m<sup>2</sup> stays."""
    if tag.name != "sup" or not _NOTE_NUMBER.fullmatch(tag.get_text().strip()):
        return False
    before = tag.previous_sibling
    text = before if isinstance(before, NavigableString) else (before.get_text() if before else "")
    return bool(text) and bool(_AFTER_CJK.search(text))


def _skipped(tag: Tag) -> bool:
    """Boilerplate: scripts, menus, form controls, hidden parts, note numbers; the page's header and footer."""
    if tag.name in _SKIPPED or (_HIDDEN.search(str(tag.get("style", ""))) and not _hidden_text(tag)):
        return True
    if _note_reference(tag):
        return True
    return tag.name in ("header", "footer") and tag.find_parent(["article", "main"]) is None


def _clean(text: str) -> str:
    text = _CJK_LINE_BREAK.sub("", text)
    return _SPACES.sub(" ", text).strip()


def _cell_text(element: Tag) -> str:
    """An element's text with its line structure: `<br>` and blocks give "\\n"."""
    walker = _Walker(flat=True)
    walker.walk(element)
    return "\n".join(b.text for b in walker.finish() if isinstance(b, Paragraph))


def _own_rows(table: Tag) -> list[Tag]:
    """The table's rows, not those of tables nested in its cells."""
    rows = []
    for child in table.find_all(recursive=False):
        if child.name == "tr":
            rows.append(child)
        elif child.name in ("thead", "tbody", "tfoot"):
            rows += child.find_all("tr", recursive=False)
    return rows


def _own_cells(tr: Tag) -> list[Tag]:
    return tr.find_all(["td", "th"], recursive=False)


def _is_layout(table: Tag) -> bool:
    """A table used to lay out the page, not to hold data."""
    if table.get("role") in ("presentation", "none"):
        return True
    for tr in _own_rows(table):
        for cell in _own_cells(tr):
            if cell.find(["table", *_HEADINGS]) is not None:
                return True
            if len(cell.get_text()) > _LAYOUT_CELL_CHARS:
                return True
    return False


def _rows(table: Tag) -> list[list[GridCell]]:
    trs = _own_rows(table)
    rows = []
    for r, tr in enumerate(trs):
        rows.append(
            [
                GridCell(
                    _cell_text(td),
                    rowspan=min(_span(td.get("rowspan"), _MAX_ROWSPAN), len(trs) - r),
                    colspan=_span(td.get("colspan"), _MAX_COLSPAN),
                )
                for td in _own_cells(tr)
            ]
        )
    return rows


def _table(table: Tag) -> TableBlock | None:
    rows = _rows(table)
    if not any(cell.text for row in rows for cell in row):
        return None
    caption = table.find("caption", recursive=False)
    caption_text = _cell_text(caption) if caption is not None else ""
    return TableBlock(rows, caption=caption_text or None)


def _span(value: str | list[str] | None, limit: int) -> int:
    """A rowspan/colspan attribute; missing, zero or malformed counts as 1."""
    try:
        span = int(str(value).strip())
    except ValueError:
        return 1
    return min(span, limit) if span >= 1 else 1
