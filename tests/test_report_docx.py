"""The .docx report: the sample plan with its illustrative observations, mid-term 2023 and final 2025.

Read back with python-docx: title page, Word headings in order, the main table
row for row against the report's content, charts, the completion table of the
final evaluation, a fixed output for a fixed date, and an office's own template.
"""

from __future__ import annotations

import io
import runpy
import zipfile
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from planwatch.plan.vocabulary import STATUS_COLOURS
from planwatch.report import write_report
from planwatch.report.content import Report
from planwatch.report.docx import TEMPLATE, _number, write_docx
from planwatch.report.figures import indicator_path
from planwatch.report.layout import ILLUSTRATIVE
from tests.report_samples import FINAL_YEAR, sample_report

SCRIPT = Path(__file__).parent.parent / "scripts" / "make_report_template.py"
MAIN_HEADER = [
    "序号",
    "指标",
    "单位",
    "属性",
    "基期值",
    "目标值",
    "{year}年",
    "序时进度值",
    "进展情况",
    "尚需年均",
]


@pytest.fixture(scope="module")
def midterm() -> Report:
    return sample_report("midterm")


@pytest.fixture(scope="module")
def final() -> Report:
    """The final evaluation, with the 2025 figures tests/report_samples.py gives by hand for a few indicators."""
    return sample_report("final")


@pytest.fixture(scope="module")
def written(tmp_path_factory, midterm: Report, final: Report) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("docx")
    paths = {"midterm": out / "midterm.docx", "final": out / "final.docx"}
    write_docx(midterm, paths["midterm"])
    write_report(final, "docx", paths["final"])
    return paths


def _open(path: Path) -> Document:
    return docx.Document(str(path))


def _headings(document: Document) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]


def _texts(document: Document) -> list[str]:
    """Every paragraph and every cell, in order."""
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    return texts


def _printed(x: float | None) -> str:
    """A figure as a reader expects it printed, written independently of the writer."""
    return "—" if x is None else f"{round(x, 2):g}"


def _table_with(document: Document, first_cells: list[str]):
    found = [
        t for t in document.tables if [c.text for c in t.rows[0].cells][: len(first_cells)] == first_cells
    ]
    return found[0] if found else None


def test_title_page(written, midterm: Report):
    document = _open(written["midterm"])
    first = document.paragraphs[0]
    assert (first.style.name, first.text) == ("Title", midterm.title)
    assert document.core_properties.title == midterm.title
    texts = [p.text for p in document.paragraphs]
    cover = texts[: texts.index("一、总体情况")]
    assert "报告类型：中期评估报告" in cover
    assert "报告年份：2023年" in cover
    assert midterm.region in cover
    assert "2024年3月1日" in cover
    assert ILLUSTRATIVE in cover


def test_headings_in_order(written, midterm: Report, final: Report):
    behind = [
        ("Heading 2", f"（{n}）{p.name}")
        for n, p in zip("一二三四五六七八九十", midterm.behind, strict=False)
    ]
    assert len(behind) == len(midterm.behind) == 4
    assert _headings(_open(written["midterm"])) == [
        ("Heading 1", "一、总体情况"),
        ("Heading 1", "二、主要指标监测情况"),
        ("Heading 1", "三、进度滞后指标分析"),
        *behind,
        ("Heading 1", "四、指标序时进度图"),
        ("Heading 1", "附表　监测数据"),
    ]
    headings = _headings(_open(written["final"]))
    assert [t for s, t in headings if s == "Heading 1"] == [
        "一、总体情况",
        "二、主要指标监测情况",
        "三、进度滞后指标分析",
        "四、指标序时进度图",
        "五、规划目标完成情况",
        "附表　监测数据",
    ]
    assert [t[t.index("）") + 1 :] for s, t in headings if s == "Heading 2"] == [p.name for p in final.behind]


def test_lagging_paragraphs_follow_their_headings(written, midterm: Report):
    paragraphs = _open(written["midterm"]).paragraphs
    for p in midterm.behind:
        k = next(
            k for k, q in enumerate(paragraphs) if q.style.name == "Heading 2" and q.text.endswith(p.name)
        )
        assert (paragraphs[k + 1].style.name, paragraphs[k + 1].text) == ("Normal", p.text)


def test_summary_in_body_style(written, midterm: Report):
    paragraphs = _open(written["midterm"]).paragraphs
    k = next(k for k, p in enumerate(paragraphs) if p.text == "一、总体情况")
    assert [(p.style.name, p.text) for p in paragraphs[k + 1 : k + 1 + len(midterm.summary)]] == [
        ("Normal", line) for line in midterm.summary
    ]


def test_main_table_row_for_row(written, midterm: Report):
    table = _table_with(_open(written["midterm"]), ["序号", "指标"])
    header = table.rows[0]
    assert [c.text for c in header.cells] == [h.format(year=2023) for h in MAIN_HEADER]
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    rows = iter(table.rows[1:])
    for group in midterm.groups:
        group_row = next(rows)
        assert {c.text for c in group_row.cells} == {group.category}
        assert group_row._tr.trPr.find(qn("w:tblHeader")) is None
        for item in group.rows:
            cells = [c.text for c in next(rows).cells]
            assert cells[:2] == [str(item.number), item.name]
            assert cells[6:8] == [_printed(item.actual), _printed(item.expected)]
            assert cells[8] == item.status_zh
            assert cells[9] == (item.required or "—")
    assert next(rows, None) is None


def test_status_cells_shaded(written, midterm: Report):
    table = _table_with(_open(written["midterm"]), ["序号", "指标"])
    data = [row for row in table.rows[1:] if len({c.text for c in row.cells}) > 1]
    statuses = [item.status for group in midterm.groups for item in group.rows]
    assert len(data) == len(statuses)
    for row, status in zip(data, statuses, strict=True):
        shading = row.cells[8]._tc.tcPr.find(qn("w:shd"))
        assert shading.get(qn("w:fill")) == STATUS_COLOURS[status].lstrip("#").upper()


def test_warning_marked(tmp_path, midterm: Report):
    report = midterm.model_copy(deep=True)
    report.charts = {}
    report.groups[0].rows[0].warning = True
    write_docx(report, tmp_path / "warned.docx")
    table = _table_with(_open(tmp_path / "warned.docx"), ["序号", "指标"])
    assert table.rows[2].cells[8].text == f"{report.groups[0].rows[0].status_zh}（预警）"


def test_pictures(written, midterm: Report):
    document = _open(written["midterm"])
    rows = [row for group in midterm.groups for row in group.rows]
    drawn = [row.name for row in rows if indicator_path(row.name, midterm.charts[row.indicator]) is not None]
    assert 0 < len(drawn) < len(midterm.charts)
    assert len(document.inline_shapes) == 1 + len(drawn)
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption" and p.text.startswith("图")]
    assert captions == ["图1　主要指标进展情况"] + [f"图{k}　{name}" for k, name in enumerate(drawn, start=2)]


def test_completion_table_only_in_the_final(written, final: Report):
    assert _table_with(_open(written["midterm"]), ["序号", "指标名称"]) is None
    table = _table_with(_open(written["final"]), ["序号", "指标名称"])
    top, sub = table.rows[0], table.rows[1]
    assert [c.text for c in top.cells] == [
        "序号",
        "指标名称",
        "规划目标",
        "规划目标",
        "完成情况",
        "完成情况",
        "是否实现",
    ]
    assert [c.text for c in sub.cells][2:6] == ["2025年", "年均增长（%）", "2025年", "年均增长（%）"]
    assert [_span(tc) for tc in top._tr.tc_lst] == [None, None, "2", "2", None]
    assert [_vmerge(tc) for tc in top._tr.tc_lst] == ["restart", "restart", None, None, "restart"]
    assert [_vmerge(tc) for tc in sub._tr.tc_lst] == ["continue", "continue", *[None] * 4, "continue"]
    assert all(row._tr.trPr.find(qn("w:tblHeader")) is not None for row in (top, sub))
    data = table.rows[2:]
    assert len(data) == len(final.completion)
    by_name = {row.name: row for row in final.completion}
    gdp = [c.text for c in data[0].cells]
    assert gdp[1] == "地区生产总值增长（%）"
    assert gdp[3] == "6.5"
    assert gdp[5] == _printed(by_name["地区生产总值增长"].result_growth)
    met = {True: "是", False: "否"}
    for row, item in zip(data, final.completion, strict=True):
        assert row.cells[-1].text == met.get(item.met, item.status_zh)
    patents = next(r for r in data if r.cells[1].text.startswith("每万人口发明专利拥有量"))
    assert [c.text for c in patents.cells][2:] == ["32", "—", _printed(FINAL_YEAR["7"]), "—", "是"]


def _span(tc) -> str | None:
    span = tc.tcPr.find(qn("w:gridSpan"))
    return None if span is None else span.get(qn("w:val"))


def _vmerge(tc) -> str | None:
    merge = tc.tcPr.find(qn("w:vMerge"))
    return None if merge is None else merge.get(qn("w:val"), "continue")


def test_observations_table(written, final: Report):
    table = _table_with(_open(written["final"]), ["序号", "指标", "年份"])
    assert len(table.rows) == 1 + len(final.observations)
    last = final.observations[-1]
    assert [c.text for c in table.rows[-1].cells][1:4] == [last.name, str(last.year), _printed(last.value)]


def test_same_date_same_document(tmp_path, written, midterm: Report):
    again = tmp_path / "again.docx"
    write_docx(midterm, again)
    assert _texts(_open(again)) == _texts(_open(written["midterm"]))
    assert again.read_bytes() == written["midterm"].read_bytes()


def test_packaged_template_styles():
    document = _open(TEMPLATE)
    fonts = {
        name: document.styles[name].element.rPr.rFonts.get(qn("w:eastAsia"))
        for name in ("Normal", "Heading 1", "Heading 2")
    }
    assert fonts == {"Normal": "仿宋", "Heading 1": "黑体", "Heading 2": "黑体"}
    assert document.styles["Normal"].font.size == Pt(12)
    assert document.styles["Table Text"].font.size == Pt(10.5)
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert section.different_first_page_header_footer


def test_template_built_by_its_script(tmp_path):
    rebuilt = tmp_path / "report.docx"
    runpy.run_path(str(SCRIPT))["build"](rebuilt)
    assert rebuilt.read_bytes() == TEMPLATE.read_bytes(), "run scripts/make_report_template.py"


def _office_template(path: Path) -> None:
    """A template as an office might hand in: its own body font and header, and only the styles it used."""
    document = docx.Document()
    for unused in ("Heading 2", "Caption"):
        element = document.styles[unused].element
        element.getparent().remove(element)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "Arial", Pt(11)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    document.sections[0].header.paragraphs[0].text = "魏都区发展和改革委员会"
    document.add_paragraph("这段模板正文不会出现在报告里。")
    document.save(str(path))


def _as_dotx(source: Path, target: Path) -> None:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            zout.writestr(item, data)


@pytest.mark.parametrize("suffix", [".docx", ".dotx"])
def test_office_template(tmp_path, midterm: Report, suffix: str):
    template = tmp_path / "office.docx"
    _office_template(template)
    if suffix == ".dotx":
        _as_dotx(template, tmp_path / "office.dotx")
        template = tmp_path / "office.dotx"
    report = midterm.model_copy(update={"charts": {}})
    write_docx(report, tmp_path / "out.docx", template=template)
    document = _open(tmp_path / "out.docx")
    normal = document.styles["Normal"]
    assert (normal.font.name, normal.font.size) == ("Arial", Pt(11))
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == "宋体"
    assert document.sections[0].header.paragraphs[0].text == "魏都区发展和改革委员会"
    assert document.sections[0].page_width == docx.Document().sections[0].page_width
    assert "这段模板正文不会出现在报告里。" not in _texts(document)
    assert {s for s, _ in _headings(document)} == {"Heading 1", "Heading 2"}
    outline = document.styles["Heading 2"].element.pPr.find(qn("w:outlineLvl"))
    assert outline.get(qn("w:val")) == "1", "the navigation pane lists the added heading style"
    assert {"Caption", "Figure", "Table Text"} <= {s.name for s in document.styles}
    assert any(p.style.name == "Normal" and p.text == report.summary[0] for p in document.paragraphs)
    assert _table_with(document, ["序号", "指标"]) is not None
    with zipfile.ZipFile(tmp_path / "out.docx") as z:
        assert b"template.main+xml" not in z.read("[Content_Types].xml"), "Word opens a .docx, not a template"


def test_numbers():
    """Figures as the other forms print them; no figure is the printed dash."""
    assert [_number(x) for x in (None, 2.0, 2.50, 30.356, 1234.5)] == ["—", "2", "2.5", "30.36", "1,234.5"]


def test_zip_is_a_valid_package(written):
    with zipfile.ZipFile(io.BytesIO(written["final"].read_bytes())) as z:
        assert z.testzip() is None
        assert "word/document.xml" in z.namelist()
