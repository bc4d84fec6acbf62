"""The outline from the contents and the body, and without contents."""

from __future__ import annotations

from planwatch.ingest import read_plan
from planwatch.ingest.blocks import Document, Paragraph
from planwatch.ingest.numerals import to_int
from planwatch.ingest.outline import read_contents


def test_chinese_numerals():
    assert [to_int(s) for s in ("一", "十", "十一", "二十三", "一百零五", "12")] == [1, 10, 11, 23, 105, 12]
    assert to_int("甲") is None


def test_a_page_printed_beside_the_one_before_is_given_back():
    text = "第八章深入推进改革开放48第一节加快城乡融合发展试验区改革4848第二节持续优化营商环境第三节以开放促发展49"
    contents, warnings = read_contents(text)
    assert [(e.number, e.title, e.page) for e in contents.entries] == [
        ("第八章", "深入推进改革开放", 48),
        ("第一节", "加快城乡融合发展试验区改革", 48),
        ("第二节", "持续优化营商环境", 48),
        ("第三节", "以开放促发展", 49),
    ]
    assert [w.code for w in warnings] == ["contents_page_moved"]


def test_titles_ending_in_digits_keep_them():
    text = "第一章建设5G网络3第一节推进5G基站建设4第二节建成千兆城市12第二章数字经济15"
    contents, _ = read_contents(text)
    assert [(e.title, e.page) for e in contents.entries] == [
        ("建设5G网络", 3),
        ("推进5G基站建设", 4),
        ("建成千兆城市", 12),
        ("数字经济", 15),
    ]


def test_headings_run_into_their_text_end_where_the_contents_say():
    text = (
        "目录第一章发展基础1第一节主要成就1第二节面临形势3第二章总体要求5第一节指导思想5"
        "第一章发展基础“十三五”以来，全县经济稳步增长。第一节主要成就地区生产总值达到300亿元。"
        "第二节面临形势外部环境复杂。第二章总体要求坚持新发展理念。第一节指导思想以习近平新时代中国特色社会主义思想为指导。"
    )
    plan = read_plan(Document([Paragraph(text)], format="text", source="t.txt"))
    first, second = plan.outline
    assert first.text == "“十三五”以来，全县经济稳步增长。"
    assert [c.text for c in first.children] == ["地区生产总值达到300亿元。", "外部环境复杂。"]
    assert second.children[0].text.startswith("以习近平")
    assert not plan.truncated


def test_parts_chapters_and_sections_without_contents():
    paragraphs = [
        Paragraph("第一篇 开启全面建设社会主义现代化新征程", heading_level=1),
        Paragraph("第一章 发展环境", heading_level=2),
        Paragraph("第一节 发展基础", heading_level=3),
        Paragraph("全市经济总量迈上新台阶。"),
        Paragraph("第二章 指导方针和主要目标", heading_level=2),
        Paragraph("到2025年，地区生产总值年均增长6%左右。"),
        Paragraph("第二篇 坚持创新驱动发展", heading_level=1),
        Paragraph("第三章 提升创新能力", heading_level=2),
        Paragraph("加强基础研究。"),
    ]
    plan = read_plan(Document(paragraphs, format="docx", source="plan.docx"))
    assert [(p.level, p.number) for p in plan.outline] == [("part", "第一篇"), ("part", "第二篇")]
    assert [c.number for c in plan.outline[0].children] == ["第一章", "第二章"]
    assert plan.outline[0].children[0].children[0].text == "全市经济总量迈上新台阶。"
    assert plan.outline[1].children[0].number == "第三章"
    assert plan.outline[1].children[0].text == "加强基础研究。"


def test_a_chapter_missing_in_the_middle_is_not_truncation():
    text = "第一章甲乙丙丁1第二章戊己庚辛2第三章子丑寅卯3第一章甲乙丙丁正文一。第三章子丑寅卯正文三。"
    plan = read_plan(Document([Paragraph(text)], format="text", source="t.txt"))
    assert not plan.truncated
    assert plan.missing_chapters == ["第二章戊己庚辛"]
    assert any(w.code == "heading_not_found" for w in plan.warnings)
