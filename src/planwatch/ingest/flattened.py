"""Indicator tables flattened into running text, as scraped copies print them.

`专栏1…序号指标名称“十三五”规划目标…一、经济发展1地区生产总值(亿元)170以上8以上30272其中:第一产业…`

The caption opens the table; the header names the value columns; then come
group rows (一、经济发展), numbered rows (the number fused to the previous
row's last figure), names with units in brackets, runs of cells, the
attribute, and notes (注:). A run of cells is cut into the columns by
`splitting`, which knows the row's kind and the columns' kinds.

Text that keeps its printed lines (a PDF's text layer) cuts such a run
anywhere and drops page numbers in it: the run is read with its line breaks
and page numbers taken out. Tables printed as lines, a row or a cell a line,
are read by `line_tables`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from planwatch.ingest import columns as cols
from planwatch.ingest import line_tables, splitting
from planwatch.ingest.table_found import FoundTable, cells_text, where_warning
from planwatch.plan.cells import read_cell
from planwatch.plan.model import Cell, PlanWarning, Row, Table
from planwatch.plan.tables import row_kind
from planwatch.plan.vocabulary import ATTRIBUTES, CELL_BOUNDS

CAPTION = re.compile(r"(专栏|表)\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[:：]?\s*")
# The same caption in printed lines, where a line break or a page number may cut it anywhere.
_GAP = r"(?:\s|[-—–－]+\s*\d{1,4}\s*[-—–－]+(?=\n)|第\s*\d{1,4}\s*页(?=\n))*"
_CAPTION_IN_LINES = re.compile(rf"(?:专{_GAP}栏|表){_GAP}(?:\d{_GAP}\d?|[一二三四五六七八九十]{{1,3}})")
GROUP_ROW = re.compile(rf"({cols.GROUP_NUMERAL})[、．]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_DASHES = "-−—–－"
_PHRASES = re.compile(
    r"(?:完成|控制在|按|达到|低于|不超过)(?:国家|省|市|区|县)(?:下达|规定|确定)?(?:的)?(?:目标|指标|任务|要求)(?:以?内)?"
    r"|完成(?:国家|省|市|区|县)定目标"
    r"|与(?:经济|GDP|地区生产总值)增长(?:基本)?同步|(?:高于|快于|低于)(?:GDP|经济|地区生产总值)增长"
    r"|保持在合理区间|待定|" + "|".join(ATTRIBUTES)
)
_PHRASE_WORDS = (
    "完成市下达目标",
    "完成省下达目标",
    "完成市定目标",
    "控制在市目标内",
    "控制在省目标内",
    "按市下达目标",
    "按省下达目标",
    "保持在合理区间",
)
_NUMBER_RUN = re.compile(
    r"(?P<prefix>累计|[\[〔【口])?(?P<sign>[-−])?(?P<digits>\d[\d.]*)"
    rf"(?P<suffix>[\]〕】口]?(?:{'|'.join(CELL_BOUNDS)})?(?:/年|/千人|/万人)?)"
)
_ROW_NUMBER = re.compile(r"(\d{1,3}|[Il|])(?=[^\d.])")
_MAX_NAME = 45
_NOTE_REACH = 200  # a note is a sentence: a full stop further on ends something else
_WINDOW = 8000  # longer than any table run: a 30-row table runs to about 2,000 characters
_HEADER_REACH = 300

__all__ = ["FoundTable", "find_tables"]


def find_tables(text: str, stops: list[int]) -> list[FoundTable]:
    """Every indicator table flattened into `text`; `stops` are heading positions no table runs past.

    Tables printed as lines are found first; a run-together table is looked for elsewhere.
    """
    found = line_tables.find_tables(text, stops)
    claimed = [(f.start, f.end) for f in found]
    pos = 0
    for m in _CAPTION_IN_LINES.finditer(text):
        if m.start() < pos or any(a <= m.start() < b for a, b in claimed):
            continue
        table = _read_unwrapped(text, m.start(), min(_next_stop(stops, m.start()), m.start() + _WINDOW))
        if table is not None:
            found.append(table)
            pos = table.end
    return sorted(found, key=lambda f: f.start)


def _read_unwrapped(text: str, start: int, limit: int) -> FoundTable | None:
    """The table whose caption stands at `start`, read with line breaks and page numbers taken out."""
    head, _ = _unwrapped(text, start, min(limit, start + _HEADER_REACH))
    caption = CAPTION.match(head)
    if caption is None or _header_start(head, caption.end()) is None:
        return None
    window, origin = _unwrapped(text, start, limit)
    table = _read_table(window, CAPTION.match(window), [])
    if table is None:
        return None
    table.start = origin[table.start]
    table.end = origin[table.end - 1] + 1 if table.end > 0 else start
    return table


def _unwrapped(text: str, start: int, limit: int) -> tuple[str, list[int]]:
    """text[start:limit] without its line breaks and page-number lines; each kept character's position."""
    pieces: list[str] = []
    origin: list[int] = []
    pos = start
    for line in text[start:limit].split("\n"):
        if line.strip() and not line_tables.FOOTER.match(line):
            pieces.append(line)
            origin.extend(range(pos, pos + len(line)))
        pos += len(line) + 1
    return "".join(pieces), origin


def _header_start(text: str, pos: int) -> int | None:
    window = text[pos : pos + 80]
    starts = [window.find(w) for w in ("序号", "指标名称", "计划指标") if w in window]
    if starts:
        return pos + min(starts)
    m = re.search(r"指标(?=[“\"十]|20\d\d|单位|属性)", window)
    return pos + m.start() if m else None


def _read_table(text: str, caption: re.Match[str], stops: list[int]) -> FoundTable | None:
    header_start = _header_start(text, caption.end())
    if header_start is None:
        return None
    limit = _next_stop(stops, caption.start())
    body_start, lead, value_columns, tail = _read_header(text, header_start, limit)
    if not value_columns:
        return None
    title = text[caption.end() : header_start].strip(" :：")
    label = f"{caption.group(1)}{caption.group(2)}"
    table = Table(
        caption=f"{label}:{title}" if caption.group(1) == "表" else f"{label} {title}",
        columns=[*lead, *[c.name for c in value_columns], *tail],
        cell_columns=[c.name for c in value_columns],
        flattened=True,
    )
    reader = _BodyReader(text, body_start, limit, value_columns, table)
    reader.read()
    reader.fill_cells()
    if not table.rows:
        return None
    if "序号" not in table.columns and any(r.number for r in table.rows):
        table.columns.insert(0, "序号")
    return FoundTable(caption.start(), reader.pos, table, reader.warnings)


def _next_stop(stops: list[int], pos: int) -> int:
    k = bisect.bisect_right(stops, pos)
    return stops[k] if k < len(stops) else 10**12


def _read_header(text: str, pos: int, limit: int) -> tuple[int, list[str], list[cols.ValueColumn], list[str]]:
    """Tokens of the header up to the first group row or numbered row."""
    lead: list[str] = []
    groups: list[str] = []
    subs: list[str] = []
    tail: list[str] = []
    i = pos
    end = min(len(text), pos + 200, limit)
    while i < end:
        if GROUP_ROW.match(text, i) or re.match(r"(\d{1,2}|I)[\u4e00-\u9fff]", text[i : i + 3]):
            break
        word = next((w for w in cols.LEAD_WORDS if text.startswith(w, i)), None)
        if word:
            lead.append(word)
            i += len(word)
            continue
        word = next((w for w in cols.TAIL_WORDS if text.startswith(w, i)), None)
        if word:
            tail.append(word)
            i += len(word)
            continue
        g = cols.GROUP.match(text, i)
        s = cols.SUB.match(text, i)
        if g and (not s or g.end() >= s.end()):
            groups.append(g.group(0))
            i = g.end()
        elif s:
            subs.append(s.group(0).replace("（", "(").replace("）", ")"))
            i = s.end()
        else:
            i += 1
    if groups and subs and len(subs) % len(groups) == 0:
        per = len(subs) // len(groups)
        names = [f"{g}/{s}" for k, g in enumerate(groups) for s in subs[k * per : (k + 1) * per]]
    else:
        names = subs or groups
    return i, lead, [cols.value_column(n) for n in names], tail


@dataclass
class _Pending:
    """A cell phrase cut by a line wrap: its head was read, its tail is still to come."""

    tail: str


class _BodyReader:
    """Reads group rows, rows and notes from the body of one flattened table."""

    def __init__(
        self, text: str, pos: int, limit: int, columns: list[cols.ValueColumn], table: Table
    ) -> None:
        self.text = text
        self.pos = pos
        self.limit = min(limit, len(text))
        self.columns = columns
        self.table = table
        self.warnings: list[PlanWarning] = []
        self.category: str | None = None
        self.last_number = 0
        self.numbered = False
        self.pending: _Pending | None = None
        self.parent: Row | None = None
        self.cumulative = False
        self.runs: list[tuple[Row, str]] = []

    # -- the body -------------------------------------------------------------------

    def read(self) -> None:
        self.cumulative = self._notes_say_cumulative()
        number = self._row_number()
        while self.pos < self.limit:
            if self._at_notes_at(self.pos):
                self._read_notes()
                return
            group = GROUP_ROW.match(self.text, self.pos)
            if group and number is None and self._read_group(group):
                number = self._row_number()
                continue
            row_start = self.pos
            name_end = self._name_end()
            if name_end is None:
                return
            raw_name = self.text[self.pos : name_end]
            self.pos = name_end
            if number is not None:
                self.last_number = int(number)
            run, next_number, ended = self._cell_run()
            if number is None and self.numbered and not self._may_be_subrow(raw_name, run):
                self.pos = row_start
                return
            self._add_rows(number, raw_name, run)
            number = next_number
            if ended:
                return

    def _notes_say_cumulative(self) -> bool:
        notes_at = self.text.find("注", self.pos, self.limit)
        window = self.text[notes_at : notes_at + 300] if notes_at != -1 else ""
        return bool(re.search(r"[\[〔【口]\s*[\]〕】]?\s*内?\s*为.{0,6}累计", window))

    def _read_group(self, m: re.Match[str]) -> bool:
        name_end = m.end()
        while name_end < self.limit and _CJK.match(self.text[name_end]) and name_end - m.end() < 20:
            name_end += 1
        name = self.text[m.end() : name_end]
        if not name or name_end - m.end() >= 20:
            return False
        self.table.groups.append(f"{m.group(0)}{name}")
        self.category = name
        self.parent = None
        self.pos = name_end
        return True

    def _row_number(self) -> str | None:
        """A row number where one stands (I or l standing for 1 as well)."""
        m = _ROW_NUMBER.match(self.text, self.pos)
        if not m or not _CJK.match(self.text[m.end() : m.end() + 1] or "a"):
            return None
        printed = m.group(1)
        number = "1" if printed in "Il|" else printed
        if printed != number:
            self._warn(
                "row_number_repaired",
                f"序号印作“{printed}”，读作1。",
                f"the row number printed as “{printed}” is read as 1.",
            )
        self.numbered = True
        self.pos = m.end()
        return number

    # -- names --------------------------------------------------------------------

    def _name_end(self) -> int | None:
        """Where the row's name (with its unit in brackets) ends; None where no row stands."""
        text = self.text
        j = self.pos
        if self.pending and text.startswith(self.pending.tail, j):
            j += len(self.pending.tail)
            self.pos = j
            self.pending = None
        while j < self.limit and j - self.pos <= _MAX_NAME:
            ch = text[j]
            if ch in "(（":
                close = re.compile(r"[)）]").search(text, j, min(self.limit, j + 25))
                if not close:
                    return None
                j = close.end()
                if j >= self.limit or self._cell_starts(j) or self._at_notes_at(j):
                    return j
                continue
            if ch in "。，,;；!！?？\n":
                return None
            if self._cell_starts(j) and not self._digit_in_name(j):
                return j if j > self.pos else None
            j += 1
        return None

    def _at_notes_at(self, j: int) -> bool:
        return self.text.startswith(("注:", "注：", "注 "), j)

    def _digit_in_name(self, j: int) -> bool:
        """Digits inside a name: PM2.5, 5G, 3岁以下婴幼儿托位数(个)."""
        text = self.text
        if not text[j].isdigit():
            return False
        if j > self.pos and text[j - 1].isascii() and text[j - 1].isalpha():
            return True
        m = re.match(r"\d+(?:\.\d+)?", text[j:])
        after = text[j + m.end() : j + m.end() + 14]
        if after[:1].isascii() and after[:1].isalpha():
            return True
        if _PHRASES.match(after) or after.startswith((*CELL_BOUNDS, "/")):
            return False
        return bool(re.match(r"[\u4e00-\u9fff]{1,12}[(（]", after)) and not after.startswith("一")

    def _cell_starts(self, j: int) -> bool:
        text = self.text
        ch = text[j]
        if ch.isdigit() or ch in _DASHES or ch in "[〔【≥≤><＞＜":
            return True
        if _PHRASES.match(text, j) or text.startswith("累计", j) or self._phrase_head(j):
            return True
        if ch in "一口":
            nxt = text[j + 1 : j + 2]
            return (
                nxt == ""
                or nxt.isdigit()
                or nxt in _DASHES + "一"
                or j + 1 >= self.limit
                or bool(GROUP_ROW.match(text, j + 1))
                or self._at_notes_at(j + 1)
            )
        return False

    def _phrase_head(self, j: int) -> str | None:
        """A cell phrase cut short by a line wrap (`完成市下达目-0.0589一标`)."""
        for word in _PHRASE_WORDS:
            for cut in range(len(word) - 1, 2, -1):
                if self.text.startswith(word[:cut], j) and not self.text.startswith(word, j):
                    rest = self.text[j + cut : j + cut + 30]
                    if word[cut:] in rest:
                        return word
        return None

    # -- cells --------------------------------------------------------------------

    def _cell_run(self) -> tuple[str, str | None, bool]:
        """The printed cells up to the next row; the next row's number where fused to them; whether the table ended."""
        text = self.text
        j = self.pos
        pieces: list[str] = []
        ended = False
        while j < self.limit:
            if self.pending and text.startswith(self.pending.tail, j):
                j += len(self.pending.tail)
                self.pending = None
                continue
            ch = text[j]
            if self._at_notes_at(j) or (GROUP_ROW.match(text, j) and not text[j + 1 : j + 2].isdigit()):
                break
            phrase = _PHRASES.match(text, j)
            if phrase:
                pieces.append(f"\x00{phrase.group(0)}\x00")
                j = phrase.end()
                continue
            head = self._phrase_head(j)
            if head:
                pieces.append(f"\x00{head}\x00")
                j += self._rejoined(head, j)
                continue
            if text.startswith(CELL_BOUNDS, j) and pieces and pieces[-1][-1:].isdigit():
                pieces.append(text[j : j + 2])
                j += 2
                continue
            if text.startswith("累计", j):
                pieces.append("累计")
                j += 2
                continue
            if ch.isdigit() or ch in _DASHES + ".[]〔〕【】≥≤><＞＜/%)）口" or ch.isspace():
                pieces.append(ch)
                j += 1
                continue
            pending_next = self.pending and text.startswith(self.pending.tail, j + 1)
            if ch == "一" and (self._cell_starts(j) or pending_next):
                pieces.append("—")
                j += 1
                continue
            if ch in "年千万人" and pieces and pieces[-1] in "/年千万":
                pieces.append(ch)
                j += 1
                continue
            break
        if j >= self.limit or j >= len(text):
            ended = True
        run = "".join(pieces)
        self.pos = j
        next_number = None
        if not ended and not GROUP_ROW.match(text, j) and not self._at_notes_at(j) and self.numbered:
            run, next_number = self._strip_row_number(run)
        return run, next_number, ended

    def _rejoined(self, head: str, j: int) -> int:
        """A phrase cell printed cut in two around the next cells: its tail is awaited; how much of it stands here."""
        cut = next(c for c in range(len(head) - 1, 2, -1) if self.text.startswith(head[:c], j))
        self.pending = _Pending(head[cut:])
        self._warn(
            "cell_rejoined",
            f"第{self.last_number}行的单元格“{head}”被其后的单元格隔断，已按推测合并。",
            f"row {self.last_number}: the cell “{head}” was printed cut in two around the next cells; "
            "joined by guess.",
        )
        return cut

    def _strip_row_number(self, run: str) -> tuple[str, str | None]:
        """Take the next row's number off the end of the run it was fused to."""
        want = str(self.last_number + 1)
        for candidate in (want, str(self.last_number + 2)):
            if run.endswith(candidate) and not run[: -len(candidate)].endswith("."):
                if candidate != want:
                    self._warn(
                        "row_number_skipped",
                        f"缺少第{want}行：序号直接跳到{candidate}。",
                        f"row {want} is missing: the numbers run on at {candidate}.",
                    )
                return run[: -len(candidate)], candidate
        return run, None

    def _may_be_subrow(self, name: str, run: str) -> bool:
        """An unnumbered row in a numbered table: a sub-row under a row without cells, or 其中."""
        return (self.parent is not None and not self.parent.cells) or name.startswith("其中") or bool(run)

    def _add_rows(self, number: str | None, raw_name: str, run: str) -> None:
        name, unit, lost = cols.split_name(raw_name)
        if lost:
            self._warn(
                "unit_lost",
                f"“{name}”的单位印作“()”，读作“{unit or '未知'}”，请核对。",
                f"{name}: the unit printed as “()” is read as {unit or 'unknown'}.",
            )
        name = _repair_name(name, self)
        parent_name, name = _split_parent(name) if number is not None else (None, name)
        if parent_name:
            parent = Row(number=number, name=parent_name, category=self.category)
            self.table.rows.append(parent)
            self.parent = parent
            number = None
        row = Row(number=number, name=name, unit=unit, category=self.category)
        if number is None and self.parent is not None and not self.parent.cells:
            row.parent = self.parent.name
        elif name.startswith("其中") and self.table.rows:
            row.parent = next(
                (r.name for r in reversed(self.table.rows) if not r.name.startswith("其中")), None
            )
        self.runs.append((row, run))
        self.table.rows.append(row)
        if number is not None and row.cells:
            self.parent = row if not row.name.startswith("其中") else self.parent

    def fill_cells(self) -> None:
        """Split every row's run of cells, now that the table's conventions are known.

        Where the table prints — for what it does not give, a row's pattern of
        figures and dashes tells how its neighbours' fused runs divide.
        """
        parsed = [(row, *self._atoms_of(row, run), run) for row, run in self.runs]
        dashed = [atoms for _, atoms, _, _ in parsed if atoms]
        prints_dashes = sum(any(a.kind == "dash" for a in atoms) for atoms in dashed) >= 0.3 * max(
            len(dashed), 1
        )
        found: list[list[splitting.RowReading]] = []
        for row, atoms, _, _ in parsed:
            context = splitting.RowContext(
                row_kind(row.name), row.unit, row.name, self.cumulative, prints_dashes
            )
            found.append(splitting.readings(atoms, self.columns, context) if atoms else [])
        best = [f[0].cells if f else None for f in found]
        for k, (row, atoms, attribute, run) in enumerate(parsed):
            row.attribute = attribute
            if not atoms:
                continue
            kind = row_kind(row.name)
            neighbours = [
                splitting.pattern(best[i])
                for i in (k - 1, k + 1)
                if 0 <= i < len(best) and best[i] and row_kind(parsed[i][0].name) == kind
            ]
            if prints_dashes:
                found[k] = splitting.settle(found[k], neighbours)
            best[k] = found[k][0].cells if found[k] else None
            self._place(row, found[k], run)

    def _atoms_of(self, row: Row, run: str) -> tuple[list[splitting.Atom], str | None]:
        attribute = None
        for attr in ATTRIBUTES:
            marked = f"\x00{attr}\x00"
            if marked in run:
                attribute = attr
                run = run.replace(marked, "")
        atoms, noise = _atoms(run)
        for n in noise:
            self._warn(
                "stray_mark",
                f"“{row.name}”行单元格之间多出的“{n}”已忽略。",
                f"{row.name}: a stray “{n}” between cells was ignored.",
            )
        return atoms, attribute

    def _place(self, row: Row, found: list[splitting.RowReading], run: str) -> None:
        printed = run.replace("\x00", "")
        best, close = splitting.choose(found)
        if best is None:
            row.note(
                f"单元格“{printed}”无法分入{len(self.columns)}列，原样保留",
                f"cells could not be split into {len(self.columns)} columns: {printed}",
            )
            self._warn(
                "cells_unread",
                f"“{row.name}”行的单元格“{printed}”无法分入{len(self.columns)}列，原样保留并标为不确定。",
                f"{row.name}: cells “{printed}” do not fit the {len(self.columns)} columns; kept as printed, uncertain.",
            )
            row.cells = [_cell(printed, None, uncertain=True)]
            return
        alternatives = [r.cells for r in close]
        for k, (text, column) in enumerate(zip(best.cells, self.columns, strict=True)):
            others = sorted({alt[k] for alt in alternatives if alt[k] != text})
            printed_cell = None
            if text.startswith("[") and text not in run:
                printed_cell = text.strip("[]")
                others.append(printed_cell)
            elif (
                self.cumulative
                and cols.is_reduction(row.name)
                and column.kind == "level"
                and _is_figure(text)
            ):
                printed_cell, text = text, f"[{text}]"
                others.append(printed_cell)
                row.note(
                    f"“{printed_cell}”读作[{printed_cell}]：五年累计数表中的降低类指标",
                    f"{printed_cell} read as [{printed_cell}]: a reduction in a table of five-year totals",
                )
            cell = _cell(text, column.name, uncertain=bool(others), alternatives=others)
            cell.printed = printed_cell
            row.cells.append(cell)
        row.alternatives = alternatives
        for zh, en in best.notes:
            row.note(zh, en)
        if alternatives:
            others = "，或".join(cells_text(a) for a in alternatives)
            others_en = "; or ".join(cells_text(a, "en") for a in alternatives)
            self._warn(
                "cells_uncertain",
                f"“{row.name}”一行的单元格“{printed}”读法不确定，按{cells_text(best.cells)}读取，"
                f"也可能是{others}，请核对。",
                f"{row.name}: the cells printed “{printed}” may be read more than one way; read as "
                f"{cells_text(best.cells, 'en')}, or possibly {others_en}; please check.",
            )

    # -- notes --------------------------------------------------------------------

    def _read_notes(self) -> None:
        text = self.text
        j = self.pos + 2
        items, _ = line_tables.note_items(text, j, self.limit, _NOTE_REACH)
        for note, end in items:
            self.table.notes.append(re.sub(r"^口\s*为", "[ ]为", note))
            j = end
        self.pos = j

    def _warn(self, code: str, message: str, message_en: str) -> None:
        """A warning naming this table; `message` and `message_en` name the row."""
        where = self.table.caption
        self.warnings.append(where_warning(code, where, f"{where}：{message}", f"{where}: {message_en}"))


def _atoms(run: str) -> tuple[list[splitting.Atom], list[str]]:
    """Cut a run of printed cells into atoms: phrases, dashes and fused digit strings."""
    atoms: list[splitting.Atom] = []
    noise: list[str] = []
    i = 0
    while i < len(run):
        ch = run[i]
        if ch == "\x00":
            end = run.index("\x00", i + 1)
            atoms.append(splitting.Atom("text", run[i + 1 : end]))
            i = end + 1
            continue
        m = _NUMBER_RUN.match(run, i)
        if m and m.group("digits").strip("."):
            digits = m.group("digits").rstrip(".")
            prefix = m.group("prefix") or ""
            suffix = m.group("suffix") or ""
            prefix = "[" if prefix in ("〔", "【", "口") else prefix
            suffix = suffix.replace("〕", "]").replace("】", "]").replace("口", "]")
            signed = bool(m.group("sign"))
            atoms.append(splitting.Atom("digits", digits, sign_or_dash=signed, prefix=prefix, suffix=suffix))
            i = m.end()
            continue
        if ch in _DASHES or ch == "—":
            atoms.append(splitting.Atom("dash", "—"))
        elif ch in ")）" or not ch.isspace():
            noise.append(ch)
        i += 1
    return atoms, noise


def _cell(
    text: str, column: str | None, uncertain: bool = False, alternatives: list[str] | None = None
) -> Cell:
    reading = read_cell(text)
    return Cell(
        raw=text,
        column=column,
        reading=reading,
        uncertain=uncertain or reading.uncertain,
        alternatives=alternatives or [],
    )


def _is_figure(text: str) -> bool:
    return bool(re.fullmatch(r"-?\d+(?:\.\d+)?", text))


def _split_parent(name: str) -> tuple[str | None, str]:
    """`主要污染物排放量二氧化硫排放量` is a parent row without cells and its first sub-row."""
    for cut in range(4, len(name) - 3):
        head, tail = name[:cut], name[cut:]
        for n in (3, 2):
            if len(head) > n and len(tail) > n and head[-n:] == tail[-n:] and head[-n:] not in head[:-n]:
                return head, tail
    return None, name


def _repair_name(name: str, reader: _BodyReader) -> str:
    """The class numeral lost in 达到或好于Ⅲ类水体, the standard surface-water indicator."""
    if re.search(r"好于类水体", name):
        reader._warn(
            "numeral_restored",
            f"“{name}”中缺失的类别数字读作Ⅲ（好于Ⅲ类水体）。",
            f"{name}: the lost class numeral read as Ⅲ (好于Ⅲ类水体).",
        )
        return name.replace("好于类水体", "好于Ⅲ类水体")
    return name
