"""The .docx reader: order, headings, merged cells, page hints, and files it must refuse."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm
from PIL import Image

from planwatch.ingest import ingest
from planwatch.ingest.blocks import ImageBlock, Paragraph, TableBlock
from planwatch.ingest.readers import docx as docx_reader
from tests.documents import INDICATOR_GRID, INDICATOR_ROWS, add_docx_table, read_error

_VML = "urn:schemas-microsoft-com:vml"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _rendered_break(paragraph) -> None:
    """Put Word's mark of a page turned by layout at the start of the paragraph, as Word saves it."""
    run = paragraph.runs[0]._r
    run.insert(1 if run.rPr is not None else 0, OxmlElement("w:lastRenderedPageBreak"))


@pytest.fixture
def plan_docx(tmp_path: Path) -> Path:
    document = docx.Document()
    document.add_heading("第二章 未来五年发展蓝图", level=1)
    document.add_paragraph("")
    document.add_heading("第四节 “十四五”时期经济社会发展目标", level=2)
    document.add_paragraph("　　锚定二〇三五年远景目标,综合考虑发展环境和发展条件。")
    document.add_paragraph("表2:魏都区“十四五”经济社会发展主要指标")
    add_docx_table(document, INDICATOR_ROWS)
    document.add_paragraph("注:1.地区生产总值年均增速为扣除价格因素的实际增长速度。")
    document.add_page_break()
    after_hard_break = document.add_paragraph("第三章 强化创新驱动")
    _rendered_break(after_hard_break)  # Word marks the top of the new page after a forced break too
    turning = document.add_paragraph("加快完善综合创新生态体系,")
    turning.add_run("增强自主创新能力。")._r.insert(0, OxmlElement("w:lastRenderedPageBreak"))
    document.add_paragraph("第一节 提升自主创新能力")
    path = tmp_path / "plan.docx"
    document.save(str(path))
    return path


def test_blocks_come_in_document_order_with_headings(plan_docx: Path) -> None:
    doc = docx_reader.read(plan_docx)
    assert doc.format == "docx"
    assert doc.source == str(plan_docx)
    kinds = [(type(b).__name__, b.text if isinstance(b, Paragraph) else None) for b in doc.blocks]
    assert kinds == [
        ("Paragraph", "第二章 未来五年发展蓝图"),
        ("Paragraph", "第四节 “十四五”时期经济社会发展目标"),
        ("Paragraph", "锚定二〇三五年远景目标,综合考虑发展环境和发展条件。"),
        ("Paragraph", "表2:魏都区“十四五”经济社会发展主要指标"),
        ("TableBlock", None),
        ("Paragraph", "注:1.地区生产总值年均增速为扣除价格因素的实际增长速度。"),
        ("Paragraph", "第三章 强化创新驱动"),
        ("Paragraph", "加快完善综合创新生态体系,增强自主创新能力。"),
        ("Paragraph", "第一节 提升自主创新能力"),
    ]
    levels = [b.heading_level for b in doc.blocks if isinstance(b, Paragraph)]
    assert levels == [1, 2, None, None, None, None, None, None]


def test_merged_cells_come_once_with_their_spans(plan_docx: Path) -> None:
    (table,) = [b for b in docx_reader.read(plan_docx).blocks if isinstance(b, TableBlock)]
    assert table.rows == INDICATOR_ROWS
    assert [[slot.text for slot in line] for line in table.grid()] == INDICATOR_GRID
    texts = [cell.text for row in table.rows for cell in row]
    assert texts.count("“十三五”基数") == 1
    assert texts.count("序号") == 1
    assert table.rows[4][1].text == "全员劳动生产率增长\n(元/人,2020年价格)"
    assert table.caption is None


def test_pages_count_forced_and_rendered_breaks_once_each(plan_docx: Path) -> None:
    pages = {
        b.text if isinstance(b, Paragraph) else "table": b.page for b in docx_reader.read(plan_docx).blocks
    }
    assert pages["第二章 未来五年发展蓝图"] == 1
    assert pages["table"] == 1
    assert pages["第三章 强化创新驱动"] == 2
    # A paragraph turning a page takes the page it starts on; what follows is on the next.
    assert pages["加快完善综合创新生态体系,增强自主创新能力。"] == 2
    assert pages["第一节 提升自主创新能力"] == 3


def test_no_page_hints_without_page_breaks(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("第一章 总体要求")
    add_docx_table(document, INDICATOR_ROWS)
    path = tmp_path / "flow.docx"
    document.save(str(path))
    assert [b.page for b in docx_reader.read(path).blocks] == [None, None]


def test_heading_levels_from_style_names_and_outline_levels(tmp_path: Path) -> None:
    document = docx.Document()
    chinese = document.styles.add_style("标题 3", WD_STYLE_TYPE.PARAGRAPH)
    based = document.styles.add_style("章标题", WD_STYLE_TYPE.PARAGRAPH)
    based.base_style = document.styles["Heading 2"]
    document.add_paragraph("第一章 总体要求", style=based)
    document.add_paragraph("第一节 指导思想", style=chinese)
    outlined = document.add_paragraph("一、加强创新型企业培育")
    outlined._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="3"/>'))
    demoted = document.add_heading("正文样式的标题", level=2)
    demoted._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="9"/>'))
    path = tmp_path / "levels.docx"
    document.save(str(path))
    levels = [b.heading_level for b in docx_reader.read(path).blocks]
    # Heading 2 (through basedOn), 标题 3, outline level 4 and body text; shifted so the top is 1.
    assert levels == [1, 2, 3, None]


def test_cell_content_nested_tables_and_skipped_grid_columns(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).text = "专栏1"
    table.cell(0, 1).text = "重大项目"
    inner = table.cell(0, 2).add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "项目", (0, 1): "投资", (1, 0): "静脉产业园", (1, 1): "12亿元"}.items():
        inner.cell(r, c).text = text
    table.cell(1, 1).text = "b"
    table.cell(1, 2).text = "c"
    # A row that starts one grid column in, as Word writes a ragged table.
    row = table.rows[1]._tr
    row.remove(row.tc_lst[0])
    row.insert(0, parse_xml(f'<w:trPr {nsdecls("w")}><w:gridBefore w:val="1"/></w:trPr>'))
    path = tmp_path / "box.docx"
    document.save(str(path))
    (block,) = docx_reader.read(path).blocks
    assert block.rows[0][2].text == "项目 投资\n静脉产业园 12亿元"
    assert [[slot.text for slot in line] for line in block.grid()] == [
        ["专栏1", "重大项目", "项目 投资\n静脉产业园 12亿元"],
        ["", "b", "c"],
    ]


def test_text_boxes_and_content_controls_are_read_once(tmp_path: Path) -> None:
    document = docx.Document()
    box = (
        "<w:txbxContent><w:p><w:r><w:t>专栏2 创新平台</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>建成科技成果交易转化中心</w:t></w:r></w:p></w:txbxContent>"
    )
    anchor = document.add_paragraph("正文。")
    anchor._p.append(
        parse_xml(
            f'<w:r {nsdecls("w")} xmlns:v="{_VML}" xmlns:mc="{_MC}">'
            f'<mc:AlternateContent><mc:Choice Requires="v"><w:pict><v:shape><v:textbox>{box}'
            f"</v:textbox></v:shape></w:pict></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{box}"
            "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
        )
    )
    document.element.body.insert(
        0,
        parse_xml(
            f"<w:sdt {nsdecls('w')}><w:sdtContent><w:p><w:r><w:t>目录</w:t></w:r></w:p>"
            "<w:p><w:r><w:t>第一章 总体要求</w:t><w:tab/><w:t>1</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        ),
    )
    path = tmp_path / "boxes.docx"
    document.save(str(path))
    texts = [b.text for b in docx_reader.read(path).blocks]
    assert texts == ["目录", "第一章 总体要求\t1", "正文。", "专栏2 创新平台", "建成科技成果交易转化中心"]


def test_line_break_inside_a_paragraph_is_kept(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("第一行")
    paragraph.runs[0].add_break()
    paragraph.add_run("第二行")
    path = tmp_path / "br.docx"
    document.save(str(path))
    assert docx_reader.read(path).blocks[0].text == "第一行\n第二行"


def _picture_plan(tmp_path: Path, table_after: bool) -> Path:
    """A caption, then the table as a picture (and, where asked, the same table as a table after it)."""
    picture = tmp_path / "table.png"
    Image.new("RGB", (400, 300), "white").save(picture)
    document = docx.Document()
    document.add_heading("第二章 发展目标", level=1)
    document.add_paragraph("今后五年经济社会发展的主要目标如下。")
    document.add_paragraph("表1 “十五五”时期经济社会发展主要指标")
    document.add_picture(str(picture), width=Cm(15))
    if table_after:
        add_docx_table(document, INDICATOR_ROWS)
    document.add_paragraph("各项指标分解落实到年度计划。")
    path = tmp_path / "picture.docx"
    document.save(str(path))
    return path


def test_a_picture_is_an_image_block_after_its_paragraph(tmp_path: Path) -> None:
    blocks = docx_reader.read(_picture_plan(tmp_path, table_after=False)).blocks
    kinds = [type(b).__name__ for b in blocks]
    assert kinds == ["Paragraph", "Paragraph", "Paragraph", "ImageBlock", "Paragraph"]
    image = blocks[3]
    assert isinstance(image, ImageBlock)
    assert image.name == "Picture 1"
    assert image.width == pytest.approx(425.2, abs=0.5)  # 15 cm in points
    assert image.height == pytest.approx(image.width * 3 / 4, abs=0.5)


def test_a_table_printed_as_a_picture_is_reported_missing(tmp_path: Path) -> None:
    plan = ingest(_picture_plan(tmp_path, table_after=False))
    (warning,) = [w for w in plan.warnings if w.code == "table_is_image"]
    assert warning.where == "表1 “十五五”时期经济社会发展主要指标"
    assert "图片" in warning.message and "picture" in (warning.message_en or "")
    # A picture followed by the table itself hides nothing.
    plan = ingest(_picture_plan(tmp_path, table_after=True))
    assert [w for w in plan.warnings if w.code == "table_is_image"] == []


def _bad_file(kind: str, good: Path, tmp_path: Path) -> Path:
    path = tmp_path / f"{kind}.docx"
    if kind == "text":
        path.write_bytes(b"just some text")
    elif kind == "truncated":
        path.write_bytes(good.read_bytes()[:3000])
    elif kind == "ole":
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    else:
        with zipfile.ZipFile(good) as z:
            files = {name: z.read(name) for name in z.namelist()}
        if kind == "other-zip":
            files = {"hello.txt": b"hi"}
        else:
            files["word/document.xml"] = files["word/document.xml"][:200]
        with zipfile.ZipFile(path, "w") as z:
            for name, data in files.items():
                z.writestr(name, data)
    return path


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("text", "不是 .docx 文件"),
        ("truncated", "不是 .docx 文件"),
        ("ole", "旧版 Word .doc"),
        ("other-zip", "不是 Word 文档"),
        ("bad-xml", "损坏的 .docx"),
    ],
)
def test_unreadable_files_raise_input_error_naming_the_file(
    plan_docx: Path, tmp_path: Path, kind: str, reason: str
) -> None:
    path = _bad_file(kind, plan_docx, tmp_path)
    error = read_error(docx_reader.read, path)
    assert reason in error.reason
    assert str(path) in str(error)
