"""Every refusal of a file says why in Chinese and in English: the reader's, the limit's and the workbook's.

A Chinese reason holds no English word but the names of formats and products an office knows; an English
reason holds no Chinese but what it quotes (a cell's text, a column's heading) and the file's own name. The
English pages and `planwatch ingest --lang en` show the English one.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from typer.testing import CliRunner

from planwatch.bulk import read_one
from planwatch.cli import app
from planwatch.errors import InputError
from planwatch.ingest.readers import read_document
from planwatch.ingest.spreadsheets import read_indicators, read_observation_rows, read_observations

# Formats, products, encodings and standards an office knows by these names.
ALLOWED = {"excel", "word", "docx", "xlsx", "xlsm", "html", "utf-8", "utf-16", "gb18030"}
ENGLISH_WORD = re.compile(r"[A-Za-z][A-Za-z0-9-]{3,}")
CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")
QUOTED = re.compile(r"“[^”]*”")
# A part inside a zip as the zip names it, and an option of the command line.
NAMES = re.compile(r"[\w/.-]+\.(?:xml|rels)\b|--[a-z-]+")

INDICATORS = "指标,基期值,目标值,基期年,目标年\n地区生产总值增长,6.5,7左右,2020,2025\n"
GDP = "地区生产总值增长"


def english_words(reason: str) -> set[str]:
    """English words of a Chinese reason, leaving out quoted text, names and known format names."""
    bare = NAMES.sub("", QUOTED.sub("", reason))
    return {w for w in ENGLISH_WORD.findall(bare) if w.lower() not in ALLOWED}


def chinese_of(reason: str) -> list[str]:
    """Chinese characters of an English reason outside quoted text."""
    return CJK.findall(QUOTED.sub("", reason))


def refusal(read: Callable[[], object]) -> InputError:
    with pytest.raises(InputError) as caught:
        read()
    return caught.value


def indicators(tmp_path: Path):
    table = tmp_path / "指标表.csv"
    table.write_text(INDICATORS, encoding="utf-8")
    return read_indicators(table)


def zipped(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return path


def written(path: Path, data: bytes | str) -> Path:
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def figures(tmp_path: Path, name: str, data: bytes | str) -> Callable[[], object]:
    return lambda: read_observations(written(tmp_path / name, data), indicators(tmp_path))


def document(tmp_path: Path, name: str, data: bytes | str) -> Callable[[], object]:
    return lambda: read_document(written(tmp_path / name, data))


# kind -> (how to meet it, the environment's limits, a piece of the English reason)
CASES: dict[str, tuple[Callable[[Path], Callable[[], object]], dict[str, str], str]] = {
    "unknown format": (lambda t: document(t, "规划.bin", bytes(range(256)) * 8), {}, "Unknown format"),
    "old word": (lambda t: document(t, "规划.doc", b"\xd0\xcf\x11\xe0" * 8), {}, "save it as .docx"),
    "old doc as docx": (
        lambda t: document(t, "规划.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64),
        {},
        "old Word .doc file",
    ),
    "folder": (lambda t: lambda: read_document(t), {}, "folder"),
    "missing": (lambda t: lambda: read_document(t / "没有.txt"), {}, "does not exist"),
    "empty page": (lambda t: document(t, "规划.html", b""), {}, "empty"),
    "empty table": (lambda t: figures(t, "数据.csv", ""), {}, "The table is empty"),
    "broken docx": (lambda t: document(t, "规划.docx", b"PK\x03\x04 broken"), {}, "not a .docx file"),
    "zip not word": (
        lambda t: document(t, "规划.docx", zipped(t / "x.zip", {"a.txt": b"x"}).read_bytes()),
        {},
        "not a Word",
    ),
    "broken pdf": (lambda t: document(t, "规划.pdf", b"%PDF-1.4 broken"), {}, "PDF file"),
    "broken xlsx": (lambda t: figures(t, "数据.xlsx", b"PK\x03\x04 broken"), {}, "not an .xlsx workbook"),
    "old xls": (lambda t: figures(t, "数据.xls", b"\xd0\xcf\x11\xe0"), {}, "old .xls workbook"),
    "not a sheet": (lambda t: figures(t, "数据.exe", b"MZ"), {}, "should be an .xlsx or .csv file"),
    "too big": (
        lambda t: document(t, "规划.txt", "规划" * 400_000),
        {"PLANWATCH_MAX_DOCUMENT_MB": "1"},
        "over the limit of 1 MB",
    ),
    "zip bomb": (
        lambda t: document(
            t, "规划.docx", zipped(t / "b.zip", {"word/document.xml": b"\0" * (3 << 20)}).read_bytes()
        ),
        {},
        "zip bomb",
    ),
    "unpacked too big": (
        lambda t: document(
            t, "规划.docx", zipped(t / "u.zip", {"word/document.xml": b"<w/>" * (1 << 19)}).read_bytes()
        ),
        {"PLANWATCH_MAX_UNPACKED_MB": "1"},
        "Unpacked, it is over the limit of 1 MB",
    ),
    "entities": (
        lambda t: document(
            t,
            "规划.docx",
            zipped(t / "e.zip", {"word/document.xml": b"<!DOCTYPE x [<!ENTITY a 'b'>]><x/>"}).read_bytes(),
        ),
        {},
        "declares a DTD",
    ),
    "too many cells": (
        lambda t: figures(t, "数据.csv", "指标,年份,值\n" * 3),
        {"PLANWATCH_MAX_CELLS": "5"},
        "more cells than",
    ),
    "bad limit": (
        lambda t: document(t, "规划.txt", "规划"),
        {"PLANWATCH_MAX_PAGES": "很多"},
        "positive whole number",
    ),
    "bad encoding": (
        lambda t: document(t, "规划.txt", b"\x81\x30\xff\xfe\xfd" * 50),
        {},
        "Unknown text encoding",
    ),
    "bad mark": (
        lambda t: document(t, "规划.txt", b"\xef\xbb\xbf\xff\xfe\xfd"),
        {},
        "starts with a UTF-8 mark",
    ),
    "bad csv": (lambda t: figures(t, "数据.csv", "指标,年份,值\n" + "长" * 140_000), {}, "not proper CSV"),
    "missing columns": (lambda t: figures(t, "数据.csv", "指标,备注\nx,y\n"), {}, "lacks the columns"),
    "two value columns": (lambda t: figures(t, "数据.csv", "指标,年份,值,数值\n"), {}, "keep only one"),
    "bad row": (
        lambda t: figures(t, "数据.csv", f"指标,年份,值\n{GDP},2024,约五\n"),
        {},
        "Row 2: “约五” in column “值” is not a number.",
    ),
    "bad rows": (
        lambda t: figures(
            t,
            "数据.csv",
            f"指标,年份,值,数据类型,发布日期\n不存在的指标,明年,1,初步,\n{GDP},2024,5,草稿,昨天\n{GDP},2024,6,,\n",
        ),
        {},
        "3 rows are filled in wrongly: row 2: the plan has no indicator named “不存在的指标”",
    ),
    "formula": (
        lambda t: figures(t, "数据.csv", f"指标,年份,值\n{GDP},2024,=B2*30\n"),
        {},
        "holds the formula “=B2*30”",
    ),
    "no indicator": (
        lambda t: figures(t, "数据.csv", "序号,指标,年份,值\n1,,2024,5\n"),
        {},
        "names no indicator",
    ),
    "indicator table": (
        lambda t: (
            lambda: read_indicators(
                written(t / "指标.csv", "指标,属性,目标值\n甲,随便,5\n甲,预期性,5\n"), 2020, 2019
            )
        ),
        {},
        "should be “expected” or “binding”",
    ),
    "no year column": (
        lambda t: lambda: read_indicators(written(t / "指标.csv", "指标,目标值\n甲,5\n")),
        {},
        "--base-year",
    ),
}


@pytest.mark.parametrize("kind", CASES)
def test_every_refusal_says_why_in_both_languages(kind, tmp_path, monkeypatch):
    meet, environment, english = CASES[kind]
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    error = refusal(meet(tmp_path))
    assert error.reason and error.english and error.reason != error.english
    assert english in error.text("en")
    assert error.text("zh") == error.reason
    assert not english_words(error.reason), error.reason
    assert not chinese_of(error.english), error.english
    assert not chinese_of(error.place("en").replace(str(tmp_path), "").replace(Path(error.where).name, "")), (
        error.place("en")
    )


def test_a_sheet_is_named_in_the_language_asked(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "数据"
    book.active.append(["指标", "年份", "值"])
    book.active.append([GDP, 2024, "约五"])
    book.save(tmp_path / "数据.xlsx")
    error = refusal(lambda: read_observations(tmp_path / "数据.xlsx", indicators(tmp_path)))
    assert error.place("zh") == f"{tmp_path / '数据.xlsx'}（工作表“数据”）"
    assert error.place("en") == f"{tmp_path / '数据.xlsx'} (sheet “数据”)"
    assert error.said("en") == f"{error.place('en')}: Row 2: “约五” in column “值” is not a number."


def test_each_bad_row_says_why_in_both_languages(tmp_path):
    data = f"指标,年份,值\n{GDP},2024,约五\n不存在的指标,2024,1\n"
    _, bad = read_observation_rows(written(tmp_path / "数据.csv", data), indicators(tmp_path))
    assert [(b.row, b.indicator, b.year) for b in bad] == [(2, GDP, 2024), (3, "不存在的指标", 2024)]
    assert [b.text("zh") for b in bad] == ["“值”列的“约五”不是数字", "规划中没有名为“不存在的指标”的指标"]
    assert [b.text("en") for b in bad] == [
        "“约五” in column “值” is not a number",
        "the plan has no indicator named “不存在的指标”",
    ]


def test_a_reason_without_english_reads_the_same_in_both():
    error = InputError("--plan", "give one of them")
    assert error.text("en") == error.text("zh") == "give one of them"
    assert error.said("en") == "--plan: give one of them" == str(error)


def test_the_command_line_says_why_in_the_language_asked(tmp_path):
    path = written(tmp_path / "规划.bin", bytes(range(256)) * 8)
    runner = CliRunner()
    chinese = runner.invoke(app, ["ingest", str(path)])
    english = runner.invoke(app, ["ingest", str(path), "--lang", "en"])
    assert isinstance(chinese.exception, InputError) and isinstance(english.exception, InputError)
    assert chinese.exception.said() == f"{path}: 格式无法识别：不是文本，也不是 .docx、.pdf 或 .html 文件。"
    assert (
        english.exception.said() == f"{path}: Unknown format: not text, and not a .docx, .pdf or .html file."
    )


def test_a_folder_read_at_once_says_why_in_the_language_asked(tmp_path):
    outcome = read_one(written(tmp_path / "规划.docx", b"PK\x03\x04 broken"))
    assert outcome.why() == "不是 .docx 文件（不是压缩包格式）。"
    assert outcome.why("en") == "This is not a .docx file (it is not a zip archive)."


@pytest.mark.django_db
def test_an_english_upload_page_shows_the_english_reason(client, staff, plan, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    client.force_login(staff)
    broken = {"document": SimpleUploadedFile("魏都区.docx", b"PK\x03\x04 broken")}
    for language, reason in (
        ("en", "魏都区.docx: This is not a .docx file (it is not a zip archive)."),
        ("zh-hans", "魏都区.docx：不是 .docx 文件（不是压缩包格式）。"),
    ):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        broken["document"].seek(0)
        page = client.post("/office/upload/", broken).content.decode()
        assert reason in page.replace("&#x27;", "'")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    sheet = SimpleUploadedFile("数据.csv", f"指标,年份,值\n{GDP},2024,约五\n".encode())
    page = client.post(f"/monitoring/plans/{plan.pk}/import/", {"file": sheet}, follow=True).content.decode()
    assert "“约五” in column “值” is not a number" in page
