"""Plain text: encodings detected from the bytes, scraped chunk markers removed."""

from __future__ import annotations

import pytest

from planwatch.errors import InputError
from planwatch.ingest.readers import read_document
from planwatch.ingest.readers.text import decode, join_scraped

TEXT = "第一章 总体要求\n第一节 指导思想\n坚持稳中求进工作总基调，地区生产总值年均增长6.5%。"


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("gb18030", "gb18030"),
        ("gbk", "gb18030"),
        ("utf-16", "utf-16"),
        ("utf-16-le", "utf-16-le"),
        ("utf-16-be", "utf-16-be"),
    ],
)
def test_encodings_are_detected(encoding, expected):
    text, found = decode(TEXT.encode(encoding), "plan.txt")
    assert text == TEXT
    assert found == expected


def test_undecodable_bytes_name_the_file(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"\x81\x30\xff\xfe\xfd" * 50)
    with pytest.raises(InputError) as e:
        read_document(path)
    assert str(path) in str(e.value)
    assert "无法识别文字编码" in e.value.reason


def test_binary_data_is_an_unknown_format(tmp_path):
    path = tmp_path / "image.bin"
    path.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(InputError, match="格式无法识别"):
        read_document(path)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="文件不存在"):
        read_document(tmp_path / "absent.txt")


def test_scraped_chunks_are_joined_and_the_site_header_removed():
    lines = [
        "《某县国民经济和社会发展第十四个五年规划纲要.docx》由会员分享,可在线阅读,更多相关请在某文档上搜索。",
        "1、第一章总体要求第一节指导思",
        "2、想坚持稳中求进。地区生产总值(亿元)30",
        "3、272其中:第一产业",
    ]
    out, notes = join_scraped(lines)
    assert out == ["第一章总体要求第一节指导思想坚持稳中求进。地区生产总值(亿元)30272其中:第一产业"]
    assert any("site header" in n for n in notes)


def test_numbered_list_items_are_not_chunk_markers():
    lines = ["1、加强创新型企业培育。", "3、推动产业链融通创新。", "2、组建创新联合体。"]
    assert join_scraped(lines)[0] == lines
