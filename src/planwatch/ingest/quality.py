"""The reading checks itself: what looks wrong in a Plan is said as warnings, and how sure the reading is.

An office cannot see a misreading it is not told about: a plan whose chapter
headings were missed still "reads", with one chapter holding the whole text,
and a table whose columns slipped still yields rows. Each check here looks at
the finished Plan only (and at the length of the body text the reader saw), so
it holds for every format and every reader, and each finding names its place
in Chinese and in English.

How sure: `Plan.confidence` starts at 1 and is multiplied by a factor for each
finding, so independent doubts compound and one grave doubt is enough to make
a reading low:

- no chapter structure found in the body: x0.3;
- no indicator table (no table with 5 rows holding a name and figures): x0.35;
- one chapter holding most of the chapters' text (over 40 % of it among five
  chapters or more, 70 % among three or four, 85 % of two), or very few
  chapters for the text's length (over 12,000 characters each): x0.6 each;
- body text mostly outside any chapter: x0.5;
- chapters with no text: x(1 - 0.5 * share of chapters empty);
- contents entries not found in the body before its last found heading:
  x(1 - 0.6 * share of entries); a body that stops early: x0.95;
- in each table holding figures: columns shifted x0.5, rows left unfilled
  x(1 - 0.5 * share of rows), duplicate names x0.9, units not read
  x(1 - 0.2 * share of rows), uncertain cells x(1 - 0.2 * share of cells);
- no title, region or period: x0.9 each.

A reading with nothing found stays at 1; `confidence_level` names the bands
the pages show (高 ≥ 0.7, 中 ≥ 0.4, 低 below).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from planwatch.ingest.columns import PERCENT_NAME, UNIT_PAREN
from planwatch.plan.model import OutlineNode, Plan, PlanWarning, Row, Table
from planwatch.plan.vocabulary import CELL_BOUNDS, count_en

HIGH, MEDIUM = 0.7, 0.4
LEVEL_LABELS = {"high": ("高", "high"), "medium": ("中", "medium"), "low": ("低", "low")}

_NUMERIC = ("number", "cumulative", "change")
_EMPTY_CHAPTER = 20  # characters: less than a sentence is no text
_LONG_BODY = 20000  # characters from which the chapter count is judged
_PER_CHAPTER = 12000  # characters per chapter beyond which chapter headings were surely missed
_LISTED = 5  # names quoted in one warning before "等"
_UNITLESS = re.compile(r"比值|指数|系数|倍数|名次|排名|等级")  # names of figures that have no unit
_FIGURE_NAME = re.compile(
    rf"^[\[〔【(（]?[-−+]?\d+(?:\.\d+)?[%％]?[\]〕】)）]?(?:{'|'.join(CELL_BOUNDS)})?$|(?:^|\s)[-−]?\d+\.\d+(?:\s|$)"
)


class _Check:
    """The findings of one check run: warnings added to the plan, and the factor confidence is multiplied by."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.factor = 1.0

    def warn(self, code: str, zh: str, en: str, where: str | None = None, factor: float = 1.0) -> None:
        self.plan.warnings.append(PlanWarning(code=code, message=zh, message_en=en, where=where))
        self.factor *= factor


CODES = (
    "no_outline",
    "chapter_empty",
    "chapter_dominant",
    "outline_sparse",
    "body_outside_chapters",
    "no_indicator_table",
    "table_shifted",
    "table_rows_unfilled",
    "table_duplicate_names",
    "table_units_missing",
    "title_missing",
    "region_missing",
    "period_missing",
)


def check(plan: Plan, body_chars: int | None = None, table_given: bool = False) -> float:
    """Add a warning for each doubt about `plan` and set `plan.confidence`; returns the confidence.

    `body_chars` is the length of the text after the contents, where the reader
    knows it: text the outline does not hold is then noticed too. Running the
    check again (after a table was replaced) first drops its own earlier findings,
    except, where the body's length is not given again, what it said of the body.
    `table_given` says the indicator table came from the office (a spreadsheet),
    not from the document: it is then not looked for.
    """
    kept = {"body_outside_chapters"} if body_chars is None else set()
    plan.warnings = [w for w in plan.warnings if w.code not in CODES or w.code in kept]
    found = _Check(plan)
    if any(w.code in kept for w in plan.warnings):
        found.factor *= 0.5
    _check_outline(found, body_chars)
    _check_tables(found, table_given)
    _check_metadata(found)
    plan.confidence = round(max(0.0, min(1.0, found.factor)), 2)
    return plan.confidence


def confidence_level(confidence: float | None) -> str | None:
    """high, medium or low: the band a page shows as 高/中/低."""
    if confidence is None:
        return None
    return "high" if confidence >= HIGH else "medium" if confidence >= MEDIUM else "low"


# Outline -----------------------------------------------------------------------------------------------


def _walk(nodes: list[OutlineNode]) -> Iterator[OutlineNode]:
    for node in nodes:
        yield node
        yield from _walk(node.children)


def _chapters(plan: Plan) -> list[OutlineNode]:
    """The chapters; for a plan numbered in parts alone (newspaper versions), its parts."""
    chapters = [n for n in _walk(plan.outline) if n.level == "chapter"]
    return chapters or [n for n in plan.outline if n.level == "part"]


def _size(node: OutlineNode) -> int:
    """Characters of text under a heading, its sections' included."""
    return len(node.text) + sum(_size(c) for c in node.children)


def _holds_table(node: OutlineNode) -> bool:
    return any(n.table is not None for n in _walk(node.children))


def label(node: OutlineNode) -> str:
    """A heading as a reader finds it: 第三章 强化创新驱动."""
    return f"{node.number} {node.title}".strip()


def _check_outline(found: _Check, body_chars: int | None) -> None:
    chapters = _chapters(found.plan)
    in_body = [c for c in chapters if c.in_body]
    _check_contents(found)
    if not in_body:
        if not chapters:
            found.warn(
                "no_outline",
                "未识别出章节结构：正文中没有找到“第一章”“第一篇”之类的标题，全文未能按章节划分。",
                "No outline was recognised: the body has no headings such as 第一章 or 第一篇, "
                "so the text could not be divided into chapters.",
            )
        found.factor *= 0.3
        return
    sizes = [_size(c) for c in in_body]
    _check_empty(found, in_body, sizes)
    total = sum(sizes)
    _check_dominant(found, in_body, sizes, total)
    body = max(body_chars or 0, sum(len(n.text) for n in _walk(found.plan.outline)))
    if body >= _LONG_BODY and body / len(in_body) > _PER_CHAPTER:
        found.warn(
            "outline_sparse",
            f"全文约{_wan(body)}，只识别出{len(in_body)}章（平均每章约{_wan(body // len(in_body))}），"
            "章标题很可能没有认全。",
            f"The text runs to about {body:,} characters but only {count_en(len(in_body), 'chapter')} were "
            f"recognised (about {body // len(in_body):,} characters each): chapter headings were probably missed.",
            factor=0.6,
        )
    if body_chars and body_chars >= 2000 and total < body_chars / 2:
        share = 1 - total / body_chars
        found.warn(
            "body_outside_chapters",
            f"正文约{_wan(body_chars)}，其中{share:.0%}不在任何章之下，章标题可能没有找到。",
            f"{share:.0%} of the body's {body_chars:,} characters lies outside every chapter: "
            "chapter headings were probably missed.",
            factor=0.5,
        )


def _wan(chars: int) -> str:
    """A length as Chinese writes it: 8.1万字, 3500字."""
    return f"{chars / 10000:.1f}万字" if chars >= 10000 else f"{chars}字"


def _check_contents(found: _Check) -> None:
    """Contents entries not found in the body are warned by the outline reader; here they only count."""
    headings = [n for n in _walk(found.plan.outline) if n.level in ("part", "chapter", "section")]
    if not headings:
        return
    last = max((k for k, n in enumerate(headings) if n.in_body), default=-1)
    middle = sum(1 for n in headings[:last] if not n.in_body)
    found.factor *= 1 - 0.6 * middle / len(headings)
    if found.plan.truncated and last >= 0:
        found.factor *= 0.95


def _check_empty(found: _Check, chapters: list[OutlineNode], sizes: list[int]) -> None:
    empty = [c for c, n in zip(chapters, sizes, strict=True) if n < _EMPTY_CHAPTER and not _holds_table(c)]
    if not empty:
        return
    share = len(empty) / len(chapters)
    if len(empty) <= 3:
        for c in empty:
            found.warn(
                "chapter_empty",
                f"{label(c)}：标题在正文中找到了，但其下没有读到正文。",
                f"{label(c)}: the heading was found in the body but no text was read under it.",
                where=label(c),
            )
        found.factor *= 1 - 0.5 * share
        return
    names = "、".join(c.number for c in empty[:_LISTED])
    more = f"等{len(empty)}章" if len(empty) > _LISTED else ""
    found.warn(
        "chapter_empty",
        f"共{len(chapters)}章中有{len(empty)}章没有读到正文（{names}{more}），正文可能被归到了别的章节。",
        f"{len(empty)} of {len(chapters)} chapters have no text ({', '.join(c.number for c in empty[:_LISTED])}"
        f"{' …' if len(empty) > _LISTED else ''}): their text was probably put under another heading.",
        where=label(empty[0]),
        factor=1 - 0.5 * share,
    )


def _check_dominant(found: _Check, chapters: list[OutlineNode], sizes: list[int], total: int) -> None:
    if len(chapters) < 2 or total < 2000:
        return
    limit = 0.4 if len(chapters) >= 5 else 0.7 if len(chapters) >= 3 else 0.85
    biggest = max(range(len(chapters)), key=sizes.__getitem__)
    share = sizes[biggest] / total
    if share <= limit:
        return
    name = label(chapters[biggest])
    found.warn(
        "chapter_dominant",
        f"{name}一章就占了全部章节正文的{share:.0%}（共{len(chapters)}章），其后的章节标题很可能没有认出。",
        f"{name} holds {share:.0%} of all chapter text ({len(chapters)} chapters): "
        "headings after it were probably not recognised.",
        where=name,
        factor=0.6,
    )


# Tables ------------------------------------------------------------------------------------------------


def table_place(table: Table, index: int, lang: str = "zh") -> str:
    """A table as a reader finds it: its caption, else its place among the document's tables (or the plan's)."""
    if table.caption:
        return table.caption
    number = (table.block if table.block is not None else index) + 1
    return f"第{number}个表格" if lang == "zh" else f"table {number}"


def _numeric(row: Row) -> bool:
    return any(c.reading.kind in _NUMERIC for c in row.cells)


def _check_tables(found: _Check, table_given: bool) -> None:
    tables = found.plan.tables
    if not table_given and not any(sum(1 for r in t.rows if r.name and _numeric(r)) >= 5 for t in tables):
        found.warn(
            "no_indicator_table",
            "没有找到主要指标表（至少5行有指标名称和数值的表格）：表格可能是图片，或未能按表格读出。"
            "可对读错的表格指定各列的含义后重新读取，或另行提供指标表（Excel/CSV）。",
            "No indicator table was found (a table with at least 5 rows holding a name and figures): "
            "it may be an image or was not read as a table. Assign the columns' roles of a table read "
            "wrong and read it again, or provide the indicator table as a spreadsheet (Excel/CSV).",
            factor=0.35,
        )
    for k, table in enumerate(tables):
        if sum(1 for r in table.rows if _numeric(r)) >= 3:
            _check_table(found, table, k)


def _names(table: Table, rows: list[Row], lang: str) -> str:
    """Rows named as a reader finds them: by name, or by their place where the name was lost."""
    place = {id(r): k + 1 for k, r in enumerate(table.rows)}
    if lang == "zh":
        shown = "、".join(r.name or f"第{place[id(r)]}行" for r in rows[:_LISTED])
        return shown + ("等" if len(rows) > _LISTED else "")
    shown = ", ".join(r.name or f"row {place[id(r)]}" for r in rows[:_LISTED])
    return shown + (", …" if len(rows) > _LISTED else "")


def _check_table(found: _Check, table: Table, index: int) -> None:
    zh, en = table_place(table, index), table_place(table, index, "en")
    rows = [r for r in table.rows if r.name or r.cells]
    parents = {r.parent for r in rows if r.parent}
    shifted = [r for r in rows if _shifted(r)]
    if len(shifted) >= max(2, len(rows) // 5):
        found.warn(
            "table_shifted",
            f"{zh}中有{len(shifted)}行的指标名称缺失或像是数值、或数值格里是文字（{_names(table, shifted, 'zh')}），"
            "各列可能错位，请核对各列的含义。",
            f"{en}: {count_en(len(shifted), 'row')} have no name, a figure for a name, or words in a value cell "
            f"({_names(table, shifted, 'en')}): the columns are probably shifted; check each column's role.",
            where=zh,
            factor=0.5,
        )
        return  # rows unfilled and units lost follow from the shift: said once
    unfilled = [r for r in rows if r.name and r.name not in parents and not any(c.raw for c in r.cells)]
    if unfilled:
        found.warn(
            "table_rows_unfilled",
            f"{zh}中有{len(unfilled)}行只读出了指标名称、没有读到数值：{_names(table, unfilled, 'zh')}。",
            f"{en}: {count_en(len(unfilled), 'row')} have a name but no figures: {_names(table, unfilled, 'en')}.",
            where=zh,
            factor=1 - 0.5 * len(unfilled) / len(rows),
        )
    counts = Counter((r.parent, r.name) for r in rows if r.name)
    twice = [name for (_, name), n in counts.items() if n > 1]
    if twice:
        found.warn(
            "table_duplicate_names",
            f"{zh}中指标名称重复出现：{'、'.join(twice[:_LISTED])}，可能有行被读重或读错。",
            f"{en}: indicator names occur more than once: {', '.join(twice[:_LISTED])}; "
            "a row may have been read twice or wrongly.",
            where=zh,
            factor=0.9,
        )
    _check_units(found, table, rows, zh, en)
    cells = [c for r in rows for c in r.cells if c.raw]
    if cells:
        found.factor *= 1 - 0.2 * sum(c.uncertain for c in cells) / len(cells)


def _shifted(row: Row) -> bool:
    """A name missing or a figure, or words in a value cell: the marks of columns read out of place."""
    if not row.name.strip():
        return _numeric(row)
    if _FIGURE_NAME.search(row.name.strip()):
        return True
    return any(c.reading.kind == "text" and re.search(r"[\u4e00-\u9fff]{2}", c.raw) for c in row.cells)


def _check_units(found: _Check, table: Table, rows: list[Row], zh: str, en: str) -> None:
    """Rows with figures whose unit was not read and whose name does not say it (比重, 增长 are %; 比值 has none)."""
    missing = [
        r
        for r in rows
        if r.name and r.unit is None and _numeric(r) and not PERCENT_NAME.search(r.name)
        and not UNIT_PAREN.search(r.name) and not _UNITLESS.search(r.name)
    ]  # fmt: skip
    if not missing:
        return
    found.warn(
        "table_units_missing",
        f"{zh}中有{len(missing)}项指标没有读出单位：{_names(table, missing, 'zh')}，请对照原表核对。",
        f"{en}: no unit was read for {count_en(len(missing), 'indicator')}: {_names(table, missing, 'en')}; "
        "check them against the printed table.",
        where=zh,
        factor=1 - 0.2 * len(missing) / len(rows),
    )


# Title, region, period ---------------------------------------------------------------------------------


def _check_metadata(found: _Check) -> None:
    plan = found.plan
    for code, value, zh, en in (
        ("title_missing", plan.title, "未读出规划标题。", "No title was found."),
        ("region_missing", plan.region, "未读出规划所属地区。", "No region was found."),
        (
            "period_missing",
            plan.period,
            "未读出规划期（起止年份）。",
            "No plan period (first and last year) was found.",
        ),
    ):
        if not value:
            found.warn(code, zh, en, factor=0.9)
