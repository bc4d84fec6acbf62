"""Plans that keep their printed lines: PDF text layers, Word exports, newspaper and portal copies.

Contents one entry a line (dot leaders, TAB, Roman pages, no pages at all), page numbers and running
headers anywhere, headings numbered 一、 instead of 第N节, chapter numbers that start again in every
篇, and wrapped lines that are one paragraph. Every document here is built in the test.
"""

from __future__ import annotations

import random
import re
import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from planwatch.ingest import ingest
from planwatch.ingest.furniture import strip_furniture
from planwatch.ingest.wrapping import soft_breaks
from planwatch.plan.model import OutlineNode, Plan

TITLE = "某某市国民经济和社会发展第十五个五年规划纲要"
SENTENCE = "坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，加快构建新发展格局，着力推动高质量发展。"


def _nodes(plan: Plan, level: str) -> list[OutlineNode]:
    out: list[OutlineNode] = []

    def walk(nodes: list[OutlineNode]) -> None:
        for n in nodes:
            if n.level == level:
                out.append(n)
            walk(n.children)

    walk(plan.outline)
    return out


def _subtree_text(node: OutlineNode) -> str:
    return node.text + "".join(_subtree_text(c) for c in node.children)


def _wrap(text: str, width: int = 30) -> list[str]:
    return [text[k : k + width] for k in range(0, len(text), width)]


def _read(tmp_path: Path, lines: list[str], name: str = "plan.txt") -> Plan:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ingest(path)


# A plan of two 篇 whose chapter numbers start again, with 一、 divisions, printed as a PDF's text layer.
PARTS = [
    (
        "第一篇",
        "锚定发展目标",
        [("第一章", "发展基础", ["全市经济总量迈上新台阶"]), ("第二章", "主要目标", [])],
    ),
    ("第二篇", "建设现代化产业体系", [("第一章", "做强先进制造业", ["提升产业链韧性", "培育新兴产业"])]),
]


def _printed_plan(leader: str = " …………… ", pages: bool = True) -> list[str]:
    lines = [TITLE, "目 录"]
    page = 1
    for part, title, chapters in PARTS:
        lines.append(f"{part} {title}{leader}{page}" if pages else f"{part} {title}")
        for chapter, ctitle, divisions in chapters:
            lines.append(f"{chapter} {ctitle}{leader}{page}" if pages else f"{chapter} {ctitle}")
            for k, d in enumerate(divisions):
                numeral = "一二三"[k]
                lines.append(f"{numeral}、{d}{leader}{page + 1}" if pages else f"{numeral}、{d}")
            page += 2
    lines += ["专栏目录", f"专栏1 主要指标{leader}3" if pages else "专栏1 主要指标", "— Ⅰ —"]
    for part, title, chapters in PARTS:
        lines.append(f"{part} {title}")
        for chapter, ctitle, divisions in chapters:
            lines.append(f"{chapter} {ctitle}")
            lines.extend(_wrap(f"{ctitle}是本章的开篇。{SENTENCE * 3}"))
            for k, d in enumerate(divisions):
                lines.append(f"{'一二三'[k]}、{d}")
                lines.extend(_wrap(f"{d}的正文。{SENTENCE * 2}"))
    return lines


def test_contents_one_entry_a_line_with_leaders_and_chapter_numbers_starting_again(tmp_path: Path) -> None:
    plan = _read(tmp_path, _printed_plan())
    assert [p.title for p in _nodes(plan, "part")] == ["锚定发展目标", "建设现代化产业体系"]
    chapters = _nodes(plan, "chapter")
    assert [(c.number, c.title) for c in chapters] == [
        ("第一章", "发展基础"),
        ("第二章", "主要目标"),
        ("第一章", "做强先进制造业"),
    ]
    assert all(c.in_body for c in chapters)
    assert [d.title for d in _nodes(plan, "division")] == [
        "全市经济总量迈上新台阶",
        "提升产业链韧性",
        "培育新兴产业",
    ]
    assert _nodes(plan, "section") == []
    assert chapters[0].text.startswith("发展基础是本章的开篇。")
    assert "做强先进制造业是本章的开篇" in chapters[2].text
    assert _nodes(plan, "division")[2].text.startswith("培育新兴产业的正文。")
    assert not plan.missing_chapters


def test_wrapped_lines_are_one_paragraph_again(tmp_path: Path) -> None:
    plan = _read(tmp_path, _printed_plan())
    division = _nodes(plan, "division")[0]
    assert division.text == f"全市经济总量迈上新台阶的正文。{SENTENCE * 2}"


def test_contents_with_tabs_and_without_page_numbers(tmp_path: Path) -> None:
    for leader, pages in (("\t", True), ("", False), ("·······", True)):
        plan = _read(tmp_path, _printed_plan(leader=leader, pages=pages))
        assert len(_nodes(plan, "chapter")) == 3, leader
        assert all(c.in_body for c in _nodes(plan, "chapter")), leader
        assert _nodes(plan, "chapter")[1].text.startswith("主要目标是本章的开篇"), leader


def test_a_page_number_cutting_a_heading_or_a_sentence_is_taken_out(tmp_path: Path) -> None:
    lines = _printed_plan()
    at = lines.index("第一章 做强先进制造业", 10)
    lines[at : at + 1] = ["第一章 做强先进", "— 7 —", "制造业"]
    body = next(k for k, line in enumerate(lines) if line.startswith("发展基础是本章"))
    lines.insert(body + 1, "- 3 -")
    plan = _read(tmp_path, lines)
    chapters = _nodes(plan, "chapter")
    assert chapters[2].in_body and chapters[2].title == "做强先进制造业"
    assert "—" not in chapters[0].text and "- 3 -" not in chapters[0].text
    assert chapters[0].text.startswith(f"发展基础是本章的开篇。{SENTENCE}")


def test_page_furniture_is_told_from_table_cells() -> None:
    lines = ["规划纲要 第十五个五年"] + [f"正文第{k}行" for k in range(60)]
    for page, at in ((5, 20), (6, 40), (7, 60)):
        lines.insert(at, str(page))
        lines.insert(at + 1, "某某市“十五五”规划纲要")
    cells = ["1", "地区生产总值", "5", "2", "人口", "6", "3", "收入", "7"]
    kept, removed = strip_furniture([*lines, *cells, "第 8 页 共 9 页", "— ⅲ —", "- 12 -"])
    assert removed["page numbers"] == 6
    assert removed["running headers"] == 3
    assert kept[-len(cells) :] == cells
    assert "某某市“十五五”规划纲要" not in kept


def test_only_lines_at_the_margin_run_on() -> None:
    first, second = _wrap(SENTENCE * 6), _wrap(SENTENCE * 5)
    lines = [*first, "第一章 发展基础", *second, "一、主要成就", *_wrap(SENTENCE * 4)]
    breaks = soft_breaks(lines)
    assert all(breaks[: len(first) - 1])
    assert not breaks[len(first) - 1]  # a sentence's end before a heading
    assert not breaks[len(first)]  # the heading is a line of its own
    assert not breaks[len(first) + len(second)]  # the last line of a paragraph, before 一、
    assert not any(soft_breaks(["短句。"] * 40))


def test_a_newspaper_version_numbers_its_chapters_and_sections_without_zhang(tmp_path: Path) -> None:
    lines = [TITLE]
    for k, (chapter, sections) in enumerate(
        (("发展基础", ["主要成就", "面临形势"]), ("主要目标", ["总体目标"]))
    ):
        lines.append(f"{'一二'[k]}、{chapter}")
        lines.append(SENTENCE)
        for j, s in enumerate(sections):
            lines.append(f"（{'一二'[j]}）{s}")
            lines.append(f"{s}：{SENTENCE}")
    plan = _read(tmp_path, lines)
    chapters = _nodes(plan, "chapter")
    assert [(c.number, c.title) for c in chapters] == [("一、", "发展基础"), ("二、", "主要目标")]
    assert [d.title for d in chapters[0].children] == ["主要成就", "面临形势"]
    assert chapters[1].children[0].text == f"总体目标：{SENTENCE}"


def test_headings_carrying_note_references_are_found(tmp_path: Path) -> None:
    lines = _printed_plan()
    at = lines.index("二、培育新兴产业", 10)
    lines[at] = "二、培育新兴12产业"
    plan = _read(tmp_path, lines)
    assert all(d.in_body for d in _nodes(plan, "division"))


def test_a_plan_hidden_until_a_script_shows_it_is_read_and_portal_links_are_left_out(tmp_path: Path) -> None:
    paragraphs = "".join(f"<p>{SENTENCE}</p>" for _ in range(6))
    page = (
        f"<html><body><div class='menu' style='display:none'><a>首页</a><a>政务公开</a></div>"
        f"<h1>{TITLE}</h1><div id='content' style='display: none'>"
        f"<p>第一章 发展基础</p>{paragraphs}<p>第二章 主要目标</p>{paragraphs}</div>"
        + "".join(f"<p>· 市{name}局</p>" for name in ("教育", "科技", "财政", "商务"))
        + "<p>关注 · 政府网</p></body></html>"
    )
    path = tmp_path / "plan.html"
    path.write_text(page, encoding="utf-8")
    plan = ingest(path)
    chapters = _nodes(plan, "chapter")
    assert [c.title for c in chapters] == ["发展基础", "主要目标"]
    assert chapters[1].text == "\n".join([SENTENCE] * 6)
    assert "首页" not in _subtree_text(chapters[0])
    assert any(w.code == "trailing_text_dropped" for w in plan.warnings)


def test_region_level_and_period_come_from_the_title(tmp_path: Path) -> None:
    cases = {
        "广东省国民经济和社会发展第十五个五年规划纲要": ("广东省", "province", 2026),
        "上海市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要": ("上海市", "province", 2021),
        "苏州市国民经济和社会发展第十五个五年规划纲要": ("苏州市", "city", 2026),
        "昆山市国民经济和社会发展第十三个五年规划纲要": ("昆山市", "city", 2016),
        "某某县国民经济和社会发展第十五个五年规划纲要": ("某某县", "county", 2026),
        "某某市某某区国民经济和社会发展第十五个五年规划纲要": ("某某市某某区", "district", 2026),
        "中华人民共和国国民经济和社会发展第十五个五年规划纲要": ("中华人民共和国", "national", 2026),
    }
    for title, (region, level, start) in cases.items():
        plan = _read(tmp_path, [title, SENTENCE])
        assert (plan.region, plan.level, plan.period.start if plan.period else None) == (region, level, start)


def _without_source(plan: Plan) -> dict:
    return plan.model_dump(exclude={"source", "warnings", "confidence"})


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_the_sample_cut_and_footered_anywhere_reads_the_same(
    sample_file: Path, tmp_path_factory, data
) -> None:
    """Page numbers put anywhere, even inside a heading, a figure or a table row, change nothing."""
    text = sample_file.read_text(encoding="utf-8")
    header, body = text.split("\n", 1)
    body = re.sub(r"\n\d{1,4}、", "", "\n" + body)  # one run, cut again into chunks at random places below
    seed = data.draw(st.integers(0, 2**32 - 1))
    rnd = random.Random(seed)
    cuts = sorted(rnd.sample(range(1, len(body) - 1), 12))
    chunks = [body[a:b] for a, b in zip([0, *cuts], [*cuts, len(body)], strict=True)]
    lines = [header]
    for k, chunk in enumerate(chunks, 1):
        lines.append(f"{k}、{chunk}")
        if rnd.random() < 0.5:
            lines.append(rnd.choice([f"- {k + 2} -", f"— {k + 2} —", f"第 {k + 2} 页"]))
    folder = tmp_path_factory.mktemp("cut")
    assert _without_source(_read(folder, lines)) == _without_source(ingest(sample_file))


def test_a_heading_the_contents_leave_out_is_read_and_said(tmp_path: Path) -> None:
    lines = _printed_plan()
    at = max(k for k, line in enumerate(lines) if line.startswith("培育新兴产业的正文"))
    lines[at + 1 : at + 1] = [
        "三、扩大有效投资",
        *_wrap(f"扩大有效投资的正文。{SENTENCE}"),
        "一、列表项不是标题。",
    ]
    plan = _read(tmp_path, lines)
    divisions = _nodes(plan, "division")
    assert [d.title for d in divisions][-1] == "扩大有效投资"
    assert divisions[-1].text.startswith("扩大有效投资的正文。")
    assert [w.where for w in plan.warnings if w.code == "heading_not_in_contents"] == ["三、扩大有效投资"]


def _printed_copy(plan: Plan, width: int = 34, page_lines: int = 40) -> list[str]:
    """A plan as a PDF's text layer gives it: contents one entry a line with leaders, full-width
    punctuation, every line wrapped at the margin, a page number every `page_lines` lines."""
    full = str.maketrans({",": "，", ":": "：", ";": "；", "(": "（", ")": "）"})
    contents: list[str] = []
    body: list[str] = []

    def walk(nodes: list[OutlineNode]) -> None:
        for n in nodes:
            if n.level in ("box", "table"):
                continue
            contents.append(f"{n.number} {n.title.translate(full)} …………… {n.page or 1}")
            body.append(f"{n.number} {n.title.translate(full)}")
            for paragraph in n.text.translate(full).split("\n"):
                body.extend(_wrap(paragraph, width))
            walk(n.children)

    walk(plan.outline)
    lines = [plan.title or "", "目  录", *contents]
    for k in range(0, len(body), page_lines):
        lines.extend(body[k : k + page_lines])
        lines.append(f"- {k // page_lines + 1} -")
    return lines


def _shape(plan: Plan) -> list[tuple[str, str, str, str]]:
    out = []

    def walk(nodes: list[OutlineNode]) -> None:
        for n in nodes:
            if n.level not in ("box", "table"):
                key = unicodedata.normalize("NFKC", n.text)
                out.append(
                    (n.level, n.number, unicodedata.normalize("NFKC", n.title), re.sub(r"\s", "", key))
                )
            walk(n.children)

    walk(plan.outline)
    return out


def test_the_sample_printed_as_a_pdf_text_layer_keeps_every_section_and_its_text(
    sample_plan: Plan, tmp_path: Path
) -> None:
    printed = _read(tmp_path, _printed_copy(sample_plan))
    assert _shape(printed) == _shape(sample_plan)
    assert printed.region == sample_plan.region and printed.period == sample_plan.period


def test_note_numbers_in_superscript_are_left_out_of_the_text_but_units_keep_theirs(tmp_path: Path) -> None:
    page = (
        f"<html><body><h1>{TITLE}</h1><p>第一章 建设“一核两翼”<sup>12</sup>空间格局</p>"
        "<p>新增绿地面积100万m<sup>2</sup>，建成“口袋公园”<sup>[3]</sup>50个。</p></body></html>"
    )
    path = tmp_path / "plan.html"
    path.write_text(page, encoding="utf-8")
    chapter = _nodes(ingest(path), "chapter")[0]
    assert chapter.title == "建设“一核两翼”空间格局"
    assert chapter.text == "新增绿地面积100万m2，建成“口袋公园”50个。"
