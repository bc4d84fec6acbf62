"""The structured plan: a plain, JSON-serialisable model of a plan outline.

Everything downstream (evaluate, report, the web application) works on these
models, never on the document, so a plan read from a scraped text, a .docx or
a spreadsheet looks the same to them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cache
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, Field

from planwatch.plan.vocabulary import Attribute, Comparator, Vintage

# A division is a heading numbered 一、 or （一） inside a chapter or section (第N节 is a section).
Level = Literal["part", "chapter", "section", "division", "box", "table"]
RegionLevel = Literal["national", "province", "city", "county", "district"]

ReadingKind = Literal[
    "number",  # a plain figure, perhaps with a comparator: 170以上, ≥95, 65左右
    "cumulative",  # a five-year cumulative figure: [13.5], 〔13.5〕, 累计45.5
    "change",  # a change over the period: 提高1岁
    "higher_plan",  # a reference to a higher plan: 控制在市目标内, 按市下达目标
    "relation",  # a relation to another indicator: 高于GDP增长, 与经济增长基本同步
    "qualitative",  # a qualitative range: 保持在合理区间
    "undetermined",  # nothing known yet: 待定, —
    "empty",  # an empty cell
    "text",  # text the grammar does not know; always uncertain
]


class Reading(BaseModel):
    """What a cell says, read with the cell grammar (DESIGN.md)."""

    kind: ReadingKind
    value: float | None = None
    upper: float | None = Field(None, description="upper bound of a range: 7 for 6-7, whose value is 6")
    comparator: Comparator | None = None
    per: str | None = Field(None, description="rate base: 年 for 16000/年, 千人 for 35/千人")
    unit: str | None = Field(None, description="unit printed in the cell itself, e.g. 岁 in 提高1岁")
    relation: str | None = Field(None, description="higher / same_pace / lower for a relation")
    other: str | None = Field(None, description="the other indicator of a relation, e.g. GDP增长")
    authority: str | None = Field(None, description="the higher level a target refers to, e.g. 市")
    earlier_year: bool = Field(False, description="the figure is of an earlier year: printed 58*")
    uncertain: bool = False
    note: str | None = Field(None, description="why the reading is unsure, or what the cell adds, in Chinese")
    note_en: str | None = Field(None, description="the note in English")

    def note_text(self, lang: str = "zh") -> str | None:
        """The note in the language asked for (Chinese where no English was written)."""
        return self.note_en if lang == "en" and self.note_en else self.note


class Cell(BaseModel):
    """One table cell: its text, how it reads, and how sure the reading is."""

    raw: str = Field(description="the cell text as read, with certain scrape noise repaired")
    printed: str | None = Field(None, description="the text as printed, where a repair changed it")
    column: str | None = None
    reading: Reading
    uncertain: bool = False
    alternatives: list[str] = Field(default_factory=list, description="other texts this cell may hold")


class Row(BaseModel):
    """One indicator row of a table (sub-rows are rows too, with a parent)."""

    number: str | None = None
    name: str
    unit: str | None = None
    category: str | None = None
    attribute: Attribute | None = None
    parent: str | None = Field(None, description="name of the row this one is a sub-row of")
    cells: list[Cell] = Field(default_factory=list)
    alternatives: list[list[str]] = Field(
        default_factory=list, description="other whole readings of the row's cells, most likely first"
    )
    notes: list[str] = Field(
        default_factory=list, description="the plan's notes on the row, then the reader's, in Chinese"
    )
    notes_en: list[str] = Field(
        default_factory=list, description="the reader's notes (the last ones) in English"
    )

    def note(self, zh: str, en: str) -> None:
        """Add a note of the reader's on the row, in Chinese and in English."""
        self.notes.append(zh)
        self.notes_en.append(en)

    def note_texts(self, lang: str = "zh") -> list[str]:
        """The notes in the language asked for: the plan's own as printed, the reader's in that language."""
        if lang != "en":
            return list(self.notes)
        return self.notes[: len(self.notes) - len(self.notes_en)] + self.notes_en


class Table(BaseModel):
    """An indicator table (主要指标) or any other table the plan holds."""

    caption: str
    columns: list[str] = Field(description="all column headers, two-level headers joined by '/'")
    cell_columns: list[str] = Field(description="the headers of the value columns that Row.cells follow")
    groups: list[str] = Field(default_factory=list, description="group rows such as 一、经济发展")
    rows: list[Row] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    flattened: bool = Field(False, description="recovered from a table flattened into running text")
    block: int | None = Field(
        None,
        description="index of the real table among the document's tables; None for a table recovered from text",
    )
    roles: list[str] = Field(
        default_factory=list,
        description="the role each of `columns` was read in (ingest.table_roles.ROLES: name, unit, base, target…)",
    )
    page: int | None = None
    chapter: str | None = None
    section: str | None = None


class OutlineNode(BaseModel):
    """A part (篇), chapter (章), section (节), division (一、) or box (专栏/表) of the outline."""

    level: Level
    number: str
    title: str
    page: int | None = Field(None, description="page from the table of contents")
    in_body: bool = Field(False, description="the heading was found in the body text")
    text: str = Field("", description="body text under this heading, before its first child")
    table: int | None = Field(None, description="index into Plan.tables for a box or table")
    children: list[OutlineNode] = Field(default_factory=list)


class Task(BaseModel):
    """A task of the plan: a lead sentence (加强创新型企业培育) with its paragraph, or a listed item (一是…)."""

    id: str = Field(description="chapter.section.n, e.g. 3.1.2")
    chapter: str | None = None
    section: str | None = None
    title: str
    text: str = ""


class _Stated(BaseModel):
    """A figure the prose states: where in the plan, and what it counts (each kind adds its own fields)."""

    id: str
    chapter: str | None = None
    section: str | None = None
    subject: str = Field(description="what is counted or measured: 企业成功上市")
    value: float | None = None
    unit: str | None = None


class Commitment(_Stated):
    """A number promised in the prose: 到2025年力争5家以上企业成功上市."""

    comparator: Comparator | None = None
    direction: Literal["reach", "increase", "decrease", "multiply"] = "reach"
    deadline: int | None = Field(None, description="the year it is due, where the sentence says")
    phrase: str = Field(description="the words that state it")
    sentence: str


class Result(_Stated):
    """A result of the previous period reported in the text: 全区国家级高新技术企业达到20家."""

    year: int | None = None
    phrase: str
    sentence: str


class Project(BaseModel):
    """A major project or key action listed in a box (专栏)."""

    id: str
    box: str = Field(description="the box it is listed in, e.g. 专栏3")
    name: str
    content: str = ""
    investment: str | None = None
    period: str | None = None


class Period(BaseModel):
    start: int
    end: int


class PlanWarning(BaseModel):
    """Something the reader was unsure of or repaired, said to an office: where, and in its language.

    `message` is a Chinese sentence naming the place; `message_en` says the same in English.
    """

    code: str
    message: str
    message_en: str | None = None
    where: str | None = None

    def text(self, lang: str = "zh") -> str:
        """The sentence in the language asked for (Chinese where no English was written)."""
        return self.message_en if lang == "en" and self.message_en else self.message


class Plan(BaseModel):
    """A plan outline as read from its document."""

    title: str | None = None
    region: str | None = None
    level: RegionLevel | None = Field(None, description="the level of government whose plan it is")
    period: Period | None = None
    published: str | None = Field(None, description="YYYY-MM where the document dates itself")
    source: str | None = Field(None, description="file the plan was read from")
    format: str | None = None
    outline: list[OutlineNode] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)
    commitments: list[Commitment] = Field(default_factory=list)
    results: list[Result] = Field(default_factory=list)
    projects: list[Project] = Field(default_factory=list)
    truncated: bool = False
    missing_chapters: list[str] = Field(
        default_factory=list, description="chapters the contents list but the body lacks"
    )
    warnings: list[PlanWarning] = Field(default_factory=list)
    confidence: float | None = Field(
        None,
        ge=0,
        le=1,
        description="how sure the reading is, 0..1, from the self-check (planwatch.ingest.quality); "
        "None where the plan was not read from a document",
    )


# How an indicator's target is judged (docs/method.md explains each).
TargetKind = Literal[
    "level",  # a level to reach by the final year: 城镇化率 60.6 -> 65
    "growth",  # an average annual growth rate: 年均增长6.5
    "cumulative",  # a five-year total: 单位GDP能耗降低[13.5], 人均预期寿命[1]
    "bound",  # a floor or ceiling to reach or hold: ＞6.5, 5.5以内
    "relation",  # relative to another indicator: 高于GDP增长, 与经济增长基本同步
    "qualitative",  # judged against yearly targets: 保持在合理区间
    "unknown",  # not assessable until a target is entered: 控制在市目标内, 待定
]


class TargetSource(BaseModel):
    """Where the target of an indicator delegated to a higher level (控制在市目标内, 按市下达目标) came
    from: the parent plan's own target for the same indicator, or one the parent office entered."""

    region: str = Field(description="the higher level's region: 许昌市")
    written: str = Field(description="what the plan itself says: 控制在市目标内")
    entered: bool = Field(False, description="entered by the higher level's office, not read from its plan")


class Indicator(BaseModel):
    """One indicator with its baseline and target, read with the cell grammar."""

    id: str = Field(description="stable key: the row number and name, or the name alone")
    name: str
    unit: str | None = None
    category: str | None = None
    attribute: Attribute | None = None
    base_year: int
    target_year: int
    baseline: Reading | None = Field(None, description="the base-year level (or cumulative figure)")
    baseline_raw: str = ""
    baseline_growth: Reading | None = Field(None, description="average annual growth of the previous period")
    baseline_growth_raw: str = ""
    target: Reading | None = Field(None, description="the final-year level, bound, total or relation")
    target_raw: str = ""
    target_growth: Reading | None = Field(None, description="the average annual growth to reach")
    target_growth_raw: str = ""
    rate: bool = Field(False, description="yearly figures are rates in % (增长, 降低), not levels")
    target_source: TargetSource | None = Field(
        None, description="where a target the plan leaves to a higher level (控制在市目标内) was taken from"
    )


class Observation(BaseModel):
    """The figure of one indicator in one year, with where it came from."""

    indicator: str = Field(description="Indicator.id")
    year: int
    value: float
    source: str | None = None
    note: str | None = None
    annual_target: Reading | None = Field(None, description="the target a work report set for the year")
    annual_target_raw: str = ""
    vintage: Vintage | None = Field(None, description="preliminary (初步核算, 快报) or final (年鉴)")
    published: dt.date | None = Field(None, description="the day the figure was published, where known")


def plan_schema() -> dict:
    """The JSON Schema that `planwatch ingest --json` output validates against."""
    return Plan.model_json_schema()


Model = TypeVar("Model", bound=BaseModel)


@cache
def _fields(model: type[BaseModel]) -> tuple[tuple[str, Any, Callable[[], Any] | None], ...]:
    """Each field of a model with its default, or the factory that makes one."""
    return tuple(
        (name, None if f.default_factory else f.get_default(), f.default_factory)
        for name, f in model.__pydantic_fields__.items()
    )


def trusted(model: type[Model], values: dict[str, Any]) -> Model:
    """A model of values already valid (what the rules made, the typed columns of the office's own
    database), the fields not given at their defaults, set as `model_construct` sets them without its
    overhead: validating again, or `model_construct`, costs more than judging on a province's plans."""
    made = model.__new__(model)
    data = {
        name: values[name] if name in values else factory() if factory else default
        for name, default, factory in _fields(model)
    }
    object.__setattr__(made, "__dict__", data)
    object.__setattr__(made, "__pydantic_fields_set__", set(values))
    object.__setattr__(made, "__pydantic_extra__", None)
    object.__setattr__(made, "__pydantic_private__", None)
    return made
