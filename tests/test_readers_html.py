"""The HTML reader: encodings, boilerplate, headings, paragraphs, tables with spans."""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.errors import InputError
from planwatch.ingest.blocks import Paragraph, TableBlock
from planwatch.ingest.readers import html as html_reader
from tests.documents import INDICATOR_GRID, INDICATOR_ROWS, html_table, read_error

CAPTION = "表2:魏都区“十四五”经济社会发展主要指标"


def _page(head: str, body: str) -> str:
    return (
        f"<!DOCTYPE html>\n<html><head>{head}<title>魏都区规划纲要</title></head><body>{body}</body></html>"
    )


PLAN_BODY = f"""
<header><div class="logo">许昌市魏都区人民政府</div></header>
<nav><ul><li>首页</li><li>政务公开</li></ul></nav>
<script>var visits = "第九章";</script><style>.x {{ color: red }}</style>
<div class="share" style="display: none">分享到微信</div>
<div class="article">
  <div class="content">
    <h2>第二章　未来五年发展蓝图</h2>
    <div>
      <div><p>&nbsp;&nbsp;　　锚定二〇三五年远景目标，
      综合考虑发展环境和发展条件。</p></div>
    </div>
    <h3>第四节 “十四五”时期经济社会发展目标</h3>
    <div>经济发展取得新成效。<br>创新能力显著提升。<p>民生福祉达到新水平。</p>生态文明建设实现新进步。</div>
    <ul><li>突出产业培育</li><li>突出创新驱动</li></ul>
    {html_table(INDICATOR_ROWS, CAPTION)}
    <p>注:1.地区生产总值年均增速为扣除价格因素的实际增长速度。</p>
  </div>
</div>
<footer>版权所有 魏都区发展和改革委员会</footer>
"""

EXPECTED_TEXTS = [
    ("第二章\u3000未来五年发展蓝图", 1),
    ("锚定二〇三五年远景目标，综合考虑发展环境和发展条件。", None),
    ("第四节 “十四五”时期经济社会发展目标", 2),
    ("经济发展取得新成效。", None),
    ("创新能力显著提升。", None),
    ("民生福祉达到新水平。", None),
    ("生态文明建设实现新进步。", None),
    ("突出产业培育", None),
    ("突出创新驱动", None),
    (None, None),
    ("注:1.地区生产总值年均增速为扣除价格因素的实际增长速度。", None),
]


def _texts(blocks) -> list[tuple[str | None, int | None]]:
    return [(b.text, b.heading_level) if isinstance(b, Paragraph) else (None, None) for b in blocks]


@pytest.fixture
def utf8_page(tmp_path: Path) -> Path:
    path = tmp_path / "plan.html"
    path.write_text(_page('<meta charset="utf-8">', PLAN_BODY), encoding="utf-8")
    return path


def test_blocks_skip_boilerplate_and_never_repeat_text(utf8_page: Path) -> None:
    doc = html_reader.read(utf8_page)
    assert doc.format == "html"
    assert doc.source == str(utf8_page)
    assert _texts(doc.blocks) == EXPECTED_TEXTS
    assert all(b.page is None for b in doc.blocks)


def test_table_spans_caption_and_line_breaks(utf8_page: Path) -> None:
    (table,) = [b for b in html_reader.read(utf8_page).blocks if isinstance(b, TableBlock)]
    assert table.caption == CAPTION
    assert table.rows == INDICATOR_ROWS
    assert [[slot.text for slot in line] for line in table.grid()] == INDICATOR_GRID
    assert table.rows[4][1].text == "全员劳动生产率增长\n(元/人,2020年价格)"


def test_gbk_page_labelled_gb2312_decodes(tmp_path: Path) -> None:
    path = tmp_path / "gbk.htm"
    body = PLAN_BODY.replace("综合考虑", "朱镕基、张喆考虑")  # 镕 and 喆 are GBK, not GB2312
    html = _page('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', body)
    with pytest.raises(UnicodeEncodeError):
        html.encode("gb2312")
    path.write_bytes(html.encode("gbk"))
    doc = html_reader.read(path)
    assert doc.blocks[1].text == "锚定二〇三五年远景目标，朱镕基、张喆考虑发展环境和发展条件。"
    assert [b.rows for b in doc.blocks if isinstance(b, TableBlock)] == [INDICATOR_ROWS]
    assert doc.notes[0] == "encoding gb18030 (declared gb2312)"


def test_utf8_without_declaration(tmp_path: Path) -> None:
    path = tmp_path / "bare.html"
    path.write_bytes("<html><body><p>第一章 总体要求</p></body></html>".encode())
    assert [b.text for b in html_reader.read(path).blocks] == ["第一章 总体要求"]


def test_bad_spans_count_as_one_and_rowspan_stops_at_the_last_row(tmp_path: Path) -> None:
    path = tmp_path / "spans.html"
    path.write_text(
        "<table>"
        '<tr><td colspan="0">a</td><td rowspan="abc">b</td><td colspan="">c</td></tr>'
        '<tr><td>d</td><td rowspan="5">e</td><td>f</td></tr>'
        "<tr><td>g</td><td>h</td></tr>"
        "</table>",
        encoding="utf-8",
    )
    (table,) = html_reader.read(path).blocks
    assert [[(c.text, c.rowspan, c.colspan) for c in row] for row in table.rows] == [
        [("a", 1, 1), ("b", 1, 1), ("c", 1, 1)],
        [("d", 1, 1), ("e", 2, 1), ("f", 1, 1)],
        [("g", 1, 1), ("h", 1, 1)],
    ]
    assert [[s.text for s in line] for line in table.grid()] == [
        ["a", "b", "c"],
        ["d", "e", "f"],
        ["g", "e", "h"],
    ]


def test_layout_tables_are_read_as_blocks(tmp_path: Path) -> None:
    path = tmp_path / "layout.html"
    path.write_text(
        "<table width=900><tr><td class=title><h1>魏都区“十四五”规划纲要</h1></td></tr>"
        f"<tr><td class=content><p>第一章 总体要求</p>{html_table(INDICATOR_ROWS)}</td></tr></table>",
        encoding="utf-8",
    )
    blocks = html_reader.read(path).blocks
    assert _texts(blocks) == [("魏都区“十四五”规划纲要", 1), ("第一章 总体要求", None), (None, None)]
    assert blocks[2].rows == INDICATOR_ROWS


def test_a_table_holding_a_whole_article_is_layout(tmp_path: Path) -> None:
    sentence = "加快推进制造业转型升级,提升产业基础高级化和产业链现代化水平。"
    paragraphs = [f"第{n}条 " + sentence * 10 for n in range(8)]  # over 2000 characters
    cell = "".join(f"<p>{p}</p>" for p in paragraphs)
    path = tmp_path / "article-in-cell.html"
    path.write_text(f"<table><tr><td>{cell}</td></tr></table>", encoding="utf-8")
    assert [b.text for b in html_reader.read(path).blocks] == paragraphs


def test_article_header_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "article.html"
    path.write_text(
        "<header>政府网站</header><article><header><h1>规划纲要</h1></header><p>正文</p></article>",
        encoding="utf-8",
    )
    assert _texts(html_reader.read(path).blocks) == [("规划纲要", 1), ("正文", None)]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "文件是空的"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "不是网页"),
    ],
    ids=["empty", "binary"],
)
def test_unreadable_files_raise_input_error_naming_the_file(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(data)
    assert reason in read_error(html_reader.read, path).reason


def test_missing_file_raises_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="文件不存在"):
        html_reader.read(tmp_path / "missing.html")
