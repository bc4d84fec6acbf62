"""Indicator tables in text that keeps its printed lines: a PDF's text layer, a Word export, a copied page.

Such text prints a table as lines: a row a line with its cells between spaces,
a cell a line, a cell wrapped over several lines, a merged 类别 printed as a
few short lines before its first row (`创新\\n发展\\n(5项)`), the header again
after a page break, page numbers (`— 12 —`) anywhere, notes (注:) after it.

A table is found by its header: a line, or a run of lines, made of header
words only (类别 序号 指标 2025年 2030年目标 属性). Where the header and the
body set their cells apart by runs of spaces, in columns, each piece is read
by where it stands (`line_columns`); else by the order of the pieces
(`line_rows`). Either way the rows become a grid of cells (`line_grid`), and
the grid is read like any real table (`grid_tables.build_table`), so one row
reader serves every kind of table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial

from planwatch.ingest import grid_tables
from planwatch.ingest.blocks import GridCell, TableBlock
from planwatch.ingest.columns import split_name
from planwatch.ingest.line_columns import AlignedReader, chunks, spaced
from planwatch.ingest.line_grid import Body, Column
from planwatch.ingest.line_pieces import Fragment, width
from planwatch.ingest.line_rows import read_rows
from planwatch.ingest.table_found import FoundTable, where_warning
from planwatch.plan.model import PlanWarning, Table

# A page number between dashes, or 第N页: page furniture wherever it stands.
FOOTER = re.compile(
    r"^\s*(?:[-—–－]+\s*\d{1,4}\s*[-—–－]+|第\s*\d{1,4}\s*页(?:\s*[,，]?\s*共\s*\d{1,4}\s*页)?)\s*$"
)
_ROLE_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("category", re.compile(r"类别|领域|分类|类型|方面|指标类别")),
    ("number", re.compile(r"序号|编号")),
    ("name", re.compile(r"(?:主要|计划|评价|规划)?指标(?:名称)?|指标|项目|名称")),
    ("unit", re.compile(r"(?:计量)?单位")),
    ("attribute", re.compile(r"(?:指标)?(?:属性|性质)")),
    ("remark", re.compile(r"备注|说明")),
)
_MAX_COLUMNS = 24
_VALUE_WORD = re.compile(
    r"[“\"]?(?:十[一二三四五六七八九]五)?[”\"]?.{0,4}"
    r"(?:20\d\d年|基数|基期|目标|完成|实际|预计|现状|规划|绝对值|年均|增长|增速|累计)"
)
_BRACKET_TAIL = re.compile(r"^[(（][^()（）]{0,8}[)）]$")
_WRAPPED_HEADER_TAIL = re.compile(rf"{_BRACKET_TAIL.pattern}|^(?:目标|目标值|预计|预期|完成值|绝对值|值)$")

_CAPTION_LABEL = re.compile(rf"^{grid_tables.CAPTION_LABEL}")
_MAX_CAPTION = 60
# A group row (二、科技创新) may be taken for a heading; in a table body it is a row.
_GROUP_LINE = re.compile(r"^[一二三四五六七八九十]{1,3}、\S{1,12}$")
_MAX_BODY_LINES = 600

_NOTE_LABEL = r"^\s*(?:注|备注|说明|资料来源)\s*"
_NOTES = re.compile(rf"{_NOTE_LABEL}[:：\d]")  # a line that opens the notes
_NOTE_HEAD = re.compile(rf"{_NOTE_LABEL}[:：]?\s*")  # the label before the first note
_NOTE_ITEM = re.compile(r"(\d{1,2})[.、．]")
_MAX_NOTE_LINES = 15


@dataclass
class Header:
    """The header of a table: its columns, its printed rows, and the tokens that repeat it after a page break."""

    columns: list[Column]
    rows: list[list[GridCell]]
    tokens: tuple[str, ...]
    first: int  # line index of its first line
    last: int  # line index of its last line


@dataclass
class _Lines:
    """The text cut into lines, with where each starts."""

    texts: list[str]
    starts: list[int]

    @classmethod
    def of(cls, text: str) -> _Lines:
        texts = text.split("\n")
        starts, pos = [], 0
        for line in texts:
            starts.append(pos)
            pos += len(line) + 1
        return cls(texts, starts)

    def end(self, k: int) -> int:
        return self.starts[k] + len(self.texts[k])


def find_tables(text: str, stops: list[int]) -> list[FoundTable]:
    """Every indicator table printed as lines in `text`; `stops` are heading positions no table runs past."""
    lines = _Lines.of(text)
    stop_lines = _stop_lines(lines, stops)
    found: list[FoundTable] = []
    k = 0
    while k < len(lines.texts):
        header = read_header(lines.texts, k)
        if header is None:
            k += 1
            continue
        table = _read_table(lines, header, stop_lines)
        if table is None:
            k = header.last + 1
            continue
        found.append(table)
        k = max(header.last + 1, _line_of(lines, table.end))
    return found


def _stop_lines(lines: _Lines, stops: list[int]) -> set[int]:
    """The lines where a heading starts."""
    out: set[int] = set()
    k = 0
    for pos in sorted(stops):
        while k + 1 < len(lines.starts) and lines.starts[k + 1] <= pos:
            k += 1
        out.add(k)
    return out


def _line_of(lines: _Lines, pos: int) -> int:
    lo, hi = 0, len(lines.starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if lines.starts[mid] <= pos:
            lo = mid
        else:
            hi = mid - 1
    return lo + 1


# -- the header ---------------------------------------------------------------------------


def header_role(token: str) -> str | None:
    """What a header word names: a lead role (number, name, unit, category, attribute, remark) or a value column."""
    text = token.strip().replace("（", "(").replace("）", ")")
    for role, pattern in _ROLE_WORDS:
        if pattern.fullmatch(text):
            return role
    if len(text) <= 16 and _VALUE_WORD.match(text):
        return "value"
    if re.fullmatch(r"(?:20\d\d年?|年均增长|增长)?\s*\(%\)|\(%\)", text):
        return "value"
    return None


def _header_tokens(line: str) -> list[str] | None:
    """The header words of a line made of header words only, else None."""
    tokens = line.split()
    if tokens and len(tokens) <= _MAX_COLUMNS and all(header_role(t) for t in tokens):
        return tokens
    return None


def read_header(texts: list[str], k: int) -> Header | None:
    """The header starting at line k: one line of header words, two levels, or a header word a line."""
    lines: list[list[str]] = []
    j = k
    while j < len(texts) and len(lines) < 16:
        tokens = _header_tokens(texts[j])
        if tokens is None:
            if lines and _WRAPPED_HEADER_TAIL.match(texts[j].strip()):
                lines[-1][-1] += texts[j].strip()
                j += 1
                continue
            break
        if lines and tokens and _joins_header(lines[-1][-1], tokens[0]):
            lines[-1][-1] += tokens.pop(0)
        if tokens:
            lines.append(tokens)
        j += 1
    flat = [t for line in lines for t in line]
    roles = [header_role(t) for t in flat]
    if len(flat) < 3 or "name" not in roles or "value" not in roles:
        return None
    return _header_grid(lines, k, j - 1)


def header_again(line: str) -> bool:
    """A line of the header printed again in the body: header words, a lead word (指标, 属性) among them."""
    tokens = _header_tokens(line)
    return tokens is not None and len(tokens) >= 2 and any(header_role(t) != "value" for t in tokens)


def _joins_header(before: str, token: str) -> bool:
    """`2030年` at a line's end and `目标` next, `年均增长` and `(%)`: one header cell wrapped, not two."""
    if _BRACKET_TAIL.match(token):
        return header_role(before) == "value" and not before.endswith((")", "）"))
    return bool(re.fullmatch(r"20\d\d年", before)) and bool(_WRAPPED_HEADER_TAIL.match(token))


def _header_grid(lines: list[list[str]], first: int, last: int) -> Header:
    """Columns and printed header rows; a second level sits under the value words of the first."""
    flat = [t for line in lines for t in line]
    if len(lines) == 2 and len(lines[0]) > 1 and all(header_role(t) == "value" for t in lines[1]):
        top, subs = lines
    elif all(len(line) == 1 for line in lines):
        top, subs = _split_levels(flat)
    else:
        top, subs = flat, []
    groups = [t for t in top if header_role(t) == "value"]
    shares = _shares(groups, subs) if subs else None
    if subs and shares is None:
        top, subs = flat, []
    columns: list[Column] = []
    upper: list[GridCell] = []
    g = 0
    for token in top:
        role = header_role(token) or "value"
        if role == "value" and shares:
            upper.append(GridCell(token, colspan=len(shares[g])))
            columns.extend(Column(f"{_tidy(token)}/{_tidy(s)}", "value") for s in shares[g])
            g += 1
        else:
            upper.append(GridCell(token, rowspan=2 if subs else 1))
            columns.append(Column(_tidy(token), role))
    rows = [upper, [GridCell(s) for s in subs]] if subs else [upper]
    return Header(columns, rows, tuple(flat), first, last)


def _shares(groups: list[str], subs: list[str]) -> list[list[str]] | None:
    """The second-level words under each first-level one: by their years (“十三五”基数 over 2020年 and
    the 年均增长 after it), else in equal shares; None where neither fits."""
    ends = [_end_year(g) for g in groups]
    if groups and all(ends) and len(set(ends)) == len(ends):
        shares: list[list[str]] = [[] for _ in groups]
        k = -1
        for sub in subs:
            year = re.search(r"20\d\d", sub)
            if year:
                k = ends.index(int(year.group(0))) if int(year.group(0)) in ends else -1
            if k < 0:
                break
            shares[k].append(sub)
        if k >= 0 and all(shares):
            return shares
    if groups and len(subs) % len(groups) == 0:
        per = len(subs) // len(groups)
        return [subs[g * per : (g + 1) * per] for g in range(len(groups))]
    return None


def _end_year(group: str) -> int | None:
    """The year a first-level header stands for: 2020年目标, or the last year of “十四五” (2025)."""
    year = re.search(r"20\d\d", group)
    if year:
        return int(year.group(0))
    period = re.search(r"十([一二三四五六七八九])五", group)
    return 2010 + 5 * "一二三四五六七八九".index(period.group(1)) if period else None


def _split_levels(tokens: list[str]) -> tuple[list[str], list[str]]:
    """A header word a line: value words after the last lead or tail word are the second level."""
    last_lead = max((k for k, t in enumerate(tokens) if header_role(t) != "value"), default=-1)
    before = [t for t in tokens[: last_lead + 1] if header_role(t) == "value"]
    after = tokens[last_lead + 1 :]
    if before and after and len(after) % len(before) == 0:
        return tokens[: last_lead + 1], after
    return tokens, []


def _tidy(token: str) -> str:
    return token.strip().replace("（", "(").replace("）", ")")


# -- the table ----------------------------------------------------------------------------


def _read_table(lines: _Lines, header: Header, stop_lines: set[int]) -> FoundTable | None:
    caption_line = _caption_line(lines.texts, header.first, stop_lines)
    caption = lines.texts[caption_line].strip() if caption_line is not None else ""
    body_end = _body_end(lines.texts, header.last + 1, stop_lines)
    where = caption or "、".join(c.name for c in header.columns[:4])
    body = _read_body(lines.texts, header, body_end, where)
    if not body.rows:
        return None
    last_line = body.last_line if body.last_line is not None else header.last
    notes, notes_end = _notes(lines.texts, last_line + 1, stop_lines)
    block = TableBlock(rows=[*header.rows, *body.rows], caption=caption or None)
    table, warnings = grid_tables.build_table(block, caption or None)
    if table is None:
        return None
    table.flattened = True
    table.notes.extend(notes)
    _mark_uncertain(table, body.uncertain)
    start = lines.starts[caption_line if caption_line is not None else header.first]
    end = lines.end(notes_end if notes_end is not None else last_line)
    warnings = [*body.warnings, *warnings]
    if body.unread:
        warnings.append(_unread_warning(where, body.unread))
    return FoundTable(start, end, table, warnings)


def _read_body(texts: list[str], header: Header, end: int, where: str) -> Body:
    """The body read by where its pieces stand where it is printed in the header's columns, else in order."""
    starts = _column_starts(texts, header)
    if starts is not None:
        body = [
            (k, texts[k])
            for k in range(header.last + 1, end)
            if texts[k].strip() and not FOOTER.match(texts[k])
        ]
        printed = {re.sub(r"\s", "", texts[k]) for k in range(header.first, header.last + 1)}
        reader = AlignedReader(header.columns, starts, partial(_printed_again, printed), where)
        if reader.fits(body):
            return reader.read(body)
    fragments = _fragments(texts, header.last + 1, end)
    return read_rows(fragments, header.columns, header.tokens, where)


def _printed_again(printed: set[str], line: str) -> bool:
    """A line of the header printed again: as the header printed it, or header words with a lead word."""
    return re.sub(r"\s", "", line) in printed or header_again(line)


def _column_starts(texts: list[str], header: Header) -> list[int] | None:
    """Where each column starts on the line, from the header's words set apart by runs of spaces; None
    where the header is not printed so (one word a line, single spaces)."""
    printed = [chunks(texts[k]) for k in range(header.first, header.last + 1)]
    if not spaced(texts[header.first]) or len(printed) > 2:
        return None
    top = printed[0]
    if len(top) != len(header.rows[0]):
        return None
    if len(printed) == 1:
        return [c.start for c in top] if len(top) == len(header.columns) else None
    subs = printed[1]
    starts: list[int] = []
    for k, (cell, chunk) in enumerate(zip(header.rows[0], top, strict=True)):
        if cell.colspan == 1:
            starts.append(chunk.start)
            continue
        limit = top[k + 1].start if k + 1 < len(top) else None
        under = [c.start for c in subs if chunk.start - 1 <= c.start and (limit is None or c.start < limit)]
        if len(under) != cell.colspan:
            return None
        starts.extend(under)
    return starts if len(starts) == len(header.columns) else None


def _mark_uncertain(table: Table, uncertain: dict[str, list[list[str]]]) -> None:
    """Cells placed by a guess carry the other placings as alternatives."""
    readings = {split_name(name)[0]: alternatives for name, alternatives in uncertain.items()}
    for row in table.rows:
        alternatives = readings.get(row.name)
        if not alternatives:
            continue
        row.alternatives = alternatives
        for k, cell in enumerate(row.cells):
            others = sorted({alt[k] for alt in alternatives if k < len(alt) and alt[k] != cell.raw})
            if others:
                cell.uncertain, cell.alternatives = True, others


def _caption_line(texts: list[str], first: int, stop_lines: set[int]) -> int | None:
    """The line above the header where it names the table (主要指标, 表1, 专栏2); a 单位 line may stand between."""
    k = first - 1
    while k >= 0 and (
        not texts[k].strip() or FOOTER.match(texts[k]) or re.match(r"\s*(?:计量)?单位[:：]", texts[k])
    ):
        k -= 1
    if k < 0:
        return None
    text = texts[k].strip()
    if k in stop_lines or len(text) > _MAX_CAPTION or text.endswith(("。", "；", ";", "：", ":")):
        return None
    if _CAPTION_LABEL.match(text) or "指标" in text or text.endswith("表"):
        return k
    return None


def _body_end(texts: list[str], first: int, stop_lines: set[int]) -> int:
    """The line after the last that may belong to the body: a heading, the notes, or prose end it."""
    k, counted = first, 0
    while k < len(texts) and counted < _MAX_BODY_LINES:
        text = texts[k].strip()
        if (k in stop_lines and not _GROUP_LINE.match(text)) or _NOTES.match(text):
            return k
        if text.endswith("。") and len(text) > 20:
            return k
        counted += not FOOTER.match(text) and _header_tokens(text) is None  # page furniture is not the body
        k += 1
    return k


def _fragments(texts: list[str], first: int, end: int) -> list[Fragment]:
    """The body's pieces of text between spaces, in reading order; page numbers left out."""
    out: list[Fragment] = []
    for k in range(first, end):
        if FOOTER.match(texts[k]):
            continue
        tokens = list(re.finditer(r"\S+", texts[k]))
        for n, token in enumerate(tokens):
            indent = width(texts[k][: token.start()]) if n == 0 else None
            out.append(Fragment(token.group(0), k, n == 0, n == len(tokens) - 1, indent))
    return out


def _notes(texts: list[str], first: int, stop_lines: set[int]) -> tuple[list[str], int | None]:
    """Notes under the table (注:1.…。2.…。), and the last line they take."""
    k = first
    while k < len(texts) and (not texts[k].strip() or FOOTER.match(texts[k])):
        k += 1
    if k >= len(texts) or not _NOTES.match(texts[k]):
        return [], None
    joined, ends = "", []
    for j in range(k, min(len(texts), k + _MAX_NOTE_LINES)):
        if j > k and (j in stop_lines or _NOTES.match(texts[j])):
            break
        if FOOTER.match(texts[j]):
            continue
        joined += texts[j].strip()
        ends.append((len(joined), j))
    text = _NOTE_HEAD.sub("", joined)
    offset = len(joined) - len(text)
    items, used = note_items(text)
    notes = [note for note, _ in items]
    last = next((j for end, j in ends if end >= used + offset), ends[-1][1] if ends else k)
    return notes, last


def note_items(
    text: str, pos: int = 0, limit: int | None = None, reach: int | None = None
) -> tuple[list[tuple[str, int]], int]:
    """Numbered notes `1.…。2.…。`, or one unnumbered sentence, each with where it ends; and how far
    the notes' numbering reads. A note ends at a full stop at most `reach` characters on."""
    limit = len(text) if limit is None else limit
    notes: list[tuple[str, int]] = []
    expected = 1
    while pos < limit:
        m = _NOTE_ITEM.match(text, pos)
        if m and int(m.group(1)) == expected:
            pos = m.end()
        elif expected > 1:
            break
        stop = text.find("。", pos, limit if reach is None else min(limit, pos + reach))
        if stop == -1:
            break
        notes.append((text[pos : stop + 1], stop + 1))
        pos = stop + 1
        if not m:
            break
        expected += 1
    return notes, pos


def _unread_warning(where: str, unread: list[str]) -> PlanWarning:
    shown = " ".join(unread)[:60]
    return where_warning(
        "table_text_unread",
        where,
        f"{where}：表中有未能归入任何行的文字“{shown}”，已略去。",
        f"{where}: text that fits no row was left out: {shown}",
    )
