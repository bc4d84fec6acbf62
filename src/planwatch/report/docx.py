"""The report as a Word document, written on a template an office can replace with its own.

The template brings the styles, page setup, headers and footers; its body is
cleared and the report written in Word's own styles: 标题 1/2 (Heading 1/2)
for the headings, so the navigation pane lists them, 正文 (Normal) for the
text, 题注 (Caption) for figure and table titles. Styles a template lacks are
added with plain defaults, so any .docx or .dotx an office saves will do.

The annual report stays short: 总体情况, the main table, the indicators behind,
the charts. The mid-term and final evaluations follow the structure offices hand
in (layout.evaluation_chapters), their drafted paragraphs marked 【待完善】 in
yellow for the office to finish. The main table, eleven columns wide, is set on
landscape pages, so that a status word or a short unit never wraps: in an
evaluation as 附表1 after the chapters, which point to it, so that no page of the
body is left part empty by the turn; the final's completion table (专栏1) is
portrait, in the body, as the next plan will print it.

The same report gives the same bytes: the document's dates are the report's
date and the package is zipped with fixed timestamps.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.table import Table, _Cell, _Row

from planwatch.plan.vocabulary import STATUS_COLOURS, figure_text
from planwatch.report.content import Report, project_summary, task_summary
from planwatch.report.figures import MISSING_FONT, cjk_family, indicator_path, status_overview
from planwatch.report.layout import (
    APPENDIX_SPACE,
    CHART_NOTE,
    COMPLETION_COLUMNS,
    COMPLETION_NOTE,
    DRAFT_NOTE,
    EMPTY,
    ILLUSTRATIVE,
    MAIN_APPENDIX,
    MAIN_NOTE,
    NO_TASKS,
    OBSERVATION_APPENDIX,
    PROJECT_COLUMNS,
    PROJECTS_TITLE,
    TASK_COLUMNS,
    TASKS_TITLE,
    UNBROKEN_DRAFT,
    actual_heads,
    chinese_number,
    completion_title,
    due_text,
    evaluation_chapters,
    main_table_pointer,
    main_table_title,
    met_text,
    planned_text,
    project_cells,
    result_text,
    task_status_text,
)
from planwatch.report.palette import GROUP, ink

TEMPLATE = Path(str(resources.files("planwatch") / "report" / "templates" / "report.docx"))
FIGURE = "Figure"  # a paragraph holding a chart: centred, kept with its caption
TABLE_TEXT = "Table Text"  # the text of table cells, smaller than the body
CELL_MARGIN = "57"  # twentieths of a point: 1 mm either side, so that ten columns fit a portrait page
# The main table's columns and their widths in cm on a landscape page; {year} and {average} are the two
# actuals of a growth target (actual_heads). 进展情况 holds 基本符合预期 on one line, 预计完成情况
# 预计难以完成.
MAIN_COLUMNS = (
    ("序号", 1.0),
    ("指标", 3.9),
    ("单位", 1.5),
    ("属性", 1.5),
    ("基期值", 2.1),
    ("目标值", 2.6),
    ("{year}", 1.4),
    ("{average}", 1.8),
    ("序时进度值", 1.5),
    ("进展情况", 2.6),
    ("尚需年均", 1.9),
    ("预计完成情况", 2.5),
)
STATUS_COLUMN = 9
# The completion table's widths in cm, to fit a portrait page (COMPLETION_COLUMNS).
COMPLETION_WIDTHS = (1.0, 3.8, 1.5, 3.0, 3.0, 1.8, 1.5)
SHORT = 4  # a unit of up to this many characters (%, 万元, 个百分点) is kept on one line
DOCX_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOTX_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"


def write_docx(report: Report, path: Path, template: Path | None = None) -> None:
    """Write `report` as a .docx on `template` (default: the one shipped with planwatch)."""
    document = _open(template or TEMPLATE)
    _clear(document)
    _ensure_styles(document)
    _Writer(document, report).write()
    when = dt.datetime.combine(report.date, dt.time())
    props = document.core_properties
    props.title, props.subject = report.title, report.kind_zh
    props.created = props.modified = when
    props.revision = 1
    save(document, path)


def save(document: Document, path: Path) -> None:
    """Save with fixed timestamps in the zip, so that equal documents are equal files."""
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w") as out:
        for item in source.infolist():
            fixed = zipfile.ZipInfo(item.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(fixed, source.read(item))


def _open(template: Path) -> Document:
    """The template as a document; a Word template (.dotx) is opened as the document it starts."""
    data = template.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        types = source.read("[Content_Types].xml")
        if DOTX_MAIN in types:
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
                for item in source.infolist():
                    content = source.read(item)
                    out.writestr(
                        item,
                        content.replace(DOTX_MAIN, DOCX_MAIN)
                        if item.filename == "[Content_Types].xml"
                        else content,
                    )
            data = buffer.getvalue()
    return docx.Document(io.BytesIO(data))


def _clear(document: Document) -> None:
    """Remove the template's body, keeping the last section's properties (page setup, header, footer)."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _ensure_styles(document: Document) -> None:
    """Add, with plain defaults, the styles the report uses that the template lacks."""
    styles = document.styles

    def add(name: str, *, size: float, bold: bool = False, centred: bool = True) -> ParagraphStyle | None:
        if name in styles:
            return None
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        style.quick_style = True
        style.font.size, style.font.bold = Pt(size), bold
        if centred:
            style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _no_first_line(style.paragraph_format)
        return style

    for level, (name, size) in enumerate((("Heading 1", 16), ("Heading 2", 14))):
        style = add(name, size=size, bold=True, centred=False)
        if style is not None:
            style.next_paragraph_style = styles["Normal"]
            style.paragraph_format.keep_with_next = True
            outline = OxmlElement("w:outlineLvl")
            outline.set(qn("w:val"), str(level))
            style.element.get_or_add_pPr().insert_element_before(
                outline, "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange"
            )
    add("Title", size=22, bold=True)
    add("Subtitle", size=16)
    add("Caption", size=10.5, bold=True)
    figure = add(FIGURE, size=10.5)
    if figure is not None:
        figure.paragraph_format.keep_with_next = True
    table_text = add(TABLE_TEXT, size=10.5)
    if table_text is not None:
        table_text.paragraph_format.line_spacing = 1
        table_text.paragraph_format.space_before = table_text.paragraph_format.space_after = Pt(0)
    if "Table Grid" not in styles:
        grid = styles.add_style("Table Grid", WD_STYLE_TYPE.TABLE)
        borders = OxmlElement("w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            border = OxmlElement(f"w:{side}")
            for key, value in (("val", "single"), ("sz", "4"), ("space", "0"), ("color", "auto")):
                border.set(qn(f"w:{key}"), value)
            borders.append(border)
        grid.element.get_or_add_tblPr().append(borders)


def _no_first_line(paragraph_format) -> None:
    """No first-line indent, also where the base style indents by characters (firstLineChars)."""
    paragraph_format.first_line_indent = Pt(0)
    paragraph_format._element.get_or_add_pPr().get_or_add_ind().set(qn("w:firstLineChars"), "0")


def _number(x: float | None) -> str:
    return figure_text(x, EMPTY)


def _text(s: str) -> str:
    return s or EMPTY


def _date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


class _Writer:
    """Writes the report's parts in order, numbering headings, figures and tables as it goes."""

    def __init__(self, document: Document, report: Report) -> None:
        self.doc, self.report = document, report
        self.chapters = self.figures = self.tables = 0
        self.columns: list[Emu] = []  # the widths of the table being written

    @property
    def width(self) -> Emu:
        """The text width of the page being written."""
        section = self.doc.sections[-1]
        margins = (section.left_margin or 0) + (section.right_margin or 0)
        return Emu((section.page_width or Cm(21)) - margins)

    def write(self) -> None:
        self.cover()
        if self.report.kind == "annual":
            self.annual()
            self.doc.add_paragraph(f"附表{APPENDIX_SPACE}监测数据", style="Heading 1")
        else:
            self.evaluation()
            self.doc.add_paragraph(f"{OBSERVATION_APPENDIX}{APPENDIX_SPACE}监测数据", style="Heading 1")
        self.observation_table()

    def annual(self) -> None:
        """The annual report: the standing, the main table, the indicators behind, the charts, the tasks."""
        r = self.report
        self.chapter("总体情况", page_break=True)
        for line in r.summary:
            self.doc.add_paragraph(line, style="Normal")
        self.overview()
        with self.landscape():
            self.chapter("主要指标监测情况")
            self.main_table()
        self.chapter("进度滞后指标分析")
        for k, paragraph in enumerate(r.behind, start=1):
            self.doc.add_paragraph(f"（{chinese_number(k)}）{paragraph.name}", style="Heading 2")
            self.doc.add_paragraph(paragraph.text, style="Normal")
        if not r.behind:
            self.doc.add_paragraph(f"截至{r.year}年，没有进度滞后的指标。", style="Normal")
        self.chapter("指标序时进度图")
        self.charts()
        if r.tasks:
            self.chapter(TASKS_TITLE)
            for line in task_summary(r):
                self.doc.add_paragraph(line, style="Normal")
            self.task_table()

    def evaluation(self) -> None:
        """The mid-term or final evaluation in the five chapters offices hand in, then the charts."""
        r = self.report
        overall, indicators, tasks, problems, advice = evaluation_chapters(r)
        self.chapter(overall, page_break=True)
        self.note(DRAFT_NOTE, highlight=True)
        self.draft("".join(r.overall))
        self.overview()
        self.chapter(indicators)
        if r.kind == "final":
            self.completion_table()
        self.doc.add_paragraph(main_table_pointer(r), style="Normal")
        for k, group in enumerate(r.groups, start=1):
            self.doc.add_paragraph(f"（{chinese_number(k)}）{group.category}", style="Heading 2")
            self.draft(group.text)
        self.chapter(tasks)
        for line in task_summary(r) + project_summary(r) or [NO_TASKS]:
            self.draft(line)
        if r.tasks:
            self.task_table()
        if r.projects:
            self.project_table()
        for title, lines in ((problems, r.problems), (advice, r.suggestions)):
            self.chapter(title)
            for k, line in enumerate(lines, start=1):
                self.draft(line, f"（{chinese_number(k)}）")
        self.doc.add_paragraph(f"附图{APPENDIX_SPACE}指标序时进度", style="Heading 1")
        self.charts()
        # The eleven-column table on landscape pages of its own as an appendix: in the body a turn of the
        # page would leave the page before it part empty.
        with self.landscape():
            title = f"{MAIN_APPENDIX}{APPENDIX_SPACE}{main_table_title(r)}"
            self.doc.add_paragraph(title, style="Heading 1")
            self.main_table(captioned=False)

    def draft(self, text: str, prefix: str = "") -> None:
        """A paragraph drafted from the figures, marked for the office to finish (the mark never broken)."""
        paragraph = self.doc.add_paragraph(prefix + text, style="Normal")
        paragraph.add_run(UNBROKEN_DRAFT).font.highlight_color = WD_COLOR_INDEX.YELLOW

    @contextmanager
    def landscape(self) -> Iterator[None]:
        """What is written inside on landscape pages of their own, then portrait again."""
        self.section(landscape=True)
        yield
        self.section(landscape=False)

    def section(self, *, landscape: bool) -> None:
        """A new section on a new page, turned as asked, numbered on from the last (no cover page)."""
        before = self.doc.sections[-1]
        narrow, tall = sorted((before.page_width or Cm(21), before.page_height or Cm(29.7)))
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (tall, narrow) if landscape else (narrow, tall)
        section.different_first_page_header_footer = False

    def cover(self) -> None:
        r = self.report
        title = self.doc.add_paragraph(r.title, style="Title")
        title.paragraph_format.space_before = Pt(96)
        lines = [f"报告类型：{r.kind_zh}", f"报告年份：{r.year}年", f"规划期：{r.period[0]}—{r.period[1]}年"]
        for line in lines:
            self.doc.add_paragraph(line, style="Subtitle")
        issuer = self.doc.add_paragraph(r.region or EMPTY, style="Subtitle")
        issuer.paragraph_format.space_before = Pt(120)
        self.doc.add_paragraph(_date(r.date), style="Subtitle")
        if r.illustrative:
            notice = self.doc.add_paragraph(style="Subtitle")
            notice.add_run(ILLUSTRATIVE).bold = True
            notice.paragraph_format.space_before = Pt(24)

    def chapter(self, title: str, *, page_break: bool = False) -> None:
        self.chapters += 1
        heading = self.doc.add_paragraph(f"{chinese_number(self.chapters)}、{title}", style="Heading 1")
        heading.paragraph_format.page_break_before = page_break or None

    def table_title(self, title: str) -> None:
        """A numbered table title (above its table, so kept with it)."""
        self.tables += 1
        caption = self.doc.add_paragraph(f"表{self.tables}　{title}", style="Caption")
        caption.paragraph_format.keep_with_next = True

    def overview(self) -> None:
        """The status overview chart, or the sentence saying why a machine without a Chinese font drew none."""
        png = status_overview(self.report.counts, f"{self.report.year}年主要指标进展情况")
        if png is None:
            self.note(MISSING_FONT)
        else:
            self.figure(png, "主要指标进展情况")

    def figure(self, png: bytes, caption: str) -> None:
        self.figures += 1
        holder = self.doc.add_paragraph(style=FIGURE)
        holder.add_run().add_picture(io.BytesIO(png), width=Emu(int(self.width * 0.92)))
        self.doc.add_paragraph(f"图{self.figures}　{caption}", style="Caption")

    def charts(self) -> None:
        """Each indicator's path chart in the main table's order; those without a path listed after."""
        if cjk_family() is None:
            self.doc.add_paragraph(MISSING_FONT, style="Normal")
            return
        drawn: list[tuple[str, bytes]] = []
        undrawn: list[str] = []
        for group in self.report.groups:
            for row in group.rows:
                chart = self.report.charts.get(row.indicator)
                png = indicator_path(row.name, chart) if chart is not None else None
                if png is None:
                    undrawn.append(row.name)
                else:
                    drawn.append((row.name, png))
        if not drawn:
            self.doc.add_paragraph("没有可绘制序时进度的指标。", style="Normal")
            return
        self.doc.add_paragraph(CHART_NOTE, style="Normal")
        for name, png in drawn:
            self.figure(png, name)
        if undrawn:
            self.note(f"注：{'、'.join(undrawn)}没有可绘制的序时进度路径，未绘图。")

    def table(self, header_rows: int, widths: list[float]) -> Table:
        """A grid table filling the text width, its header rows repeated on each page."""
        table = self.doc.add_table(rows=header_rows, cols=len(widths), style="Table Grid")
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        _narrow_margins(table)
        scale = self.width / sum(widths)
        self.columns = [Emu(int(w * scale)) for w in widths]
        for column, width in zip(table.columns, self.columns, strict=True):
            column.width = width
        for row in table.rows:
            self.fit(row)
            _row_flags(row, "w:cantSplit", "w:tblHeader")
            _keep_with_next(row)
        return table

    def fit(self, row: _Row) -> None:
        for cell, width in zip(row.cells, self.columns, strict=True):
            cell.width = width

    def add_row(self, table: Table, cells: list[str]) -> _Row:
        row = table.add_row()
        self.fit(row)
        _row_flags(row, "w:cantSplit")
        for cell, text in zip(row.cells, cells, strict=True):
            _write(cell, text)
        return row

    def main_table(self, *, captioned: bool = True) -> None:
        r = self.report
        if captioned:
            self.table_title(main_table_title(r))
        table = self.table(1, [w for _, w in MAIN_COLUMNS])
        year, average = actual_heads(r)
        for cell, (name, _) in zip(table.rows[0].cells, MAIN_COLUMNS, strict=True):
            _write(cell, name.format(year=year, average=average), bold=True)
        for group in r.groups:
            row = self.add_row(table, [""] * len(MAIN_COLUMNS))
            merged = row.cells[0].merge(row.cells[-1])
            _write(merged, group.category, bold=True, centred=False)
            _keep_with_next(row)
            _shade(merged, GROUP)
            for item in group.rows:
                row = self.add_row(
                    table,
                    [
                        str(item.number),
                        item.name,
                        _text(item.unit),
                        _text(item.attribute),
                        _text(item.baseline),
                        _text(item.target),
                        _number(item.actual),
                        _number(item.average),
                        _number(item.expected),
                        "",
                        _text(item.required),
                        _text(item.likelihood_zh),
                    ],
                )
                _align_left(row.cells[1])
                status = row.cells[STATUS_COLUMN]
                fill = STATUS_COLOURS[item.status]
                _write(status, _status_text(item.status_zh, item.warning), bold=True, colour=ink(fill))
                _shade(status, fill)
                short = [row.cells[2]] if len(item.unit) <= SHORT else []
                _no_wrap(row.cells[0], row.cells[3], status, row.cells[-1], *short)
        self.note(MAIN_NOTE)

    def completion_table(self) -> None:
        """专栏1: target against result for each indicator by category, to paste into the next plan."""
        r = self.report
        self.table_title(completion_title(r))
        table = self.table(1, list(COMPLETION_WIDTHS))
        for cell, name in zip(table.rows[0].cells, COMPLETION_COLUMNS, strict=True):
            _write(cell, name, bold=True)
        category = None
        for item in r.completion:
            if item.category != category:
                category = item.category
                row = self.add_row(table, [""] * len(COMPLETION_COLUMNS))
                merged = row.cells[0].merge(row.cells[-1])
                _write(merged, category, bold=True, centred=False)
                _keep_with_next(row)
            cells = self.add_row(
                table,
                [
                    str(item.number),
                    item.name,
                    _text(item.unit),
                    planned_text(item),
                    result_text(item),
                    met_text(item),
                    _text(item.attribute),
                ],
            ).cells
            _align_left(cells[1])
            _no_wrap(cells[0], cells[5], cells[6], *([cells[2]] if len(item.unit) <= SHORT else []))
        self.note(COMPLETION_NOTE)

    def task_table(self) -> None:
        """The tasks in the plan's order, overdue ones marked in the lagging colour."""
        self.table_title(TASKS_TITLE)
        table = self.table(1, [0.9, 3.4, 2.0, 1.8, 2.2, 1.8, 1.6, 3.4])
        for cell, name in zip(table.rows[0].cells, TASK_COLUMNS, strict=True):
            _write(cell, name, bold=True)
        for t in self.report.tasks:
            cells = self.add_row(
                table,
                [
                    str(t.number),
                    t.title,
                    _text(t.chapter),
                    _text(t.lead),
                    _text(t.supporting),
                    _text(due_text(t.due)),
                    "",
                    _text(t.latest),
                ],
            ).cells
            for k in (1, 7):
                _align_left(cells[k])
            colour = STATUS_COLOURS["severely_lagging"] if t.overdue else ""
            _write(cells[6], task_status_text(t), bold=t.overdue, colour=colour)

    def project_table(self) -> None:
        """The boxes' projects with what the plan says of each and the progress reported, 未报送 where none is."""
        self.table_title(PROJECTS_TITLE)
        table = self.table(1, [0.9, 1.5, 3.2, 4.0, 1.8, 2.6, 3.0])
        for cell, name in zip(table.rows[0].cells, PROJECT_COLUMNS, strict=True):
            _write(cell, name, bold=True)
        for k, line in enumerate(self.report.projects, start=1):
            cells = self.add_row(table, [_text(text) for text in project_cells(k, line)]).cells
            for cell in (cells[2], cells[3], cells[6]):
                _align_left(cell)
            _no_wrap(cells[0], cells[1])

    def observation_table(self) -> None:
        table = self.table(1, [0.9, 4.0, 1.1, 1.3, 4.6, 2.2])
        for cell, name in zip(
            table.rows[0].cells, ("序号", "指标", "年份", "数值", "来源", "备注"), strict=True
        ):
            _write(cell, name, bold=True)
        for k, o in enumerate(self.report.observations, start=1):
            cells = self.add_row(
                table, [str(k), o.name, str(o.year), _number(o.value), _text(o.source), _text(o.note)]
            ).cells
            _align_left(cells[1])
        if not self.report.observations:
            self.note("尚无监测数据。")

    def note(self, text: str, *, highlight: bool = False) -> None:
        note = self.doc.add_paragraph(style=TABLE_TEXT)
        note.alignment = WD_ALIGN_PARAGRAPH.LEFT
        run = note.add_run(text)
        if highlight:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _status_text(status_zh: str, warning: bool) -> str:
    """The status as the main table prints it, with 预警 on a line of its own where a binding indicator warns."""
    return f"{status_zh}\n（预警）" if warning else status_zh


def _no_wrap(*cells: _Cell) -> None:
    """Keep a status word, an attribute or a short unit on one line (the column is sized for it)."""
    for cell in cells:
        cell._tc.get_or_add_tcPr().insert_element_before(
            OxmlElement("w:noWrap"), "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark"
        )


def _write(cell: _Cell, text: str, *, bold: bool = False, centred: bool = True, colour: str = "") -> None:
    """Replace a cell's text with one run in the table text style."""
    paragraph = cell.paragraphs[0]
    for extra in cell.paragraphs[1:]:
        extra._element.getparent().remove(extra._element)
    paragraph.clear()
    paragraph.style = TABLE_TEXT
    if not centred:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    run = paragraph.add_run(text)
    run.bold = bold or None
    if colour:
        run.font.color.rgb = RGBColor.from_string(colour.lstrip("#").upper())
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def _align_left(cell: _Cell) -> None:
    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT


def _shade(cell: _Cell, fill: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill.lstrip("#").upper())
    cell._tc.get_or_add_tcPr().insert_element_before(
        shd, "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark"
    )


def _keep_with_next(row: _Row) -> None:
    """Keep a header or group row on the page of the row below it."""
    for cell in row.cells:
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = True


def _narrow_margins(table: Table) -> None:
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), CELL_MARGIN)
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table._tbl.tblPr.insert_element_before(
        margins, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange"
    )


def _row_flags(row: _Row, *flags: str) -> None:
    """Row properties without an API in python-docx: cantSplit, tblHeader (repeat on each page)."""
    tr_pr = row._tr.get_or_add_trPr()
    for flag in flags:
        tr_pr.append(OxmlElement(flag))
