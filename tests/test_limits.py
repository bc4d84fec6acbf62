"""Hostile and broken files: each is refused with one sentence naming the file and the limit, in bounded memory.

Every bomb is built here, small on disk: zips whose parts unpack to hundreds of megabytes, a sheet
whose two cells span the whole grid, entities and DTDs in workbook parts, a PDF stream that inflates
past the limit, a PDF without a MediaBox. Each goes to the command line (exit 2, one line, the
child's peak memory measured) and to every upload path (a form error or a problem on the page,
never a 500).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import zipfile
import zlib
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.urls import reverse

from planwatch.errors import InputError
from planwatch.ingest import limits
from planwatch.ingest.limits import MB, Limits
from planwatch.ingest.readers import read_document
from planwatch.ingest.spreadsheets import read_indicators, read_observations

PEAK_BYTES = 600 * MB  # the command line's peak memory on a bomb: its own imports and little more
WEB_GROWTH_BYTES = 300 * MB

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/></Types>'
)
_SHEET_OPEN = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
_SHEET_CLOSE = "</sheetData></worksheet>"


def _package(path: Path, parts: dict[str, str | tuple[bytes, int]]) -> Path:
    """A zip of `parts`; a part given as (piece, times) is that piece repeated, streamed in."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        for name, content in parts.items():
            if isinstance(content, str):
                package.writestr(name, content)
                continue
            piece, times = content
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            with package.open(info, "w", force_zip64=True) as part:
                for _ in range(times):
                    part.write(piece)
    return path


def _xlsx(path: Path, sheet: str | tuple[bytes, int], **more: str) -> Path:
    return _package(path, {"[Content_Types].xml": _CONTENT_TYPES, "xl/worksheets/sheet1.xml": sheet, **more})


def many_cells(path: Path) -> Path:
    """6 million cells in 0.1 MB: the workbook that took 87 s and 6 GiB."""
    row = ("<row>" + "<c><v>1</v></c>" * 100 + "</row>").encode()
    return _xlsx(path, (row * 600, 100))


def whole_grid(path: Path) -> Path:
    """Two cells, at A1 and at the last cell Excel has: a grid of 17 billion cells when walked."""
    return _xlsx(
        path,
        _SHEET_OPEN + '<row r="1"><c r="A1"><v>1</v></c></row>'
        '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>' + _SHEET_CLOSE,
    )


def whole_grid_merged(path: Path) -> Path:
    return _xlsx(
        path,
        _SHEET_OPEN + '<row r="1"><c r="A1"><v>1</v></c></row></sheetData>'
        '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells></worksheet>',
    )


def billion_laughs(path: Path) -> Path:
    entities = '<!ENTITY l0 "ha">' + "".join(f'<!ENTITY l{k} "{f"&l{k - 1};" * 10}">' for k in range(1, 10))
    sheet = (
        f'<?xml version="1.0"?><!DOCTYPE worksheet [{entities}]>'
        + _SHEET_OPEN.replace(
            "<sheetData>", '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&l9;</t></is></c></row>'
        )
        + _SHEET_CLOSE
    )
    return _xlsx(path, sheet)


def external_dtd(path: Path) -> Path:
    workbook = (
        '<?xml version="1.0"?><!-- ' + "x" * 70_000 + ' --><!DOCTYPE workbook SYSTEM "http://10.0.0.1/x.dtd">'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'
    )
    return _xlsx(path, _SHEET_OPEN + _SHEET_CLOSE, **{"xl/workbook.xml": workbook})


def _deflated(piece: bytes, times: int, wbits: int) -> bytes:
    """`piece` repeated `times`, deflated in the time one piece takes.

    After a full flush the compressor starts afresh, so every repeat compresses to the same bytes. The
    trailing checksum is then wrong, which nothing reaches: the file is refused before that.
    """
    deflater = zlib.compressobj(9, zlib.DEFLATED, wbits)
    first = deflater.compress(piece) + deflater.flush(zlib.Z_FULL_FLUSH)
    again = deflater.compress(piece) + deflater.flush(zlib.Z_FULL_FLUSH)
    return first + again * (times - 2) + deflater.flush()


def huge_docx(path: Path) -> Path:
    """A .docx whose document.xml unpacks to 1.5 GB (its checksum is not computed: it is never reached)."""
    paragraph = b" " * (8 * MB)  # the spaces between two paragraphs, as many as fit
    name = "word/document.xml"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("[Content_Types].xml", _CONTENT_TYPES)
        package.writestr(name, _deflated(paragraph, 190, -15))  # stored, then marked as deflated
    data = bytearray(path.read_bytes())
    for at, method, size in (
        (data.index(name.encode()) - 30, 8, 22),
        (data.rindex(name.encode()) - 46, 10, 24),
    ):
        data[at + method : at + method + 2] = (8).to_bytes(2, "little")
        data[at + size : at + size + 4] = (len(paragraph) * 190).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    return path


def broken_docx(path: Path) -> Path:
    """A .docx whose document.xml does not match its checksum."""
    _package(path, {"[Content_Types].xml": _CONTENT_TYPES, "word/document.xml": "<w:document>" + "甲" * 4000})
    data = bytearray(path.read_bytes())
    at = data.index(b"word/document.xml") + len("word/document.xml") + 40
    data[at : at + 8] = bytes(8)
    path.write_bytes(bytes(data))
    return path


def _pdf(path: Path, page: bytes, content: bytes, pages: int = 1) -> Path:
    """`pages` pages alike, each `page` (a dictionary) showing the one content stream, object 3."""
    kids = b" ".join(b"%d 0 R" % (4 + k) for k in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream",
        *[page] * pages,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def giant_stream_pdf(path: Path) -> Path:
    """A one-page PDF whose content stream inflates to 630 MB."""
    content = _deflated(b"0 0 m\n" * (MB // 6), 630, 15)
    return _pdf(path, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R >>", content)


def no_mediabox_pdf(path: Path) -> Path:
    content = zlib.compress(b"BT /F1 12 Tf 72 712 Td (Hello) Tj ET")
    return _pdf(path, b"<< /Type /Page /Parent 2 0 R /Contents 3 0 R >>", content)


def long_text(path: Path) -> Path:
    """Over the document limit, which the test lowers to 1 MB to keep the file small."""
    path.write_text("第一章 总体要求\n" * 60_000, encoding="utf-8")
    return path


def many_csv_cells(path: Path) -> Path:
    """Over the cell limit, which the test lowers to 10,000."""
    path.write_text("指标,年份,值\n" + "地区生产总值增长,2022,6\n" * 5000, encoding="utf-8")
    return path


# (builder, file name, what the message says, environment); the environment lowers a limit where the
# file would otherwise be large on disk.
DOCUMENTS = {
    "docx-unpacked": (huge_docx, "bomb.docx", "解压后超过 500 MB 的上限", {}),
    "docx-broken": (broken_docx, "broken.docx", "压缩包已损坏", {}),
    "pdf-stream": (giant_stream_pdf, "bomb.pdf", "数据流解压后超过 500 MB 的上限", {}),
    "pdf-no-mediabox": (no_mediabox_pdf, "nobox.pdf", "是损坏的 PDF 文件", {}),
    "text-long": (long_text, "long.txt", "超过 1 MB 的上限", {"PLANWATCH_MAX_DOCUMENT_MB": "1"}),
}
SHEETS = {
    "xlsx-cells": (many_cells, "cells.xlsx", "压缩比超过 100 倍的上限", {}),
    "xlsx-grid": (whole_grid, "grid.xlsx", "单元格超过 2,000,000 个的上限", {}),
    "xlsx-merged": (whole_grid_merged, "merged.xlsx", "单元格超过 2,000,000 个的上限", {}),
    "xlsx-laughs": (billion_laughs, "laughs.xlsx", "含有 DTD 或实体声明", {}),
    "xlsx-dtd": (external_dtd, "dtd.xlsx", "含有 DTD 或实体声明", {}),
    "csv-cells": (
        many_csv_cells,
        "cells.csv",
        "单元格超过 10,000 个的上限",
        {"PLANWATCH_MAX_CELLS": "10000"},
    ),
}


@pytest.fixture(scope="module")
def bombs(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bombs")
    return {key: build(folder / name) for key, (build, name, _, _) in {**DOCUMENTS, **SHEETS}.items()}


def test_every_bomb_is_small_on_disk(bombs):
    assert all(path.stat().st_size < 4 * MB for path in bombs.values())


def run_cli(*args: str, environment: dict[str, str]) -> tuple[int, str, int]:
    """Exit code, stderr and the peak resident memory of one `planwatch` run."""
    with tempfile.TemporaryFile() as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "planwatch", *args],
            stdout=subprocess.DEVNULL,
            stderr=err,
            env={**os.environ, **environment},
        )
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        return process.returncode, err.read().decode(), usage.ru_maxrss * 1024


@pytest.mark.parametrize("key", DOCUMENTS)
def test_ingest_refuses_a_bomb_in_one_line(bombs, key):
    _, name, message, environment = DOCUMENTS[key]
    code, err, peak = run_cli("ingest", str(bombs[key]), environment=environment)
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("planwatch:"), err
    assert name in err and message in err and "未导入" in err, err
    assert peak < PEAK_BYTES


@pytest.mark.parametrize("key", SHEETS)
def test_evaluate_refuses_a_bomb_of_figures_in_one_line(bombs, key, tmp_path):
    _, name, message, environment = SHEETS[key]
    indicators = tmp_path / "indicators.csv"
    indicators.write_text("指标,单位,基期值,目标值\n地区生产总值增长,%,6,6\n", encoding="utf-8")
    code, err, peak = run_cli(
        "evaluate", "--indicators", str(indicators), "--base-year", "2020", "--target-year", "2025",
        "--year", "2022", "--observations", str(bombs[key]), environment=environment,
    )  # fmt: skip
    assert code == 2
    assert err.count("\n") == 1 and name in err and message in err, err
    assert peak < PEAK_BYTES


@pytest.mark.parametrize("key", ["xlsx-cells", "xlsx-grid", "xlsx-laughs"])
def test_an_indicator_table_bomb_is_refused_too(bombs, key):
    with pytest.raises(InputError, match=SHEETS[key][2]):
        read_indicators(bombs[key], 2020, 2025)


def test_every_limit_is_set_from_the_environment(monkeypatch):
    monkeypatch.setenv("PLANWATCH_MAX_PAGES", "3")
    monkeypatch.setenv("PLANWATCH_MAX_SECONDS", "5")
    assert Limits.from_environment() == Limits(pages=3, seconds=5)
    monkeypatch.setenv("PLANWATCH_MAX_CELLS", "many")
    with pytest.raises(InputError, match="PLANWATCH_MAX_CELLS"):
        Limits.from_environment()


def test_a_page_count_over_the_limit_is_refused_before_any_page_is_read(tmp_path, monkeypatch):
    monkeypatch.setenv("PLANWATCH_MAX_PAGES", "1")
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R >>"
    path = _pdf(tmp_path / "pages.pdf", page, zlib.compress(b"BT /F1 12 Tf 72 712 Td (Hello) Tj ET"), pages=2)
    with pytest.raises(InputError, match="超过 1 页的上限"):
        read_document(path)


def test_the_time_limit_stops_a_slow_reading(bombs, monkeypatch):
    ticks = iter(range(0, 10**6, 100))  # each look at the clock, 100 s later
    monkeypatch.setattr(limits, "time", SimpleNamespace(monotonic=ticks.__next__))
    with pytest.raises(InputError, match="读取超过 120 秒的上限"):
        read_observations(bombs["xlsx-grid"], [])


def test_an_ordinary_workbook_is_read_as_before(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["指标", "年份", "值"])
    book.active.append(["地区生产总值增长", 2022, 6.1])
    book.save(tmp_path / "ok.xlsx")
    table = tmp_path / "indicators.csv"
    table.write_text("指标,单位,基期值,目标值\n地区生产总值增长,%,6,6\n", encoding="utf-8")
    indicators = read_indicators(table, 2020, 2025)
    assert [o.value for o in read_observations(tmp_path / "ok.xlsx", indicators)] == [6.1]


# The web: every upload path, as the office and a department use it.


@pytest.fixture
def office(django_user_model):
    return django_user_model.objects.create_user("guihua", password="x" * 12, is_staff=True)


@pytest.fixture
def demo_plan(settings, tmp_path):
    from planwatch.server.demo import load_demo

    settings.MEDIA_ROOT = tmp_path / "media"
    return load_demo()


def _post(client, url: str, field: str, path: Path):
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    with path.open("rb") as file:
        response = client.post(url, {field: file})
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - before
    assert grown < WEB_GROWTH_BYTES
    return response


def _text(response) -> str:
    return response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("key", DOCUMENTS)
def test_the_plan_upload_refuses_a_bomb_with_a_form_error(
    client, office, bombs, key, monkeypatch, settings, tmp_path
):
    _, name, message, environment = DOCUMENTS[key]
    settings.MEDIA_ROOT = tmp_path / "media"
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    client.force_login(office)
    response = _post(client, reverse("plans:upload"), "document", bombs[key])
    assert response.status_code == 200
    assert message in _text(response) and name in _text(response)


@pytest.mark.django_db
@pytest.mark.parametrize("key", SHEETS)
def test_the_figures_import_refuses_a_bomb_on_its_page(client, office, demo_plan, bombs, key, monkeypatch):
    _, _, message, environment = SHEETS[key]
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    client.force_login(office)
    response = _post(client, reverse("monitoring:import", args=[demo_plan.pk]), "file", bombs[key])
    assert response.status_code == 200
    assert message in _text(response)


@pytest.mark.django_db
@pytest.mark.parametrize("key", [k for k in SHEETS if k.startswith("xlsx")])
def test_the_task_import_refuses_a_bomb_on_its_page(client, office, demo_plan, bombs, key):
    client.force_login(office)
    response = _post(client, reverse("tasks:import", args=[demo_plan.pk]), "file", bombs[key])
    assert response.status_code == 200
    assert SHEETS[key][2] in _text(response)


@pytest.mark.django_db
@pytest.mark.parametrize("key", SHEETS)
def test_the_indicator_sheet_of_an_upload_refuses_a_bomb_with_a_form_error(
    client, office, bombs, key, monkeypatch, settings, tmp_path, sample_file
):
    _, name, message, environment = SHEETS[key]
    settings.MEDIA_ROOT = tmp_path / "media"
    client.force_login(office)
    assert _post(client, reverse("plans:upload"), "document", sample_file).status_code == 302
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    response = _post(client, reverse("plans:indicator_sheet"), "sheet", bombs[key])
    assert response.status_code == 200
    assert message in _text(response) and name in _text(response)
