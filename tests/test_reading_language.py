"""What the reading says to an office is Chinese: every warning, every note the reader writes on a row or a
cell, and every reason a document or a workbook is refused reads as a sentence, with no code name, no
English word and no Python repr in it; and the warnings and notes have their English for the English pages.

The documents are the sample, the Beijing- and Guangzhou-like ones of tests/data, the plan of
tests/built_plans broken in each way the self-check knows, and tables printed as text that the reader is
unsure of.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import openpyxl
import pytest

from planwatch.errors import InputError
from planwatch.ingest import ingest, read_plan
from planwatch.ingest.blocks import Document, Paragraph
from planwatch.ingest.readers import read_document
from planwatch.ingest.spreadsheets import read_indicators, read_observations
from planwatch.plan.cells import read_cell
from planwatch.plan.model import Indicator, Plan
from tests import layouts_text
from tests.built_plans import ROWS, document
from tests.layouts import AFTER, BEFORE, HEADING, LAYOUTS, MAIN, printed

DATA = Path(__file__).parent / "data"
SAMPLE = Path(__file__).parent.parent / "src" / "planwatch" / "samples" / "weidu-14th-fyp-outline.scraped.txt"

# The English a Chinese sentence may hold: names of formats and of figures that Chinese writes in Latin letters.
ALLOWED = {
    "PDF", "Excel", "Word", "HTML", "XML", "docx", "doc", "xlsx", "xls", "csv", "CSV", "txt", "html", "pdf",
    "GDP", "R&D", "UTF", "GBK",
}  # fmt: skip
_WORD = re.compile(r"[A-Za-z][A-Za-z&]{2,}")
# A command-line option, named where the command line may give what a file lacks (--base-year).
_OPTION = re.compile(r"--[a-z-]+")
_REPR = ("['", "']", "')", "('", "None", "True", "False", "∅", " | ")


def foreign(text: str) -> list[str]:
    """The English words and repr marks in a text meant to be Chinese."""
    words = [w for w in _WORD.findall(_OPTION.sub("", text)) if w not in ALLOWED]
    return words + [mark for mark in _REPR if mark in text]


def texts(plan: Plan) -> Iterator[tuple[str, str | None]]:
    """Every text of the reading an office reads, in Chinese and in English: warnings, the reader's notes on
    rows (the plan's own notes are its words) and the notes on cells."""
    for w in plan.warnings:
        yield w.message, w.message_en
    for table in plan.tables:
        for row in table.rows:
            own = len(row.notes) - len(row.notes_en)
            yield from zip(row.notes[own:], row.notes_en, strict=True)
            for cell in row.cells:
                if cell.reading.note:
                    yield cell.reading.note, cell.reading.note_en


def _text_plan(lines: list[str], source: str = "plan.txt") -> Plan:
    return read_plan(Document([Paragraph(line) for line in lines], format="text", source=source))


def _unsure_tables() -> Plan:
    """Tables printed as text that the reader is unsure of: a run of cells that fits no reading, a row
    number skipped, categories printed in the middle of their rows without their counts."""
    flat = "表3:主要指标序号指标2020年2025年一、经济发展1地区生产总值(亿元)1002003外贸依存度(%)12.3.4.5.6.7.8.9.1.2.3预期性"
    skipped = [
        "序号   指标                 2020年   2025年目标   属性",
        "1      地区生产总值(亿元)   1200     1800         预期性",
        "3      森林覆盖率(%)        30       35           约束性",
    ]
    centred = layouts_text.text_of(printed(MAIN, LAYOUTS["national"]), layouts_text.aligned, centre=True)
    plans = [_text_plan([flat]), _text_plan(skipped), _text_plan([HEADING, BEFORE, *centred, AFTER])]
    return Plan(warnings=[w for p in plans for w in p.warnings], tables=[t for p in plans for t in p.tables])


BROKEN = {
    "whole": {},
    "no outline": {"contents": False, "headings": False},
    "headings lost": {"drop": (2, 3, 4, 5)},
    "few headings": {"contents": False, "drop": tuple(range(2, 9))},
    "empty chapter": {"empty": (4,)},
    "preamble": {"preamble": 40000},
    "shifted": {"shift": True},
    "no table": {"table": False},
    "unfilled": {"rows": [*ROWS[:4], ("人均预期寿命", "岁", "", ""), *ROWS[4:]]},
    "twice": {"rows": [*ROWS, ROWS[0]]},
    "no units": {"rows": [(n, "", b, t) for n, _, b, t in ROWS]},
    "no title": {"title": False},
}

PLANS: dict[str, Callable[[], Plan]] = {
    "sample": lambda: ingest(SAMPLE),
    "beijing-like": lambda: ingest(DATA / "beijing-15th-indicators.txt"),
    "guangzhou-like": lambda: ingest(DATA / "guangzhou-15th-boxes.html"),
    "unsure tables": _unsure_tables,
    **{f"broken: {name}": (lambda kw=kw: read_plan(document(**kw))) for name, kw in BROKEN.items()},
}


@pytest.mark.parametrize("name", PLANS)
def test_every_text_of_the_reading_is_chinese_with_its_english(name: str) -> None:
    said = list(texts(PLANS[name]()))
    assert said or name == "broken: whole"
    for zh, en in said:
        assert re.search(r"[\u4e00-\u9fff]", zh) and foreign(zh) == [], zh
        assert (en and en != zh) or not re.search(r"[A-Za-z]", en or ""), zh


def test_the_documents_give_the_warnings_an_office_most_often_reads():
    """The cases above hold the warnings that once spoke code: an uncertain run of cells, a lost unit."""
    codes = {w.code for name in ("sample", "unsure tables") for w in PLANS[name]().warnings}
    found = {"cells_uncertain", "unit_lost", "cells_unread", "row_number_skipped", "category_unplaced"}
    assert found <= codes


# Cells the grammar reads with a doubt, or with a clause of the plan's beside the figure.
NOTED_CELLS = [
    "口13.5", "[13.5", "13.5]", "58*", "—*", "7-6", "约8以上", "提高+1岁", "58①", "增长很快", "6.5左右，力争7",
]  # fmt: skip


@pytest.mark.parametrize("text", NOTED_CELLS)
def test_a_note_on_a_cell_is_chinese_with_its_english(text: str) -> None:
    reading = read_cell(text)
    assert reading.note and foreign(reading.note) == [] and reading.note_en
    assert reading.note_text("en") == reading.note_en


def _csv(path: Path, rows: list[list[str]]) -> Path:
    path.write_text("\n".join(",".join(row) for row in rows) + "\n", encoding="utf-8")
    return path


def _bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


GDP = Indicator(id="1", name="地区生产总值增长", base_year=2020, target_year=2025)

REFUSED: dict[str, Callable[[Path], object]] = {
    "bad rows": lambda tmp: read_observations(
        _csv(
            tmp / "obs.csv",
            [
                ["指标", "年份", "数值", "数据类型", "发布日期"],
                ["地区生产总值增长", "2021", "约五", "", ""],
                ["人均GDP", "21", "6", "公报", "去年"],
                ["地区生产总值增长", "", "6", "", ""],
                ["", "2022", "6", "", ""],
            ],
        ),
        [GDP],
    ),
    "twice": lambda tmp: read_observations(
        _csv(
            tmp / "obs.csv", [["指标", "年份", "值"], ["地区生产总值增长", "2021", "6"], ["1", "2021", "7"]]
        ),
        [GDP],
    ),
    "ambiguous": lambda tmp: read_observations(
        _csv(tmp / "obs.csv", [["指标", "年份", "值"], ["城镇", "2021", "6"]]),
        [Indicator(id=k, name="城镇", base_year=2020, target_year=2025) for k in ("5.1", "6.1")],
    ),
    "no value column": lambda tmp: read_observations(_csv(tmp / "obs.csv", [["指标", "年份"]]), [GDP]),
    "two year columns": lambda tmp: read_observations(
        _csv(tmp / "obs.csv", [["指标", "年份", "年度", "值"]]), [GDP]
    ),
    "empty sheet": lambda tmp: read_observations(_csv(tmp / "obs.csv", [[""]]), [GDP]),
    "old workbook": lambda tmp: read_observations(_csv(tmp / "obs.xls", [["指标"]]), [GDP]),
    "not a workbook": lambda tmp: read_observations(_csv(tmp / "obs.xlsx", [["指标"]]), [GDP]),
    "no name column": lambda tmp: read_indicators(_csv(tmp / "ind.csv", [["目标值"], ["6"]]), 2020, 2025),
    "no target column": lambda tmp: read_indicators(_csv(tmp / "ind.csv", [["指标"], ["GDP"]]), 2020, 2025),
    "no years": lambda tmp: read_indicators(_csv(tmp / "ind.csv", [["指标", "目标值"], ["GDP", "6"]])),
    "bad indicator rows": lambda tmp: read_indicators(
        _csv(
            tmp / "ind.csv",
            [
                ["指标", "目标值", "属性", "基期年", "目标年"],
                ["地区生产总值", "600", "重要", "2020", "2025"],
                ["地区生产总值", "600", "预期性", "2025", "2020"],
                ["税收收入", "50", "", "", "2025"],
            ],
        )
    ),
    "no such file": lambda tmp: read_document(tmp / "absent.docx"),
    "a folder": lambda tmp: read_document(tmp),
    "an old Word file": lambda tmp: read_document(_csv(tmp / "plan.doc", [["\x00"]])),
    "not a docx": lambda tmp: read_document(_csv(tmp / "plan.docx", [["规划"]])),
    "empty page": lambda tmp: read_document(_csv(tmp / "plan.html", [[""]])),
    "not a pdf": lambda tmp: read_document(_csv(tmp / "plan.pdf", [["%PDF-1.7 规划"]])),
    "binary data": lambda tmp: read_document(_bytes(tmp / "plan.txt", bytes(range(256)) * 8)),
    "undecodable text": lambda tmp: read_document(
        _bytes(tmp / "plan.txt", b"\xff\xfe\xfd\x81\x30" * 40 + b"\x80")
    ),
}


@pytest.mark.parametrize("case", REFUSED)
def test_a_refused_file_says_why_in_chinese(tmp_path: Path, case: str) -> None:
    with pytest.raises(InputError) as refused:
        REFUSED[case](tmp_path)
    reason = refused.value.reason
    assert re.search(r"[\u4e00-\u9fff]", reason) and foreign(reason) == [], reason


def test_a_bad_cell_is_named_by_its_row_and_column(tmp_path: Path):
    """The office finds the cell to correct: the row as Excel numbers it, the column as its header prints it."""
    with pytest.raises(InputError) as refused:
        REFUSED["bad rows"](tmp_path)
    reason = refused.value.reason
    assert reason.startswith("有4行填写有误：第2行“数值”列的“约五”不是数字；")
    assert "第3行：规划中没有名为“人均GDP”的指标；“年份”列的“21”不是1949—2100年间的年份" in reason
    assert "“数据类型”列的“公报”无法识别" in reason and "“发布日期”列的“去年”不是日期" in reason
    assert "第4行“年份”列没有填写年份" in reason and "第5行“指标”列没有填写指标" in reason


def test_a_workbook_error_names_its_sheet(tmp_path: Path):
    book = openpyxl.Workbook()
    book.active.title = "监测数据填报"
    for row in (["指标", "年份", "值"], ["地区生产总值增长", 2021, "约五"]):
        book.active.append(row)
    book.save(tmp_path / "obs.xlsx")
    with pytest.raises(InputError) as refused:
        read_observations(tmp_path / "obs.xlsx", [GDP])
    assert (
        str(refused.value)
        == f"{tmp_path / 'obs.xlsx'}（工作表“监测数据填报”）: 第2行“值”列的“约五”不是数字。"
    )
