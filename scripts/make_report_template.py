"""Build the Word template of planwatch's reports: src/planwatch/report/templates/report.docx.

The template is what an office restyles in Word, or replaces with its own:
planwatch.report.docx keeps its styles, page setup, header and footer and
replaces its body with the report. The styles follow GB/T 9704 (党政机关公文格式):
A4, 37/35/28/26 mm margins, the title in 方正小标宋简体 二号 (22 pt), the text in
仿宋_GB2312 三号 (16 pt) on a 28 pt line, level-1 headings 黑体 三号, level-2
headings 楷体_GB2312 三号, page numbers as "— 1 —" in the footer, none on the
cover; tables stay 10.5 pt (五号), as a report with wide tables needs.

python-docx sets only the Latin fonts (w:ascii, w:hAnsi); the Chinese font is
the w:eastAsia attribute of w:rFonts, written here, and the theme fonts of the
default styles are removed because they would take precedence. The fonts of
GB/T 9704 are not on every machine: the font table names for each the font
Word takes in its place (w:altName: 仿宋, 楷体, 宋体), which every Chinese
Windows has.

The output is the same bytes on every run, so the committed file changes only
when this script does:

    .venv/bin/python scripts/make_report_template.py [OUTPUT]
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.oxml import serialize_part_xml
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import ParagraphStyle

from planwatch.report.docx import FIGURE, TABLE_TEXT, save

OUTPUT = Path(__file__).resolve().parent.parent / "src" / "planwatch" / "report" / "templates" / "report.docx"
LATIN, LATIN_SANS = "Times New Roman", "Arial"
FANGSONG, HEITI, KAITI, SONGTI = "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体"
XIAOBIAOSONG = "方正小标宋简体"
# The GB/T 9704 fonts and the font Word takes where one is not installed.
ALTERNATIVES = {FANGSONG: "仿宋", KAITI: "楷体", XIAOBIAOSONG: "宋体"}
BODY, LINE = 16, 28  # 三号 text on a fixed 28 pt line: 22 lines a page, as GB/T 9704 sets
BLACK = RGBColor(0, 0, 0)
THEME_FONTS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


def set_fonts(r_pr, east_asia: str, latin: str) -> None:
    """Explicit fonts for Chinese and Latin text, in place of the theme's."""
    fonts = r_pr.get_or_add_rFonts()
    for attribute in THEME_FONTS:
        fonts.attrib.pop(qn(attribute), None)
    for attribute, font in (
        ("w:ascii", latin),
        ("w:hAnsi", latin),
        ("w:cs", latin),
        ("w:eastAsia", east_asia),
    ):
        fonts.set(qn(attribute), font)


def first_line(style: ParagraphStyle, chars: int) -> None:
    """A first-line indent in characters (Word's 首行缩进 2 字符), with its width at the style's size."""
    style.paragraph_format.first_line_indent = Pt(chars * (style.font.size or Pt(12)).pt)
    style.element.get_or_add_pPr().get_or_add_ind().set(qn("w:firstLineChars"), str(chars * 100))


def paragraph_style(
    document: DocumentObject,
    name: str,
    *,
    east_asia: str,
    latin: str = LATIN,
    size: float,
    centred: bool = False,
    before: float = 0,
    after: float = 0,
    line: float | Pt = 1.0,
    keep_with_next: bool = False,
) -> ParagraphStyle:
    """A paragraph style, added where the default template lacks it, set in full."""
    styles = document.styles
    if name in styles:
        style = styles[name]
    else:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        style.quick_style = True
    style.hidden = style.unhide_when_used = False
    set_fonts(style.element.get_or_add_rPr(), east_asia, latin)
    font = style.font
    font.size, font.bold, font.italic, font.color.rgb = Pt(size), False, False, BLACK
    layout = style.paragraph_format
    layout.space_before, layout.space_after, layout.line_spacing = Pt(before), Pt(after), line
    layout.keep_with_next = keep_with_next or None
    if centred:
        layout.alignment = WD_ALIGN_PARAGRAPH.CENTER
        first_line(style, 0)
    p_pr = style.element.get_or_add_pPr()
    for extra in (*p_pr.findall(qn("w:pBdr")), *p_pr.findall(qn("w:numPr"))):
        p_pr.remove(extra)
    return style


def defaults(document: DocumentObject) -> None:
    """Document defaults: the body fonts, Chinese as the East Asian language, no spacing after paragraphs."""
    doc_defaults = document.styles.element.find(qn("w:docDefaults"))
    r_pr = doc_defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(r_pr, FANGSONG, LATIN)
    for size in ("w:sz", "w:szCs"):
        r_pr.find(qn(size)).set(qn("w:val"), str(BODY * 2))
    r_pr.find(qn("w:lang")).set(qn("w:eastAsia"), "zh-CN")
    spacing = doc_defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    for attribute, value in (("w:after", "0"), ("w:line", "240"), ("w:lineRule", "auto")):
        spacing.set(qn(attribute), value)
    theme_lang = document.settings.element.find(qn("w:themeFontLang"))
    theme_lang.set(qn("w:eastAsia"), "zh-CN")


def styles(document: DocumentObject) -> None:
    """仿宋_GB2312 text indented two characters, 黑体 and 楷体_GB2312 headings, a 小标宋 title,
    10.5 pt tables and captions."""
    normal = paragraph_style(document, "Normal", east_asia=FANGSONG, size=BODY, line=Pt(LINE))
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    normal.paragraph_format.widow_control = True
    first_line(normal, 2)
    for name, east_asia, latin in (("Heading 1", HEITI, LATIN_SANS), ("Heading 2", KAITI, LATIN)):
        heading = paragraph_style(
            document, name, east_asia=east_asia, latin=latin, size=BODY, line=Pt(LINE), keep_with_next=True
        )
        first_line(heading, 2)
    paragraph_style(
        document, "Title", east_asia=XIAOBIAOSONG, latin=LATIN, size=22, centred=True, after=24, line=1.25
    )
    paragraph_style(document, "Subtitle", east_asia=KAITI, size=BODY, centred=True, after=6, line=1.25)
    paragraph_style(
        document,
        "Caption",
        east_asia=HEITI,
        latin=LATIN_SANS,
        size=10.5,
        centred=True,
        before=6,
        after=6,
    )
    paragraph_style(
        document, FIGURE, east_asia=FANGSONG, size=10.5, centred=True, before=6, keep_with_next=True
    )
    paragraph_style(document, TABLE_TEXT, east_asia=FANGSONG, size=10.5, centred=True)
    paragraph_style(document, "Header", east_asia=SONGTI, size=10.5, centred=True)
    paragraph_style(document, "Footer", east_asia=SONGTI, size=14, centred=True)


def page(document: DocumentObject) -> None:
    """A4 with the margins of government documents; page numbers from the second page on."""
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    section.header_distance, section.footer_distance = Cm(1.5), Cm(2.5)
    section.different_first_page_header_footer = True
    footer = section.footer.paragraphs[0]
    footer.style = document.styles["Footer"]
    footer.add_run("— ")
    for kind, text in (("begin", ""), ("instr", " PAGE "), ("separate", ""), ("text", "1"), ("end", "")):
        run = footer.add_run(text if kind == "text" else "")
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        elif kind != "text":
            field = OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), kind)
            run._r.append(field)
    footer.add_run(" —")
    section.first_page_footer.paragraphs[0].style = document.styles["Footer"]


def sample_body(document: DocumentObject) -> None:
    """A page showing each style by its name in Chinese Word, for whoever restyles the template."""
    document.add_paragraph("报告标题（样式：标题）", style="Title")
    document.add_paragraph("报告类型、年份、单位、日期（样式：副标题）", style="Subtitle")
    document.add_paragraph("一、一级标题（样式：标题 1）", style="Heading 1")
    document.add_paragraph(
        "正文（样式：正文）。生成报告时，本模板的正文内容被清空，样式、页面设置和页眉页脚保留；"
        "修改样式即可改变报告的版式。",
        style="Normal",
    )
    document.add_paragraph("（一）二级标题（样式：标题 2）", style="Heading 2")
    document.add_paragraph("表1　表格和图的题注（样式：题注）", style="Caption")
    table = document.add_table(rows=2, cols=3, style="Table Grid")
    texts = (("序号", "指标", "数值"), ("1", "表格文字（样式：Table Text）", "6.5"))
    for row, line in zip(table.rows, texts, strict=True):
        for cell, text in zip(row.cells, line, strict=True):
            cell.paragraphs[0].style = document.styles[TABLE_TEXT]
            cell.paragraphs[0].add_run(text)
    document.add_paragraph("（图片所在段落：样式 Figure）", style=FIGURE)


def font_table(document: DocumentObject) -> None:
    """Name, for each GB/T 9704 font, the one Word takes where it is missing, and its script (GB2312)."""
    part = next(rel.target_part for rel in document.part.rels.values() if rel.reltype == RT.FONT_TABLE)
    table = parse_xml(part.blob)
    for name, alternative in ALTERNATIVES.items():
        font = OxmlElement("w:font")
        font.set(qn("w:name"), name)
        for tag, value in (("w:altName", alternative), ("w:charset", "86"), ("w:family", "roman")):
            child = OxmlElement(tag)
            child.set(qn("w:val"), value)
            font.append(child)
        table.append(font)
    part._blob = serialize_part_xml(table)


def drop_extras(document: DocumentObject) -> None:
    """Drop the default template's thumbnail and its stale Word 2010 style copy, which would contradict the styles."""
    package = document.part.package
    for r_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.rels.pop(r_id)
    for r_id, rel in list(document.part.rels.items()):
        if rel.reltype == STYLES_WITH_EFFECTS:
            document.part.rels.pop(r_id)


def build(path: Path) -> None:
    document = Document()
    defaults(document)
    styles(document)
    page(document)
    font_table(document)
    sample_body(document)
    drop_extras(document)
    props = document.core_properties
    props.title, props.subject = "规划实施监测评估报告模板", "planwatch"
    props.author = props.last_modified_by = props.comments = props.keywords = ""
    props.language = "zh-CN"
    props.created = props.modified = dt.datetime(2025, 1, 1)
    props.revision = 1
    path.parent.mkdir(parents=True, exist_ok=True)
    save(document, path)


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUTPUT
    build(out)
    print(out)
