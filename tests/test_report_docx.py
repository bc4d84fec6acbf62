"""The .docx report: the sample plan with its illustrative observations, annual 2024, mid-term 2023 and
final 2025.

Read back with python-docx: title page, Word headings in order (the annual report's four chapters,
the evaluations' five), the main table row for row against the report's content on its landscape
page, charts, drafted paragraphs marked, the completion table (专栏1) of the final evaluation, the
GB/T 9704 styles, a fixed output for a fixed date, and an office's own template.
"""

from __future__ import annotations

import io
import runpy
import zipfile
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.shared import Pt

from planwatch.plan.vocabulary import STATUS_COLOURS
from planwatch.report import write_report
from planwatch.report.content import Report
from planwatch.report.docx import TEMPLATE, _number, write_docx
from planwatch.report.figures import indicator_path
from planwatch.report.layout import (
    COMPLETION_COLUMNS,
    ILLUSTRATIVE,
    UNBROKEN_DRAFT,
    WORD_JOINER,
    planned_text,
    result_text,
)
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
    "2021—{year}年年均",
    "序时进度值",
    "进展情况",
    "尚需年均",
    "预计完成情况",
]


@pytest.fixture(scope="module")
def midterm() -> Report:
    return sample_report("midterm")


@pytest.fixture(scope="module")
def annual() -> Report:
    return sample_report("annual")


@pytest.fixture(scope="module")
def final() -> Report:
    """The final evaluation, with the 2025 figures tests/report_samples.py gives by hand for a few indicators."""
    return sample_report("final")


@pytest.fixture(scope="module")
def written(tmp_path_factory, annual: Report, midterm: Report, final: Report) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("docx")
    paths = {"annual": out / "annual.docx", "midterm": out / "midterm.docx", "final": out / "final.docx"}
    write_docx(annual, paths["annual"])
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
    cover = texts[: texts.index("一、总体评价")]
    assert "报告类型：中期评估报告" in cover
    assert "报告年份：2023年" in cover
    assert midterm.region in cover
    assert "2024年3月1日" in cover
    assert ILLUSTRATIVE in cover


def test_headings_in_order(written, annual: Report, midterm: Report, final: Report):
    behind = [
        ("Heading 2", f"（{n}）{p.name}") for n, p in zip("一二三四五六七八九十", annual.behind, strict=False)
    ]
    assert len(behind) == len(annual.behind) > 0
    assert _headings(_open(written["annual"])) == [
        ("Heading 1", "一、总体情况"),
        ("Heading 1", "二、主要指标监测情况"),
        ("Heading 1", "三、进度滞后指标分析"),
        *behind,
        ("Heading 1", "四、指标序时进度图"),
        ("Heading 1", "附表　监测数据"),
    ]
    categories = [
        ("Heading 2", f"（{n}）{g.category}") for n, g in zip("一二三四", midterm.groups, strict=True)
    ]
    assert _headings(_open(written["midterm"])) == [
        ("Heading 1", "一、总体评价"),
        ("Heading 1", "二、主要指标完成情况"),
        *categories,
        ("Heading 1", "三、重大任务和重大工程推进情况"),
        ("Heading 1", "四、存在的主要问题"),
        ("Heading 1", "五、下一步工作建议"),
        ("Heading 1", "附图　指标序时进度"),
        ("Heading 1", "附表1　主要指标监测情况（2023年）"),
        ("Heading 1", "附表2　监测数据"),
    ]
    headings = _headings(_open(written["final"]))
    assert [t for s, t in headings if s == "Heading 1"][3:5] == [
        "四、存在的主要问题",
        "五、“十五五”时期工作建议",
    ]


def test_lagging_paragraphs_follow_their_headings(written, annual: Report):
    paragraphs = _open(written["annual"]).paragraphs
    for p in annual.behind:
        k = next(
            k for k, q in enumerate(paragraphs) if q.style.name == "Heading 2" and q.text.endswith(p.name)
        )
        assert (paragraphs[k + 1].style.name, paragraphs[k + 1].text) == ("Normal", p.text)


def test_summary_in_body_style(written, annual: Report):
    paragraphs = _open(written["annual"]).paragraphs
    k = next(k for k, p in enumerate(paragraphs) if p.text == "一、总体情况")
    assert [(p.style.name, p.text) for p in paragraphs[k + 1 : k + 1 + len(annual.summary)]] == [
        ("Normal", line) for line in annual.summary
    ]


def test_drafted_paragraphs_are_marked(written, midterm: Report):
    """Every paragraph drafted from the figures ends in a highlighted mark for the office to finish."""
    paragraphs = _open(written["midterm"]).paragraphs
    drafted = [p for p in paragraphs if p.text.endswith(UNBROKEN_DRAFT)]
    texts = [p.text.removesuffix(UNBROKEN_DRAFT) for p in drafted]
    assert "".join(midterm.overall) in texts
    assert all(g.text in texts for g in midterm.groups)
    assert [
        t[t.index("）") + 1 :] for t in texts if t.startswith("（")
    ] == midterm.problems + midterm.suggestions
    assert all(p.runs[-1].font.highlight_color == WD_COLOR_INDEX.YELLOW for p in drafted)


def test_main_table_on_a_landscape_page(written):
    document = _open(written["midterm"])
    assert [s.orientation for s in document.sections] == [
        WD_ORIENT.PORTRAIT,
        WD_ORIENT.LANDSCAPE,
        WD_ORIENT.PORTRAIT,
    ]
    assert not any(s.different_first_page_header_footer for s in document.sections[1:])


def test_the_evaluations_main_table_is_an_appendix_the_body_points_to(written):
    """The body runs on without a page turned for the table: chapter 二's categories follow its pointer,
    chapter 三 follows them, and the landscape section holds 附表1 alone."""
    document = _open(written["midterm"])
    texts = [p.text for p in document.paragraphs]
    pointer = texts.index("各项主要指标的基期值、目标值、2023年实际值和进展情况详见附表1。")
    assert texts[pointer - 1] == "二、主要指标完成情况" and texts[pointer + 1] == "（一）经济发展"
    body = document.element.body
    breaks = [k for k, child in enumerate(body) if child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None]
    landscape = list(body)[breaks[0] + 1 : breaks[1] + 1]
    assert [el.tag.split("}")[1] for el in landscape] == ["p", "tbl", "p", "p"]  # heading, table, note, break
    assert "".join(t.text for t in landscape[0].iter(qn("w:t"))) == "附表1　主要指标监测情况（2023年）"


def test_the_draft_mark_is_never_broken(written):
    """Word joiners around every character: no line ends inside 【待完善】 or before it."""
    paragraphs = [p for p in _open(written["final"]).paragraphs if p.text.endswith(UNBROKEN_DRAFT)]
    assert paragraphs and all(p.runs[-1].text == UNBROKEN_DRAFT for p in paragraphs)
    assert UNBROKEN_DRAFT.split(WORD_JOINER) == ["", *"【待完善】"]


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
            assert cells[6:9] == [_printed(item.actual), _printed(item.average), _printed(item.expected)]
            assert cells[9] == item.status_zh
            assert cells[10] == (item.required or "—")
            assert cells[11] == (item.likelihood_zh or "—")
    assert next(rows, None) is None


def test_status_cells_shaded(written, midterm: Report):
    table = _table_with(_open(written["midterm"]), ["序号", "指标"])
    data = [row for row in table.rows[1:] if len({c.text for c in row.cells}) > 1]
    statuses = [item.status for group in midterm.groups for item in group.rows]
    assert len(data) == len(statuses)
    for row, status in zip(data, statuses, strict=True):
        shading = row.cells[9]._tc.tcPr.find(qn("w:shd"))
        assert shading.get(qn("w:fill")) == STATUS_COLOURS[status].lstrip("#").upper()
        assert row.cells[9]._tc.tcPr.find(qn("w:noWrap")) is not None, "a status word stays on one line"


def test_warning_marked(tmp_path, midterm: Report):
    report = midterm.model_copy(deep=True)
    report.charts = {}
    report.groups[0].rows[0].warning = True
    write_docx(report, tmp_path / "warned.docx")
    table = _table_with(_open(tmp_path / "warned.docx"), ["序号", "指标"])
    assert table.rows[2].cells[9].text == f"{report.groups[0].rows[0].status_zh}\n（预警）"


def test_pictures(written, midterm: Report):
    document = _open(written["midterm"])
    rows = [row for group in midterm.groups for row in group.rows]
    drawn = [row.name for row in rows if indicator_path(row.name, midterm.charts[row.indicator]) is not None]
    assert 0 < len(drawn) < len(midterm.charts)
    assert len(document.inline_shapes) == 1 + len(drawn)
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption" and p.text.startswith("图")]
    assert captions == ["图1　主要指标进展情况"] + [f"图{k}　{name}" for k, name in enumerate(drawn, start=2)]


def test_completion_table_only_in_the_final(written, final: Report):
    columns = list(COMPLETION_COLUMNS)
    assert _table_with(_open(written["midterm"]), columns) is None
    table = _table_with(_open(written["final"]), columns)
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    data = [r for r in rows if len(set(r)) > 1]
    assert [r[0] for r in rows if len(set(r)) == 1] == list(
        dict.fromkeys(c.category for c in final.completion)
    )
    assert len(data) == len(final.completion)
    met = {True: "是", False: "否"}
    for cells, item in zip(data, final.completion, strict=True):
        assert cells == [
            str(item.number),
            item.name,
            item.unit or "—",
            planned_text(item),
            result_text(item),
            met.get(item.met, item.status_zh),
            item.attribute or "—",
        ]
    gdp = data[0]
    assert gdp[3:6] == ["年均增长6.5%", f"年均增长{_printed(final.completion[0].result_growth)}%", "否"]
    patents = next(r for r in data if r[1] == "每万人口发明专利拥有量")
    assert patents[2:] == ["件", "32", _printed(FINAL_YEAR["7"]), "是", "预期性"]


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
    assert fonts == {"Normal": "仿宋_GB2312", "Heading 1": "黑体", "Heading 2": "楷体_GB2312"}
    assert document.styles["Title"].element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    assert document.styles["Title"].font.size == Pt(22)
    assert {document.styles[s].font.size for s in ("Normal", "Heading 1", "Heading 2")} == {Pt(16)}
    assert document.styles["Table Text"].font.size == Pt(10.5)
    with zipfile.ZipFile(TEMPLATE) as z:
        fonts_xml = z.read("word/fontTable.xml").decode()
    assert '<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>' in fonts_xml, (
        "Word's stand-in where missing"
    )
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]
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
    assert any(p.style.name == "Normal" and p.text.startswith(report.overall[0]) for p in document.paragraphs)
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
