"""The PDF reader: Chinese text back from a CID font, paragraphs, ruled tables with spans, pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen import canvas
from reportlab.platypus import PageBreak, SimpleDocTemplate, Spacer
from reportlab.platypus import Paragraph as PdfParagraph

from planwatch.ingest import ingest
from planwatch.ingest.blocks import ImageBlock, Paragraph, TableBlock
from planwatch.ingest.readers import pdf as pdf_reader
from tests.documents import INDICATOR_GRID, INDICATOR_ROWS, pdf_table, read_error, register_cjk_font

TASK = "坚持把发展经济着力点放在实体经济上,加快推进制造业转型升级,提升产业基础高级化和产业链现代化水平。"
GOAL = "到2025年,地区生产总值年均增长6.5%。"
NOTE = "注:1.地区生产总值年均增速为扣除价格因素的实际增长速度。"


def _styles() -> tuple[ParagraphStyle, ParagraphStyle]:
    font = register_cjk_font()
    heading = ParagraphStyle("heading", fontName=font, fontSize=16, leading=24, alignment=1)
    body = ParagraphStyle("body", fontName=font, fontSize=12, leading=18, firstLineIndent=24, wordWrap="CJK")
    return heading, body


def _page_number(c: canvas.Canvas, doc: SimpleDocTemplate) -> None:
    c.setFont(register_cjk_font(), 9)
    c.drawCentredString(A4[0] / 2, 30, f"- {doc.page} -")


@pytest.fixture(scope="module")
def plan_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Page 1: heading, two paragraphs, the table, a note. Page 2-3: one paragraph across the page turn."""
    heading, body = _styles()
    path = tmp_path_factory.mktemp("pdf") / "plan.pdf"
    document = SimpleDocTemplate(str(path), pagesize=A4)
    story = [
        PdfParagraph("第一章 发展目标", heading),
        PdfParagraph(TASK * 3, body),
        PdfParagraph(GOAL, body),
        pdf_table(INDICATOR_ROWS),
        PdfParagraph(NOTE, body),
        PageBreak(),
        Spacer(1, document.height - 4 * 18),  # room for two lines: the next paragraph runs onto page 3
        PdfParagraph(TASK * 6, body),
    ]
    document.build(story, onFirstPage=_page_number, onLaterPages=_page_number)
    return path


def test_chinese_text_comes_back_in_paragraphs(plan_pdf: Path) -> None:
    doc = pdf_reader.read(plan_pdf)
    assert doc.format == "pdf"
    assert doc.source == str(plan_pdf)
    assert doc.notes == []
    kinds = [(type(b).__name__, b.text if isinstance(b, Paragraph) else None, b.page) for b in doc.blocks]
    assert kinds == [
        ("Paragraph", "第一章 发展目标", 1),
        ("Paragraph", TASK * 3, 1),
        ("Paragraph", GOAL, 1),
        ("TableBlock", None, 1),
        ("Paragraph", NOTE, 1),
        # Joined across the page turn; the page numbers at the foot of the pages are gone.
        ("Paragraph", TASK * 6, 2),
    ]
    assert all(b.heading_level is None for b in doc.blocks if isinstance(b, Paragraph))


def test_ruled_table_keeps_merged_cells_once(plan_pdf: Path) -> None:
    (table,) = [b for b in pdf_reader.read(plan_pdf).blocks if isinstance(b, TableBlock)]
    assert table.rows == INDICATOR_ROWS
    assert [[slot.text for slot in line] for line in table.grid()] == INDICATOR_GRID
    assert table.rows[4][1].text == "全员劳动生产率增长\n(元/人,2020年价格)"


def test_table_text_is_not_repeated_in_paragraphs(plan_pdf: Path) -> None:
    paragraphs = " ".join(b.text for b in pdf_reader.read(plan_pdf).blocks if isinstance(b, Paragraph))
    assert "地区生产总值增长(%)" not in paragraphs
    assert "预期性" not in paragraphs


def test_a_single_ruled_box_is_text_not_a_table(tmp_path: Path) -> None:
    path = tmp_path / "box.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(register_cjk_font(), 12)
    c.rect(60, 600, 400, 80)
    c.drawString(72, 660, "专栏1 重大创新平台")
    c.drawString(72, 640, "建成科技成果交易转化中心。")
    c.save()
    assert [(type(b).__name__, b.text) for b in pdf_reader.read(path).blocks] == [
        ("Paragraph", "专栏1 重大创新平台"),
        ("Paragraph", "建成科技成果交易转化中心。"),
    ]


def test_paragraph_rules(tmp_path: Path) -> None:
    """Each new paragraph below is started by one rule alone: short line, gap, indent, font size."""
    path = tmp_path / "rules.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    font = register_cjk_font()
    full, size = 35, 12  # 35 characters of 12 pt fill the line from x=72 to x=492
    lines = [
        ("甲" * full, 72, 760, size),
        ("甲" * 10, 72, 742, size),  # stops short: A ends
        ("乙" * full, 72, 724, size),
        ("乙" * full, 72, 706, size),
        ("丙" * full, 72, 670, size),  # a blank line above: C starts
        ("丙" * full, 72, 652, size),
        ("丁" * (full - 2), 96, 634, size),  # indented: D starts
        ("丁" * full, 72, 616, size),
        ("戊" * 30, 72, 596, 14),  # larger type, same width: E starts
    ]
    for text, x, y, points in lines:
        c.setFont(font, points)
        c.drawString(x, y, text)
    c.save()
    texts = [b.text for b in pdf_reader.read(path).blocks]
    assert texts == ["甲" * 45, "乙" * 70, "丙" * 70, "丁" * 68, "戊" * 30]


def _scanned(path: Path, text_on_page: int | None = None) -> Path:
    c = canvas.Canvas(str(path), pagesize=A4)
    for page in (1, 2):
        if page == text_on_page:
            c.setFont(register_cjk_font(), 12)
            c.drawString(72, 700, "第一章 总体要求")
        else:
            c.rect(72, 72, 400, 600, fill=1)  # a page image stands for the scan
        c.showPage()
    c.save()
    return path


def test_pictures_are_image_blocks_and_a_pictured_table_is_missing(tmp_path: Path) -> None:
    picture = tmp_path / "table.png"
    Image.new("RGB", (400, 300), "white").save(picture)
    path = tmp_path / "picture.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(register_cjk_font(), 12)
    c.drawString(72, 780, "第二章 发展目标")
    c.drawString(72, 750, "表1 “十五五”时期经济社会发展主要指标")
    c.drawImage(str(picture), 72, 420, width=400, height=300)
    c.drawImage(str(picture), 500, 420, width=20, height=15)  # a mark, not content
    c.drawString(72, 380, "各项指标分解落实到年度计划。")
    c.save()
    blocks = pdf_reader.read(path).blocks
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Paragraph", "ImageBlock", "Paragraph"]
    image = blocks[2]
    assert isinstance(image, ImageBlock)
    assert (image.page, round(image.width), round(image.height)) == (1, 400, 300)
    warnings = [w for w in ingest(path).warnings if w.code == "table_is_image"]
    assert [(w.where, "图片" in w.message) for w in warnings] == [
        ("表1 “十五五”时期经济社会发展主要指标", True)
    ]


def test_scanned_pdf_needs_ocr(tmp_path: Path) -> None:
    path = _scanned(tmp_path / "scan.pdf")
    assert read_error(pdf_reader.read, path).reason == "没有文字层（扫描版 PDF 须先做文字识别），无法读取。"


def test_a_page_without_text_is_noted(tmp_path: Path) -> None:
    doc = pdf_reader.read(_scanned(tmp_path / "half.pdf", text_on_page=1))
    assert [(b.text, b.page) for b in doc.blocks] == [("第一章 总体要求", 1)]
    assert doc.notes == ["no text layer on page 2 (scanned?)"]


def _bad_file(kind: str, good: Path, tmp_path: Path) -> Path:
    path = tmp_path / f"{kind}.pdf"
    if kind == "garbage":
        path.write_bytes(b"%PDF-1.7\nthis is not a PDF at all\n")
    elif kind == "truncated":
        path.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    else:
        c = canvas.Canvas(str(path), encrypt="secret")
        c.drawString(72, 700, "locked")
        c.save()
    return path


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("garbage", "不是能读取的 PDF"),
        ("truncated", "不是能读取的 PDF"),
        ("encrypted", "密码"),
    ],
)
def test_unreadable_files_raise_input_error_naming_the_file(
    plan_pdf: Path, tmp_path: Path, kind: str, reason: str
) -> None:
    path = _bad_file(kind, plan_pdf, tmp_path)
    assert reason in read_error(pdf_reader.read, path).reason


def test_a_running_title_at_the_top_of_every_page_is_not_text(tmp_path: Path) -> None:
    heading, body = _styles()
    path = tmp_path / "running.pdf"

    def furniture(c: canvas.Canvas, doc: SimpleDocTemplate) -> None:
        _page_number(c, doc)
        c.setFont(register_cjk_font(), 9)
        c.drawCentredString(A4[0] / 2, A4[1] - 40, "某某市国民经济和社会发展第十五个五年规划纲要")

    document = SimpleDocTemplate(str(path), pagesize=A4)
    story = [PdfParagraph("第一章 发展目标", heading), PdfParagraph(TASK * 60, body)]
    document.build(story, onFirstPage=furniture, onLaterPages=furniture)
    doc = pdf_reader.read(path)
    texts = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert texts == ["第一章 发展目标", TASK * 60]
