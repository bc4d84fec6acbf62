"""Commitments read from a plan's prose: every form a plan uses to promise a figure, and what is no promise.

Each case is a sentence of a 15th plan (2026-2030) as plans print it, with the reading a planner would
write down by hand: subject, value, unit, comparator, direction and deadline.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planwatch.ingest import ingest, read_plan
from planwatch.ingest.blocks import Document, Paragraph
from planwatch.ingest.body import read_body
from planwatch.ingest.figures import Calendar, Figure, Unread, read_figures
from planwatch.plan.model import OutlineNode, Period, Plan

FIFTEENTH = Calendar(2026, 15)
CORPUS = Path(__file__).parent.parent.parent / "shared" / "corpus"


def promised(text: str, review: bool = False) -> list[tuple]:
    """(subject, value, unit, comparator, direction, deadline) of each commitment the text makes."""
    return [
        (f.subject, f.value, f.unit, f.comparator, f.direction, f.said.year)
        for f in read_figures(text, review, FIFTEENTH)
        if isinstance(f, Figure) and f.promised
    ]


def reported(text: str, review: bool = False) -> list[tuple]:
    return [
        (f.subject + f.change, f.value, f.unit, f.said.year)
        for f in read_figures(text, review, FIFTEENTH)
        if isinstance(f, Figure) and f.reported
    ]


CASES = [
    # 分别: several subjects, several figures, in order
    (
        "机场旅客吞吐量、货邮吞吐量分别达到1亿人次、300万吨。",
        [
            ("机场旅客吞吐量", 1, "亿人次", None, "reach", None),
            ("货邮吞吐量", 300, "万吨", None, "reach", None),
        ],
    ),
    (
        "氮氧化物、挥发性有机物排放量分别下降8%以上。",
        [
            ("氮氧化物排放量", 8, "%", "ge", "decrease", None),
            ("挥发性有机物排放量", 8, "%", "ge", "decrease", None),
        ],
    ),
    (
        "婴儿死亡率、孕产妇死亡率分别不超过2.8‰、7.5/10万。",
        [("婴儿死亡率", 2.8, "‰", "le", "reach", None), ("孕产妇死亡率", 7.5, "/10万", "le", "reach", None)],
    ),
    # one verb, subject-figure pairs joined by 、 or by a comma
    (
        "新增国家级专精特新企业30家、省级创新平台50个。",
        [
            ("国家级专精特新企业", 30, "家", None, "increase", None),
            ("省级创新平台", 50, "个", None, "increase", None),
        ],
    ),
    (
        "到2030年，新增A 30家，B 50个。",
        [("A", 30, "家", None, "increase", 2030), ("B", 50, "个", None, "increase", 2030)],
    ),
    (
        "建成绿道达4300公里、森林步道达1400公里。",
        [("建成绿道", 4300, "公里", None, "reach", None), ("森林步道", 1400, "公里", None, "reach", None)],
    ),
    # spaces, in print or from a PDF's line joins, inside a number or before its unit
    ("城市更新年度投资达 1500 亿元。", [("城市更新年度投资", 1500, "亿元", None, "reach", None)]),
    ("城市更新年度投资达15 00亿 元。", [("城市更新年度投资", 1500, "亿元", None, "reach", None)]),
    ("研发经费投入达到１２００亿元。", [("研发经费投入", 1200, "亿元", None, "reach", None)]),
    # deadlines and comparators
    (
        "中心城区绿色出行比例到2030年达到78%左右。",
        [("中心城区绿色出行比例", 78, "%", "about", "reach", 2030)],
    ),
    (
        "到2030年，全市农业科技进步贡献率达到80%。",
        [("农业科技进步贡献率", 80, "%", None, "reach", 2030)],
    ),
    ("2028年，城镇污水处理率达到98%。", [("城镇污水处理率", 98, "%", None, "reach", 2028)]),
    ("“十五五”期间，累计新增城镇就业50万人。", [("城镇就业", 50, "万人", None, "increase", 2030)]),
    ("到“十五五”期末，森林覆盖率达到45%。", [("森林覆盖率", 45, "%", None, "reach", 2030)]),
    ("到规划期末，常住人口城镇化率提高到88%。", [("常住人口城镇化率", 88, "%", None, "reach", 2030)]),
    (
        "智能体、新一代智能终端等应用普及率超过90%。",
        [("智能体、新一代智能终端等应用普及率", 90, "%", "gt", "reach", None)],
    ),
    (
        "文化产业增加值占地区生产总值比重保持10%以上。",
        [("文化产业增加值占地区生产总值比重", 10, "%", "ge", "reach", None)],
    ),
    ("城镇调查失业率控制在5%以内。", [("城镇调查失业率", 5, "%", "le", "reach", None)]),
    ("普惠托位占比不低于75%。", [("普惠托位占比", 75, "%", "ge", "reach", None)]),
    ("重大慢性病过早死亡率不超过9%。", [("重大慢性病过早死亡率", 9, "%", "le", "reach", None)]),
    ("万元地区生产总值用水量低于8立方米。", [("万元地区生产总值用水量", 8, "立方米", "lt", "reach", None)]),
    ("力争汽车年产值超1万亿元。", [("汽车年产值", 1, "万亿元", "gt", "reach", None)]),
    ("地区生产总值年均增速4.5%-5%。", [("地区生产总值年均增速", 4.5, "%", "ge", "reach", None)]),
    ("全市地区生产总值年均增长5.0%左右。", [("地区生产总值", 5, "%", "about", "increase", None)]),
    (
        "单位地区生产总值能耗比2025年下降13.5%。",
        [("单位地区生产总值能耗", 13.5, "%", None, "decrease", None)],
    ),
    ("全员劳动生产率提高到35万元/人。", [("全员劳动生产率", 35, "万元/人", None, "reach", None)]),
    # a subject whose own name holds a number keeps it
    ("35岁以下青年人口占比超过35%。", [("35岁以下青年人口占比", 35, "%", "gt", "reach", None)]),
    (
        "每千人口拥有3岁以下婴幼儿托位数达到5.5个。",
        [("每千人口拥有3岁以下婴幼儿托位数", 5.5, "个", None, "reach", None)],
    ),
    (
        "建成区公园绿地500米服务半径覆盖率达到94%。",
        [("建成区公园绿地500米服务半径覆盖率", 94, "%", None, "reach", None)],
    ),
    # a count: what is added, or a target with a comparator
    ("新建公共充电设施4万个左右。", [("公共充电设施", 4, "万个", "about", "increase", None)]),
    ("中心城区每年新增停车设施2万个以上。", [("中心城区停车设施", 2, "万个", "ge", "increase", None)]),
    ("到2030年力争5家以上企业成功上市。", [("企业成功上市", 5, "家", "ge", "reach", 2030)]),
    (
        "建成25个以上紧密型城市医疗集团、区级覆盖率达到100%。",
        [
            ("建成紧密型城市医疗集团", 25, "个", "ge", "reach", None),
            ("区级覆盖率", 100, "%", None, "reach", None),
        ],
    ),
    # doublings
    (
        "到2030年，全市数字经济核心产业增加值翻一番。",
        [("数字经济核心产业增加值", 2, None, None, "multiply", 2030)],
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[c[0][:16] for c in CASES])
def test_each_form_reads_as_written(sentence, expected):
    assert promised(sentence) == [(s, float(v), u, c, d, y) for s, v, u, c, d, y in expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "建设5个智能工厂和数字化车间。",  # a count in a task's description promises nothing by itself
        "实施“513”工业发展行动计划，培育一批龙头企业。",  # a name in quotation marks
        "落实《北京城市总体规划(2016年-2035年)》第3条要求。",  # a book title, an article number
        "招收2—3岁幼儿。",  # an age before a noun says who
        "实施重点产业倍增计划。",  # a plan's name
        "独角兽企业：一般指成立时间不超过10年、估值超过10亿美元的企业。",  # a definition
        "完善全球12小时航空交通圈，构建“15分钟便民生活圈”。",
        "新建算力中心100%使用绿电。",  # a figure inside what is made, not a count of it
    ],
)
def test_what_is_no_commitment(sentence):
    assert promised(sentence) == []


def test_results_of_the_previous_period_are_no_commitments():
    sentence = "“十四五”时期，全市地区生产总值达到5万亿元，年均增长5.2%。"
    assert promised(sentence) == []
    assert reported(sentence) == [
        ("地区生产总值", 5, "万亿元", 2025),
        ("地区生产总值年均增长", 5.2, "%", 2025),
    ]
    assert promised("2024年，全市常住人口城镇化率达到87%。") == []
    assert reported("2024年，全市常住人口城镇化率达到87%。") == [("常住人口城镇化率", 87, "%", 2024)]
    assert promised("全市已建成5G基站11万座。") == []
    assert reported("全市已建成5G基站11万座。") == [("建成5G基站", 11, "万座", 2025)]
    # a result of an addition says so: it is no total
    assert reported("“十四五”时期，新增2060家医疗卫生机构。") == [("医疗卫生机构新增", 2060, "家", 2025)]
    # in a part that looks back, a plain clause is past; a marked one still promises
    assert promised("全市地区生产总值达到5万亿元。", review=True) == []
    assert reported("全市地区生产总值达到5万亿元。", review=True) == [("地区生产总值", 5, "万亿元", 2025)]
    assert promised("到2030年，森林覆盖率达到45%。", review=True) == [
        ("森林覆盖率", 45, "%", None, "reach", 2030)
    ]


def test_phrase_and_sentence_are_the_words_said():
    found = [f for f in read_figures("加快建设，到2030年，全市农业科技进步贡献率达到80%。", False, FIFTEENTH)]
    (figure,) = found
    assert figure.said.phrase == "全市农业科技进步贡献率达到80%"
    assert figure.said.sentence == "加快建设，到2030年，全市农业科技进步贡献率达到80%。"


def test_a_share_out_that_does_not_fit_is_said():
    found = list(read_figures("到2030年，A、B、C分别达到5家、6家。", False, FIFTEENTH))
    assert [type(f) for f in found] == [Unread]
    assert found[0].phrase == "A、B、C分别达到5家、6家"


# --- in a plan: places, line breaks, ids -----------------------------------------------------------


def node(level: str, number: str, title: str, text: str = "", children=()) -> OutlineNode:
    return OutlineNode(level=level, number=number, title=title, text=text, children=list(children))


def test_divisions_stand_for_sections_and_ids_name_the_part():
    """Chapters numbered again in every part, divided by 一、 headings (no 第N节), as Beijing prints them."""
    plan = Plan(
        period=Period(start=2026, end=2030),
        outline=[
            node(
                "part",
                "第一篇",
                "锚定发展目标",
                children=[
                    node("chapter", "第一章", "“十四五”时期重大成就", "全市地区生产总值达到5万亿元。"),
                    node(
                        "chapter",
                        "第二章",
                        "主要目标",
                        children=[node("division", "一、", "经济发展", "城镇调查失业率控制在5%以内。")],
                    ),
                ],
            ),
            node(
                "part",
                "第二篇",
                "建设美丽城市",
                children=[
                    node(
                        "chapter",
                        "第二章",
                        "提升生态品质",
                        "坚持生态优先。",
                        [
                            node(
                                "division",
                                "一、",
                                "增加绿色空间",
                                "扩大绿色空间。新增造林绿化5万亩，森林覆盖率保持在45%以上。",
                            ),
                            node("division", "二、", "改善水环境", "加强河湖保护。自然岸线比例达到68%。"),
                        ],
                    )
                ],
            ),
        ],
    )
    read_body(plan)
    read = [(c.id, c.chapter, c.section, c.subject) for c in plan.commitments]
    assert read == [
        ("1.2.1.c1", "第二章", "一、", "城镇调查失业率"),
        ("2.2.1.c1", "第二章", "一、", "造林绿化"),
        ("2.2.1.c2", "第二章", "一、", "森林覆盖率"),
        ("2.2.2.c1", "第二章", "二、", "自然岸线比例"),
    ]
    assert [(r.subject, r.chapter) for r in plan.results] == [("地区生产总值", "第一章")]
    assert [(t.id, t.title) for t in plan.tasks] == [("2.2.1.1", "扩大绿色空间"), ("2.2.2.1", "加强河湖保护")]


def test_divisions_inside_a_section_are_read_with_it():
    section = node(
        "section",
        "第一节",
        "发展先进制造业",
        "坚持工业强市。",
        [node("division", "一、", "壮大产业集群", "到2030年，规模以上工业企业达到150家以上。")],
    )
    plan = Plan(
        period=Period(start=2026, end=2030), outline=[node("chapter", "第三章", "产业", children=[section])]
    )
    read_body(plan)
    (c,) = plan.commitments
    assert (c.id, c.chapter, c.section, c.subject, c.value, c.deadline) == (
        "3.1.c1",
        "第三章",
        "第一节",
        "规模以上工业企业",
        150,
        2030,
    )


def pdf_plan(lines: list[str]) -> Plan:
    """A plan from a PDF's text layer: one block a printed line, as a PDF reader gives them."""
    blocks = [
        Paragraph("某市国民经济和社会发展第十五个五年规划纲要"),
        Paragraph("第一章 建设美丽城市"),
        *(Paragraph(line) for line in lines),
    ]
    return read_plan(Document(blocks, format="pdf", source="plan.pdf"))


def test_sentences_are_read_across_the_line_breaks_of_a_pdf():
    lines = [
        "完善以轨道交通为骨干、地面公交为支撑的综合交通体",
        "系,打造交通强国首都样板,中心城区绿色出行比例到2030年达",
        "— 27 —",
        "到78%左右。城市更新年度投资到2030年达到30",
        "00亿元以上。智能体、新一代智能终端等应用",
        "普及率超过90%。",
        "增加绿色空间",
        "新增造林绿化5万亩,森林覆盖率保持在45%以上。",
    ]
    plan = pdf_plan(lines)
    read = [(c.subject, c.value, c.unit, c.comparator, c.deadline) for c in plan.commitments]
    assert read == [
        ("中心城区绿色出行比例", 78, "%", "about", 2030),
        ("城市更新年度投资", 3000, "亿元", "ge", 2030),
        ("智能体、新一代智能终端等应用普及率", 90, "%", "gt", None),
        ("造林绿化", 5, "万亩", None, None),
        ("森林覆盖率", 45, "%", "ge", None),
    ]
    assert plan.commitments[0].phrase == "中心城区绿色出行比例到2030年达到78%左右"
    assert "\n" not in plan.commitments[0].sentence
    # a title line stays apart from the paragraph after it
    assert plan.commitments[3].sentence == "新增造林绿化5万亩,森林覆盖率保持在45%以上。"


def test_a_share_out_that_does_not_fit_is_a_warning():
    plan = pdf_plan(["到2030年,甲、乙、丙分别达到5家、6家。"])
    assert plan.commitments == []
    (warning,) = [w for w in plan.warnings if w.code == "commitment_unread"]
    assert "第一章" in warning.message and "甲、乙、丙分别达到5家、6家" in warning.message
    assert warning.message_en and "第一章" in warning.message_en


# --- any sentence of the forms above -----------------------------------------------------------------

NOUNS = ["森林覆盖率", "研发经费投入", "城镇调查失业率", "公共充电设施", "高新技术企业", "货物吞吐量"]
COUNTED = ["公共充电设施", "高新技术企业", "省级创新平台", "城镇就业", "造林绿化", "中小学学位"]
QUALIFIED = ["35岁以下青年人口占比", "每千人口拥有3岁以下婴幼儿托位数", "公园绿地500米服务半径覆盖率"]
UNITS = ["%", "个", "家", "万人", "亿元", "公里", "个百分点", "万吨", "万个", "岁"]
VERBS = {  # verb: (direction, comparator it sets before the figure)
    "达到": ("reach", None),
    "达": ("reach", None),
    "提高到": ("reach", None),
    "保持在": ("reach", None),
    "控制在": ("reach", None),
    "增长": ("increase", None),
    "下降": ("decrease", None),
    "超过": ("reach", "gt"),
    "不低于": ("reach", "ge"),
    "不超过": ("reach", "le"),
}
AFTER = {"": None, "以上": "ge", "左右": "about", "以内": "le"}


@st.composite
def commitment_sentences(draw):
    subject = draw(st.sampled_from(NOUNS + QUALIFIED))
    verb = draw(st.sampled_from(sorted(VERBS)))
    value = draw(st.one_of(st.integers(1, 99999).map(str), st.decimals("0.1", "999.99", places=2).map(str)))
    unit = draw(st.sampled_from(UNITS))
    after = draw(st.sampled_from(sorted(AFTER))) if VERBS[verb][1] is None else ""
    year = draw(st.sampled_from(["", "到2030年，", "2028年，", "“十五五”期间，"]))
    region = draw(st.sampled_from(["", "全市"]))
    space = draw(st.sampled_from(["", " "]))
    sentence = f"{year}{region}{subject}{verb}{space}{value}{space}{unit}{after}。"
    deadline = {"": None, "到2030年，": 2030, "2028年，": 2028, "“十五五”期间，": 2030}[year]
    expected = (subject, float(value), unit, VERBS[verb][1] or AFTER[after], VERBS[verb][0], deadline)
    return sentence, expected


@settings(max_examples=300, deadline=None)
@given(commitment_sentences())
def test_any_sentence_of_subject_verb_number_unit_reads_back(case):
    sentence, expected = case
    assert promised(sentence) == [expected]


@st.composite
def additions(draw):
    """新增A 30家、B 50个, or with a comma, or one pair alone."""
    pairs = draw(
        st.lists(
            st.tuples(st.sampled_from(COUNTED), st.integers(1, 9999), st.sampled_from(UNITS[1:-1])),
            min_size=1,
            max_size=3,
            unique_by=lambda p: p[0],
        )
    )
    joint = draw(st.sampled_from(["、", "，"]))
    sentence = "新增" + joint.join(f"{n}{v}{u}" for n, v, u in pairs) + "。"
    return sentence, [(n, float(v), u, None, "increase", None) for n, v, u in pairs]


@settings(max_examples=100, deadline=None)
@given(additions())
def test_pairs_after_one_verb_each_read_back(case):
    sentence, expected = case
    assert promised(sentence) == expected


@st.composite
def shared_out(draw):
    """甲、乙分别达到1个、2家: 分别 gives each subject its figure, in order."""
    nouns = draw(st.lists(st.sampled_from(NOUNS + QUALIFIED), min_size=2, max_size=3, unique=True))
    figures = draw(
        st.lists(
            st.tuples(st.integers(1, 9999), st.sampled_from(UNITS)), min_size=len(nouns), max_size=len(nouns)
        )
    )
    verb = draw(st.sampled_from(["达到", "提高到", "增长", "下降", "不低于"]))
    direction, comparator = VERBS[verb]
    sentence = "、".join(nouns) + "分别" + verb + "、".join(f"{v}{u}" for v, u in figures) + "。"
    return sentence, [
        (n, float(v), u, comparator, direction, None) for n, (v, u) in zip(nouns, figures, strict=True)
    ]


@settings(max_examples=100, deadline=None)
@given(shared_out())
def test_figures_shared_out_read_back(case):
    sentence, expected = case
    assert promised(sentence) == expected


@st.composite
def wrapped_paragraphs(draw):
    """Sentences of the forms above, printed in lines of one width, broken anywhere (in a number too)."""
    cases = draw(st.lists(commitment_sentences(), min_size=1, max_size=4))
    text = "".join(sentence for sentence, _ in cases)
    width = draw(st.integers(8, 30))
    lines = [text[k : k + width] for k in range(0, len(text), width)]
    return lines, [expected for _, expected in cases]


@settings(max_examples=60, deadline=None)
@given(wrapped_paragraphs())
def test_line_breaks_anywhere_change_nothing(case):
    lines, expected = case
    plan = pdf_plan(lines)
    read = [(c.subject, c.value, c.unit, c.comparator, c.direction, c.deadline) for c in plan.commitments]
    assert read == expected


# --- the two real plans, where present ------------------------------------------------------------


@pytest.mark.skipif(not CORPUS.exists(), reason="the development corpus is not here")
@pytest.mark.parametrize("name", ["beijing-15th.txt", "guangzhou-15th.html"])
def test_real_plans_commitments(name):
    stem = name.rsplit(".", 1)[0]
    expected = json.loads((CORPUS / f"{stem}.expected.json").read_text(encoding="utf-8"))
    plan = ingest(CORPUS / name)
    for e in expected["commitments"]:
        found = [
            c
            for c in plan.commitments
            if c.value == e["value"] and c.unit == e["unit"] and e["phrase"] in c.sentence.replace(" ", "")
        ]
        assert found, e["phrase"]
        assert found[0].comparator == e["comparator"], e["phrase"]
        assert e["subject"] in found[0].subject + found[0].phrase
    # the review of the previous plan gives results, never a commitment due before the plan starts
    assert plan.results and all(c.deadline is None or c.deadline >= 2026 for c in plan.commitments)
    assert all(r.year is not None and r.year < 2026 for r in plan.results)
