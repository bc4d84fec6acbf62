"""The outline: parts (篇), chapters (章) and sections (节), from the contents and the body.

The table of contents is read first: each entry is a heading marker, a title
and a page number run together (`第一节指导思想8第二节发展定位8`). Its titles
then show where each body heading ends, since a scraped body runs headings
straight into their text (`第一节指导思想以习近平…`). Without contents,
headings are taken from heading styles or short paragraphs, and where neither
exists the end of a heading is guessed and a warning says so.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from planwatch.ingest.numerals import to_int
from planwatch.ingest.stream import Stream
from planwatch.plan.model import PlanWarning
from planwatch.plan.vocabulary import count_en

MARKER = re.compile(r"第([一二三四五六七八九十百〇零两\d]{1,5})([篇章节])")
LEVELS = {"篇": "part", "章": "chapter", "节": "section"}
RANK = {"part": 0, "chapter": 1, "section": 2, "division": 3}
_LEADERS = re.compile(r"[\s.·…．_\-—]+$")
_TRAILING_DIGITS = re.compile(r"(\d+)$")
# Characters that differ between a contents title and its body heading without changing it.
_LOOSE = re.compile(r"[\s,，、:：;；()（）“”\"'‘’《》〈〉【】\[\]·.．—\-]")
_MAX_TITLE = 60


@dataclass
class Heading:
    level: str
    number: str
    title: str
    ordinal: int
    page: int | None = None
    start: int = -1
    end: int = -1
    in_body: bool = False
    moved_page: bool = False


@dataclass
class Contents:
    entries: list[Heading]
    start: int
    end: int


def marker_level(number: str) -> str:
    """part, chapter or section for 第N篇/章/节; numbered for 一、; bracketed for （一）."""
    if number.startswith("第"):
        return LEVELS[number[-1]]
    return "bracketed" if number[0] in "（(" else "numbered"


def _loose(text: str) -> str:
    return _LOOSE.sub("", text)


def _markers(text: str) -> list[re.Match[str]]:
    return [m for m in MARKER.finditer(text) if to_int(m.group(1))]


def read_contents(text: str) -> tuple[Contents | None, list[PlanWarning]]:
    """Find the first run of heading markers that reads as a table of contents."""
    marks = _markers(text)
    i = 0
    while i < len(marks):
        run = [marks[i]]
        j = i + 1
        while j < len(marks):
            gap = text[run[-1].end() : marks[j].start()]
            if len(gap) > _MAX_TITLE + 8 or "。" in gap or not _continues(run, marks[j]):
                break
            run.append(marks[j])
            j += 1
        if len(run) >= 3:
            entries, end = _entries(text, run)
            paged = sum(1 for e in entries if e.page is not None)
            if paged >= max(2, len(entries) // 2):
                warnings = [
                    PlanWarning(
                        code="contents_page_moved",
                        message=f"目录中“{e.number}{e.title}”的页码（{e.page}）印在上一条目旁，已归还本条目。",
                        message_en=f"The page of {e.number}{e.title} ({e.page}) was printed beside the entry before it",
                        where=f"目录 {e.number}{e.title}",
                    )
                    for e in entries
                    if e.moved_page
                ]
                return Contents(entries, run[0].start(), end), warnings
        i = j if j > i + 1 else i + 1
    return None, []


def _continues(run: list[re.Match[str]], nxt: re.Match[str]) -> bool:
    """A contents run ends where numbering starts over (the body's 第一章 after 第十一章)."""
    level = LEVELS[nxt.group(2)]
    n = to_int(nxt.group(1)) or 0
    for m in reversed(run):
        if LEVELS[m.group(2)] == level:
            return (
                n > (to_int(m.group(1)) or 0) or level == "section" or (level == "chapter" and _has_part(run))
            )
        if RANK[LEVELS[m.group(2)]] < RANK[level]:
            return True
    return True


def _has_part(run: list[re.Match[str]]) -> bool:
    return any(m.group(2) == "篇" for m in run)


def _entries(text: str, run: list[re.Match[str]]) -> tuple[list[Heading], int]:
    entries: list[Heading] = []
    digits: list[str] = []
    end = run[-1].end()
    for k, m in enumerate(run):
        stop = run[k + 1].start() if k + 1 < len(run) else _last_entry_end(text, m.end())
        raw = _LEADERS.sub("", text[m.end() : stop].strip())
        trailing = _TRAILING_DIGITS.search(raw)
        title = raw[: trailing.start()] if trailing else raw
        entries.append(
            Heading(LEVELS[m.group(2)], m.group(0), _LEADERS.sub("", title).strip(), to_int(m.group(1)) or 0)
        )
        digits.append(trailing.group(1) if trailing else "")
        end = stop
    _assign_pages(entries, digits)
    return entries, end


def _last_entry_end(text: str, pos: int) -> int:
    """The last entry ends with its page number (or at the line's end)."""
    m = re.compile(rf"[^\n。]{{1,{_MAX_TITLE}}}?\d+").match(text, pos)
    if m:
        return m.end()
    line_end = text.find("\n", pos)
    return line_end if line_end != -1 else len(text)


def _assign_pages(entries: list[Heading], digits: list[str]) -> None:
    """Split each entry's trailing digits into title digits and a page that keeps pages in order.

    A page printed beside the previous entry's (`改革4848第二节持续优化营商环境`)
    is given back to the entry that lacks one.
    """
    for k in range(1, len(entries)):
        if digits[k] or len(digits[k - 1]) < 2:
            continue
        before, after = _page_before(digits, k - 1), _page_after(digits, k + 1)
        prev = digits[k - 1]
        for cut in range(1, len(prev)):
            a, b = prev[:cut], prev[cut:]
            if a[0] == "0" or b[0] == "0":
                continue
            if (
                (before is None or int(a) >= before)
                and int(a) <= int(b)
                and (after is None or int(b) <= after)
            ):
                digits[k - 1], digits[k] = a, b
                entries[k].moved_page = True
                break
    last = 0
    for k, e in enumerate(entries):
        d = digits[k]
        if not d:
            continue
        after = _page_after(digits, k + 1)
        width = next(
            (
                w
                for w in range(min(3, len(d)), 0, -1)
                if (w == 1 or d[-w] != "0")
                and int(d[-w:]) >= last
                and (after is None or int(d[-w:]) <= after)
            ),
            min(3, len(d)),
        )
        e.page = int(d[-width:])
        e.title += d[:-width]
        last = e.page


def _page_before(digits: list[str], k: int) -> int | None:
    return next((int(d[-3:]) for d in reversed(digits[:k]) if d), None)


def _page_after(digits: list[str], k: int) -> int | None:
    return next((int(d) for d in digits[k:] if d and len(d) <= 3), None)


def find_in_body(text: str, contents: Contents) -> None:
    """Locate each contents entry in the body, in order; set start, end and in_body.

    Headings are first looked for where a line starts, as printed documents
    set them; those not found so are then looked for anywhere between the
    headings found around them, as scraped text runs headings into their text.
    """
    at_line_start = _line_start_numbers(text, contents.end)
    pos = contents.end
    for e in contents.entries:
        places = at_line_start.get(e.number, [])
        for start in places[bisect.bisect_left(places, pos) :]:
            end = _match_title(text, _number_end(text, start, e.number), _loose(e.title))
            if end is not None:
                e.start, e.end, e.in_body = start, end, True
                pos = end
                break
    pos = contents.end
    for k, e in enumerate(contents.entries):
        if not e.in_body:
            limit = next((h.start for h in contents.entries[k + 1 :] if h.in_body), len(text))
            found = _find_heading(text, e, pos, limit)
            if found is not None:
                e.start, e.end = found
                e.in_body = True
        if e.in_body:
            pos = e.end


def unlisted_headings(text: str, contents: Contents) -> tuple[list[Heading], list[PlanWarning]]:
    """Body headings the contents leave out: a line numbered as the contents number that level, in sequence.

    Only levels the contents print are looked for, and only where the number
    continues its series, so a list item 一、 inside a section is not taken
    for a heading where the contents never number headings so.
    """
    styles = {_style(e.number): e.level for e in contents.entries}
    found = [e for e in contents.entries if e.in_body]
    candidates = []
    for m in _LINE_NUMBER.finditer(text, contents.end):
        number = re.sub(r"[ \u3000]", "", m.group(1))
        line_end = text.find("\n", m.end())
        title = text[m.end() : line_end if line_end != -1 else len(text)].strip()
        level = styles.get(_style(number))
        if (
            level
            and title
            and len(title) <= _MAX_TITLE
            and not re.search(r"[。；;]", title)
            and prose_follows(text, m.end() + len(title))
        ):
            candidates.append(
                Heading(level, number, title, _ordinal(number), None, m.start(), m.end() + len(title))
            )
    taken = {e.start for e in found}
    last: dict[str, int] = {}
    new: list[Heading] = []
    for h in sorted(found + [c for c in candidates if c.start not in taken], key=lambda h: h.start):
        listed = h.in_body
        if not listed and h.ordinal != last.get(h.level, 0) + 1:
            continue
        last[h.level] = h.ordinal
        for lower in [lv for lv in last if RANK[lv] > RANK[h.level]]:
            del last[lower]
        if not listed:
            h.in_body = True
            new.append(h)
    warnings = [
        PlanWarning(
            code="heading_not_in_contents",
            message=f"正文中的标题“{h.number}{h.title}”目录未列出，已按正文读入。",
            message_en=f"the heading {h.number}{h.title} stands in the body but not in the contents; it was read",
            where=h.number + h.title,
        )
        for h in new
    ]
    return new, warnings


def merge_in_order(entries: list[Heading], unlisted: list[Heading]) -> list[Heading]:
    """The contents entries with the unlisted headings slotted in where they stand in the body.

    Entries never found keep their place in the contents' order.
    """
    pending = sorted(unlisted, key=lambda h: h.start)
    out: list[Heading] = []
    for e in entries:
        while pending and e.in_body and pending[0].start < e.start:
            out.append(pending.pop(0))
        out.append(e)
    return out + pending


_PROSE_LINES = 3


def prose_follows(text: str, pos: int) -> bool:
    """A heading is followed by sentences within a few lines; a table's group row by more rows."""
    end = pos
    for _ in range(_PROSE_LINES + 1):
        nxt = text.find("\n", end + 1)
        end = nxt if nxt != -1 else len(text)
    return "。" in text[pos:end]


def _style(number: str) -> str:
    """第N章 → 章, 一、 → 、, （一） → （）: how a level is numbered."""
    if number.startswith("第"):
        return number[-1]
    return "（）" if number[0] in "（(" else "、"


def _ordinal(number: str) -> int:
    return to_int(re.sub(r"[第篇章节、．（）()]", "", number)) or 0


_LINE_NUMBER = re.compile(
    r"^[ \t\u3000]*(第[ \u3000]*[一二三四五六七八九十百〇零两\d]{1,5}[ \u3000]*[篇章节]"
    r"|[一二三四五六七八九十]{1,3}[、．]|[（(][一二三四五六七八九十]{1,3}[)）])",
    re.MULTILINE,
)


def _line_start_numbers(text: str, pos: int) -> dict[str, list[int]]:
    """Where each heading number stands at the start of a line, in one pass over the text."""
    found: dict[str, list[int]] = {}
    for m in _LINE_NUMBER.finditer(text, pos):
        found.setdefault(re.sub(r"[ \u3000]", "", m.group(1)), []).append(m.start(1))
    return found


def _number_end(text: str, start: int, number: str) -> int:
    m = _number_pattern(number).match(text, start)
    return m.end() if m else start + len(number)


def _number_pattern(number: str) -> re.Pattern[str]:
    """The heading number as the body may space it: 第一章, 第 一 章."""
    return re.compile(r"[ \t\u3000]*".join(re.escape(ch) for ch in number))


def _find_heading(text: str, e: Heading, pos: int, limit: int) -> tuple[int, int] | None:
    want = _loose(e.title)
    for m in _number_pattern(e.number).finditer(text, pos, limit):
        end = _match_title(text, m.end(), want)
        if end is not None:
            return m.start(), end
    return None


def _match_title(text: str, pos: int, want: str) -> int | None:
    """Where the body's heading ends if it spells `want` (loosely) from `pos`; else None.

    Punctuation, spaces and line breaks may differ, and the body may carry
    note references the contents leave out (`三核四极”114城市`).
    """
    i = pos
    k = 0
    limit = min(len(text), pos + len(want) * 2 + 20)
    while k < len(want) and i < limit:
        ch = text[i]
        if ch == want[k]:
            k += 1
        elif not _LOOSE.match(ch) and not (ch.isdigit() and not want[k].isdigit() and k > 0):
            return None
        i += 1
    if k < len(want):
        return None
    while i < len(text) and text[i] in "  \t":
        i += 1
    return i


def headings_without_contents(stream: Stream) -> tuple[list[Heading], list[PlanWarning]]:
    """Headings from heading styles or short paragraphs; in running text, a guessed end."""
    text = stream.text
    headings: list[Heading] = []
    guessed = 0
    last: dict[str, int] = {}
    for m in _markers(text):
        level = LEVELS[m.group(2)]
        ordinal = to_int(m.group(1)) or 0
        block = stream.block_at(m.start())
        block_start = stream.starts[block] if stream.starts else 0
        block_end = stream.block_end(block) if stream.starts else len(text)
        at_start = not text[block_start : m.start()].strip()
        rest = text[m.end() : block_end].strip()
        if (
            at_start
            and (stream.heading_levels[block] is not None or len(rest) <= _MAX_TITLE)
            and "。" not in rest
        ):
            title, end = rest, block_end
        elif at_start or text[m.start() - 1 : m.start()] in ("。", "\n", ";", "；", "!", "！", "?", "？", ""):
            if not _in_sequence(last, level, ordinal):
                continue
            cut = re.search(r"[。;；，,!！?？\n]", text[m.end() : m.end() + _MAX_TITLE])
            end = m.end() + (cut.start() if cut else min(len(text) - m.end(), 30))
            title = text[m.end() : end]
            guessed += 1
        else:
            continue
        if not title or not _in_sequence(last, level, ordinal):
            continue
        h = Heading(level, m.group(0), title.strip(), ordinal, None, m.start(), end, True)
        headings.append(h)
        last[level] = ordinal
        for lower in (
            ("chapter", "section") if level == "part" else ("section",) if level == "chapter" else ()
        ):
            last.pop(lower, None)
    headings = _merge(headings, _numbered_headings(stream, {h.level for h in headings}))
    warnings = []
    if guessed:
        warnings.append(
            PlanWarning(
                code="heading_end_guessed",
                message=f"文本没有目录，其中 {guessed} 个标题与正文连在一起，标题在哪里结束是推断的。",
                message_en=(
                    f"no table of contents: where {count_en(guessed, 'heading')} running into their text end was guessed"
                ),
            )
        )
    return headings, warnings


_NUMBERED = re.compile(r"^[ \t\u3000]*([一二三四五六七八九十]{1,3})[、．][ \t\u3000]*(?=\S)")
_BRACKETED = re.compile(r"^[ \t\u3000]*[（(]([一二三四五六七八九十]{1,3})[)）][ \t\u3000]*(?=\S)")
_SHORT_TITLE = 40


def _numbered_headings(stream: Stream, printed: set[str]) -> list[Heading]:
    """Lines numbered 一、 or （一） standing alone as headings, each series counting from 一.

    They are the chapters of a plan printed without 第N章 (as newspapers print
    outlines), and the divisions of its chapters otherwise.
    """
    top = "chapter" if not printed & {"chapter", "section"} else "division"
    kinds = [(_NUMBERED, top)] + ([(_BRACKETED, "division")] if top == "chapter" else [])
    out: list[Heading] = []
    for pattern, level in kinds:
        expected = 1
        for k, start in enumerate(stream.starts):
            line = stream.text[start : stream.block_end(k)]
            m = pattern.match(line)
            if not m or not _standalone(line[m.end() :], stream.heading_levels[k]):
                continue
            if stream.heading_levels[k] is None and not prose_follows(stream.text, start + len(line)):
                continue  # a group row of a table (一、经济发展), not a heading
            ordinal = to_int(m.group(1)) or 0
            if ordinal not in (1, expected):
                continue
            expected = ordinal + 1
            number = line[: m.end()].strip()
            out.append(
                Heading(level, number, line[m.end() :].strip(), ordinal, None, start, start + len(line), True)
            )
    return out


def _standalone(title: str, heading_level: int | None) -> bool:
    """A heading is a line of its own: marked as one, or short and not a sentence."""
    title = title.strip()
    return bool(title) and (
        heading_level is not None or (len(title) <= _SHORT_TITLE and not re.search(r"[。；;！？]", title))
    )


def _merge(marked: list[Heading], numbered: list[Heading]) -> list[Heading]:
    """Headings of both kinds in the order of the text; a division only below a chapter or section."""
    merged = sorted(marked + numbered, key=lambda h: h.start)
    out: list[Heading] = []
    inside = False
    for h in merged:
        if h.level in ("chapter", "section"):
            inside = True
        elif h.level == "part":
            inside = False
        if h.level == "division" and not inside:
            continue
        out.append(h)
    return out


def _in_sequence(last: dict[str, int], level: str, ordinal: int) -> bool:
    """A heading continues its level's numbering (chapters may run on across parts)."""
    prev = last.get(level)
    return ordinal == 1 if prev is None and level != "chapter" else prev is None or ordinal == prev + 1
