"""Many plans read at once: `planwatch ingest DIR` and the upload of several documents, a broken file among them
never stopping the rest."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import docx
import pytest
from django.conf import settings
from typer.testing import CliRunner

from planwatch import bulk
from planwatch.cli import app
from planwatch.ingest.blocks import Paragraph
from planwatch.plan.model import Plan
from planwatch.server.plans.models import Plan as StoredPlan
from tests.built_plans import TITLE, as_html, document
from tests.test_limits import huge_docx

runner = CliRunner(env={"COLUMNS": "240"})
BROKEN_PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer garbage"


def _as_docx(path: Path) -> Path:
    """The built plan as a Word document: a paragraph per block, real tables."""
    out = docx.Document()
    for block in document().blocks:
        if isinstance(block, Paragraph):
            out.add_paragraph(block.text)
            continue
        table = out.add_table(rows=len(block.rows), cols=max(len(r) for r in block.rows))
        for r, row in enumerate(block.rows):
            for c, cell in enumerate(row):
                table.cell(r, c).text = cell.text
    out.save(path)
    return path


@pytest.fixture
def folder(tmp_path: Path, sample_file: Path) -> Path:
    """The sample, a whole plan as .docx, a plan read without chapters (in a subfolder), a broken PDF, a workbook."""
    plans = tmp_path / "plans"
    (plans / "districts").mkdir(parents=True)
    shutil.copy(sample_file, plans / "weidu.txt")
    _as_docx(plans / "qingshan.docx")
    (plans / "districts" / "unstructured.html").write_text(
        as_html(document(contents=False, headings=False)), encoding="utf-8"
    )
    (plans / "broken.pdf").write_bytes(BROKEN_PDF)
    (plans / "figures.xlsx").write_bytes(b"not a plan")
    return plans


def _rows(output: str) -> dict[str, str]:
    """The table's lines by the file they begin with."""
    found = {}
    for line in output.splitlines():
        match = re.match(r"\s*(\S+\.(?:txt|docx|html|pdf))\s", line)
        if match:
            found[match.group(1)] = line
    return found


def test_a_folder_is_read_file_by_file_and_tabled(folder: Path, tmp_path: Path):
    out = tmp_path / "json"
    result = runner.invoke(app, ["ingest", str(folder), "--json-dir", str(out)])
    assert result.exit_code == 1  # some need review or were not read
    rows = _rows(result.stdout)
    assert set(rows) == {"broken.pdf", "districts/unstructured.html", "qingshan.docx", "weidu.txt"}
    assert "读取良好" in rows["weidu.txt"] and "许昌市魏都区" in rows["weidu.txt"]
    assert re.search(r"2021-2025\s+11\s+16\s+高\s+\d+\s+读取良好", rows["weidu.txt"])
    assert re.search(r"青山县\s+2021-2025\s+10\s+6\s+高\s+0\s+读取良好", rows["qingshan.docx"])
    assert re.search(r"\s低\s+\d+\s+需人工核对", rows["districts/unstructured.html"])
    assert "未能读取" in rows["broken.pdf"]
    assert "共 4 份：读取良好 2 份，需人工核对 1 份，未能读取 1 份。" in result.stdout
    # the files skipped and the progress, on stderr: a line a file when not on a terminal
    assert "跳过 figures.xlsx：不是规划文件" in result.stderr
    assert [line.split()[0] for line in result.stderr.splitlines() if line.startswith("[")] == [
        "[1/4]",
        "[2/4]",
        "[3/4]",
        "[4/4]",
    ]
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json"))
    assert written == ["districts/unstructured.html.json", "qingshan.docx.json", "weidu.txt.json"]
    plan = Plan.model_validate_json((out / "qingshan.docx.json").read_bytes())
    assert plan.title == TITLE and plan.format == "docx"


def test_a_bomb_or_a_file_too_big_is_one_row_and_the_rest_are_read(
    tmp_path: Path, sample_file: Path, monkeypatch
):
    monkeypatch.setenv("PLANWATCH_MAX_DOCUMENT_MB", "2")
    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(sample_file, plans / "weidu.txt")
    huge_docx(plans / "bomb.docx")
    (plans / "long.txt").write_text("第一章 总体要求\n" * 120_000, encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(plans)])
    assert result.exit_code == 1
    rows = _rows(result.stdout)
    assert "读取良好" in rows["weidu.txt"]
    assert "未能读取" in rows["bomb.docx"] and "解压后超过 500 MB 的上限" in rows["bomb.docx"]
    assert "未能读取" in rows["long.txt"] and "超过 2 MB 的上限" in rows["long.txt"]


def test_all_read_well_exits_0_and_speaks_english(folder: Path):
    for name in ("broken.pdf", "districts/unstructured.html"):
        (folder / name).unlink()
    result = runner.invoke(app, ["ingest", str(folder), "--lang", "en"])
    assert result.exit_code == 0
    assert "2 files: read well 2, needs review 0, not read 0." in result.stdout
    assert "skipped figures.xlsx: not a plan document" in result.stderr


def test_a_folder_without_plans_or_a_json_flag_is_bad_input(tmp_path: Path, folder: Path):
    (tmp_path / "empty").mkdir()
    result = runner.invoke(app, ["ingest", str(tmp_path / "empty")])
    assert result.exit_code == 1 and "没有找到规划文件" in str(result.exception)
    assert runner.invoke(app, ["ingest", str(folder), "--json"]).exit_code == 2
    assert "0 all read well" in runner.invoke(app, ["ingest", "--help"]).stdout


def test_a_reader_failing_in_a_way_it_does_not_name_is_one_row(monkeypatch, tmp_path: Path):
    def fails(path):
        raise RuntimeError("boom")

    monkeypatch.setattr(bulk, "ingest", fails)
    outcome = bulk.read_one(tmp_path / "any.txt")
    assert outcome.verdict == "failed" and "boom" not in outcome.why()
    assert outcome.why().startswith("读取时出现意外错误") and outcome.why("en").startswith("an unexpected")


# The web upload of several documents ------------------------------------------------------------------------


@pytest.fixture
def office(client, django_user_model, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    user = django_user_model.objects.create_user("fgw", password="x" * 12, is_staff=True)
    client.force_login(user)
    return client


def _upload_all(office, folder: Path, names: list[str], **headers):
    files = [(folder / name).open("rb") for name in names]
    try:
        return office.post("/office/upload/", {"document": files}, follow=True, **headers)
    finally:
        for f in files:
            f.close()


def _kept() -> list[Path]:
    root = Path(settings.MEDIA_ROOT) / "uploads"
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


NAMES = ["weidu.txt", "qingshan.docx", "districts/unstructured.html", "broken.pdf"]


@pytest.mark.django_db
def test_several_documents_are_read_in_turn_and_each_reviewed_and_confirmed(office, folder: Path):
    page = _upload_all(office, folder, NAMES)
    assert page.redirect_chain == [("/office/upload/", 302)]
    rows = {row.name: row for row in page.context["rows"]}
    assert [row.verdict for row in page.context["rows"]] == ["good", "good", "review", "failed"]
    assert (
        rows["broken.pdf"].result == "未能读取"
        and rows["broken.pdf"].reason
        and not rows["broken.pdf"].folder
    )
    html = page.content.decode()
    assert html.count("核对并确认") == 3 and "需人工核对" in html and "未能读取" in html
    assert StoredPlan.objects.count() == 0  # nothing is stored before the office confirms

    # open one plan, then another: the first keeps its place in the table
    assert office.post("/office/upload/", {"review": rows["unstructured.html"].folder}).status_code == 302
    review = office.post("/office/upload/", {"review": rows["qingshan.docx"].folder}, follow=True)
    assert review.redirect_chain == [("/office/upload/review/", 302)]
    assert review.context["name"] == "qingshan.docx"
    stored = office.post("/office/upload/confirm/", follow=True)
    assert stored.redirect_chain == [("/office/upload/", 302)]  # back to the table for the next one
    plan = StoredPlan.objects.get()
    assert plan.title == TITLE
    after = {row.name: row for row in stored.context["rows"]}
    assert after["qingshan.docx"].plan == plan.pk and not after["qingshan.docx"].folder
    assert f'href="/plans/{plan.pk}/"' in stored.content.decode()
    assert after["unstructured.html"].folder  # still waiting for its review

    office.post("/office/upload/", {"review": after["unstructured.html"].folder})
    office.post("/office/upload/confirm/")
    office.post("/office/upload/", {"review": after["weidu.txt"].folder})
    office.post("/office/upload/confirm/")
    assert StoredPlan.objects.count() == 3
    assert _kept() == []  # every upload confirmed, the broken one never kept


@pytest.mark.django_db
def test_a_row_no_longer_kept_says_so(office, folder: Path):
    page = _upload_all(office, folder, NAMES[:2])
    folder_name = page.context["rows"][0].folder
    again = _upload_all(office, folder, NAMES[2:])  # a new batch replaces the first, and its uploads
    assert len(again.context["rows"]) == 2 and len(_kept()) == 1
    gone = office.post("/office/upload/", {"review": folder_name}, follow=True)
    assert "该文件已不在待确认之列" in gone.content.decode()


@pytest.mark.django_db
def test_the_count_of_documents_at_once_has_a_ceiling(office, folder: Path, settings):
    settings.PLAN_UPLOAD_MAX_FILES = 2
    page = _upload_all(office, folder, NAMES[:3])
    assert "一次最多上传 2 份文件，这次选择了 3 份" in page.content.decode()
    assert _kept() == [] and "rows" in page.context and page.context["rows"] == []


@pytest.mark.django_db
def test_the_batch_in_english(office, folder: Path):
    page = _upload_all(office, folder, NAMES, HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert "How this batch read" in html and "read well" in html and "needs review" in html
    assert "Review and confirm" in html and "本批读取结果" not in html
