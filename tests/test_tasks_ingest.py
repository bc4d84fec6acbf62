"""Tasks, commitments, results and projects: on the sample, and on a county plan written differently."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import jsonschema
import pytest

from planwatch.ingest import ingest, read_plan
from planwatch.ingest.blocks import Document, GridCell, Paragraph
from planwatch.plan.model import Plan, plan_schema
from tests.documents import add_docx_table

# Chapters 3 and 4 of the sample, read by hand: each paragraph's lead, in order (4.3 is not in the body).
SAMPLE_TASKS = {
    ("第三章", "第一节"): ["加强创新型企业培育", "推动产业链融通创新", "组建创新联合体"],
    ("第三章", "第二节"): [
        "构建综合创新服务平台",
        "推进产业创新中心建设",
        "建设创新型平台机构",
        "深化军民融合协同创新",
    ],
    ("第三章", "第三节"): ["完善多元化人才引育机制", "健全创新人才激励和保障机制"],
    ("第三章", "第四节"): [
        "改进科技项目组织管理方式",
        "加大技术创新投入力度",
        "加快科技成果转移转化",
        "营造崇尚创新良好氛围",
    ],
    ("第四章", "第一节"): ["实施产业基础再造工程", "培育“魏都质量”", "叫响“魏都品牌”"],
    ("第四章", "第二节"): [
        "优先壮大三大主导产业",
        "加快培育上市企业",
        "积极实施小微企业成长计划",
        "推动传统产业智能化改造",
    ],
}


def titles(plan: Plan, chapter: str, section: str | None) -> list[str]:
    return [t.title for t in plan.tasks if t.chapter == chapter and t.section == section]


def test_sample_tasks_are_the_leads_a_reader_sees(sample_plan):
    for (chapter, section), expected in SAMPLE_TASKS.items():
        assert titles(sample_plan, chapter, section) == expected, (chapter, section)
    assert [t.id for t in sample_plan.tasks if t.chapter == "第三章" and t.section == "第一节"] == [
        "3.1.1",
        "3.1.2",
        "3.1.3",
    ]
    assert titles(sample_plan, "第四章", "第三节") == []


def test_a_task_runs_from_its_lead_to_the_next(sample_plan):
    first, second = (t for t in sample_plan.tasks if t.id in ("3.1.1", "3.1.2"))
    assert first.text.startswith("加强创新型企业培育。加大前沿科技")
    assert first.text.endswith("壮大以高新技术企业为主体的创新型企业集群。")
    assert second.text.startswith("推动产业链融通创新。")
    # the section's opening paragraph belongs to no task
    assert not any("引进消化吸收再创新能力" in t.text for t in sample_plan.tasks)


def test_short_sentences_inside_a_paragraph_are_no_tasks(sample_plan):
    """Short sentences that only follow a lead closely are part of its paragraph."""
    texts = {t.title: t.text for t in sample_plan.tasks}
    assert "健全政府投入、社会多渠道投入机制。" in texts["加大技术创新投入力度"]
    assert "引导支持有条件的企业组建中原学者工作站。" in texts["建设创新型平台机构"]
    assert "推动建设一批产业集群公共服务综合体。" in texts["优先壮大三大主导产业"]


def test_statements_and_the_review_give_no_tasks(sample_plan):
    assert titles(sample_plan, "第一章", "第一节") == []  # 综合实力显著提升… reports the previous period
    assert titles(sample_plan, "第二章", "第二节") == []  # 高质量发展示范区… is a positioning
    assert titles(sample_plan, "第二章", "第四节") == []  # 高质量发展迈上新台阶… are goals


def test_sample_commitments(sample_plan):
    listed = next(c for c in sample_plan.commitments if c.unit == "家")
    assert (listed.subject, listed.value, listed.comparator, listed.direction, listed.deadline) == (
        "企业成功上市",
        5,
        "ge",
        "reach",
        2025,
    )
    assert (listed.chapter, listed.section) == ("第四章", "第二节")
    assert listed.phrase == "到2025年力争5家以上企业成功上市"
    assert listed.sentence.startswith("建立企业上市推进长效机制")
    doubled = [c for c in sample_plan.commitments if c.direction == "multiply"]
    assert [(c.subject, c.value) for c in doubled] == [("高新技术企业数量", 2), ("科技型中小企业数量", 2)]
    assert {(c.chapter, c.section) for c in doubled} == {("第三章", "第一节")}
    # by hand, these are all the prose of chapters 1-4 promises: 一批, 三大, “513” and 5G count nothing
    assert len(sample_plan.commitments) == 3
    assert not [c for c in sample_plan.commitments if c.chapter == "第一章"]


def test_chapter_one_reports_results(sample_plan):
    results = {(r.subject, r.value, r.unit) for r in sample_plan.results}
    assert ("生产总值", 302, "亿元") in results
    assert ("国家级高新技术企业", 20, "家") in results
    assert ("科技型中小企业", 68, "家") in results
    assert ("一般公共预算收入", 10.18, "亿元") in results
    assert ("生产总值年均增长", 7, "%") in results
    assert {("省级研发平台", 7, "个"), ("市级研发平台", 15, "个")} <= results
    assert {(r.chapter, r.section, r.year) for r in sample_plan.results} == {("第一章", "第一节", 2020)}
    high_tech = next(r for r in sample_plan.results if r.subject == "国家级高新技术企业")
    assert high_tech.phrase == "全区国家级高新技术企业达到20家"


def test_ingest_json_carries_them(sample_plan):
    data = json.loads(sample_plan.model_dump_json())
    jsonschema.validate(data, plan_schema())
    task = next(t for t in data["tasks"] if t["id"] == "3.1.3")
    assert (task["chapter"], task["section"], task["title"]) == ("第三章", "第一节", "组建创新联合体")
    assert data["commitments"] and data["results"]
    assert data["projects"] == []  # the sample's only box in the body is an indicator table


@pytest.fixture(scope="module")
def county_plan(tmp_path_factory: pytest.TempPathFactory) -> Plan:
    """A county plan in Word: parts above chapters, lists instead of leads, project boxes as tables."""
    d = docx.Document()
    d.add_paragraph("青山县国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要")
    d.add_heading("第一篇 发展基础", level=1)
    d.add_heading("第一章 “十三五”发展成就", level=2)
    d.add_paragraph("“十三五”时期,全县上下攻坚克难,经济社会发展取得显著成就。")
    d.add_paragraph("坚持项目带动。全县地区生产总值达到180亿元,年均增长7.2%,累计建成重点项目120个。")
    d.add_heading("第二篇 产业发展", level=1)
    d.add_heading("第二章 构建现代产业体系", level=2)
    d.add_paragraph("坚持把发展经济的着力点放在实体经济上。到2025年,全县地区生产总值比2020年翻一番。")
    d.add_heading("第一节 做强先进制造业", level=3)
    d.add_paragraph("围绕主导产业延链补链强链,推动制造业高端化、智能化、绿色化发展。")
    d.add_paragraph("（一）壮大装备制造产业集群")
    d.add_paragraph("依托县经济开发区,引进一批整机和关键零部件企业,到2025年规模以上工业企业达到150家以上。")
    d.add_paragraph("（二）推进企业技术改造")
    d.add_paragraph("实施新一轮技术改造,推动企业上云用数赋智,建设5个智能工厂和数字化车间。")
    d.add_paragraph("（三）培育专精特新企业")
    d.add_paragraph("建立专精特新企业培育库,力争新增省级专精特新企业20家。")
    d.add_paragraph("专栏1 重大项目")
    add_docx_table(
        d,
        [
            [GridCell("项目名称"), GridCell("建设内容"), GridCell("总投资（亿元）"), GridCell("建设期限")],
            [
                GridCell("青山智能装备产业园"),
                GridCell("建设标准化厂房30万平方米及配套设施"),
                GridCell("25"),
                GridCell("2021-2024年"),
            ],
            [
                GridCell("县城污水处理厂提标改造"),
                GridCell("新增日处理能力3万吨"),
                GridCell("3.2"),
                GridCell("2022-2023年"),
            ],
        ],
    )
    d.add_heading("第二节 推进农业现代化", level=3)
    d.add_paragraph(
        "加快农业农村现代化,重点抓好三项工作:一是稳定粮食生产,落实最严格的耕地保护制度;"
        "二是发展特色农业,打造茶叶、中药材两大产业带;三是完善农村基础设施,推进“四好农村路”建设。"
    )
    d.add_paragraph("专栏2 重点行动")
    add_docx_table(
        d,
        [
            [GridCell("序号"), GridCell("行动名称"), GridCell("主要内容")],
            [GridCell("1"), GridCell("高标准农田建设行动"), GridCell("新建高标准农田5万亩")],
        ],
    )
    d.add_heading("第三节 发展现代服务业", level=3)
    d.add_paragraph("以生产性服务业为重点,推动现代服务业同先进制造业深度融合。")
    d.add_paragraph("加快发展现代物流。依托高速公路出入口,建设县域物流集散中心。完善农村寄递物流体系。")
    d.add_paragraph(
        "提升商贸服务水平。改造提升县城商业街区,发展社区便民商业,到2025年社会消费品零售总额年均增长8%左右。"
    )
    d.add_paragraph("专栏3 服务业主要指标")
    add_docx_table(
        d,
        [
            [GridCell("指标"), GridCell("2020年"), GridCell("2025年")],
            [GridCell("服务业增加值(亿元)"), GridCell("80"), GridCell("120")],
        ],
    )
    d.add_heading("第三篇 绿色发展", level=1)
    d.add_heading("第三章 建设美丽青山", level=2)
    d.add_paragraph("统筹山水林田湖草系统治理,持续改善生态环境质量。")
    d.add_paragraph(
        "1.深入打好污染防治攻坚战。到2025年,氮氧化物、挥发性有机物排放量分别下降8%以上,"
        "县城空气质量优良天数比例达到90%以上。"
    )
    d.add_paragraph("2.加强生态保护修复。实施国土绿化行动,森林覆盖率提高到65%左右。")
    path: Path = tmp_path_factory.mktemp("county") / "county-plan.docx"
    d.save(str(path))
    return ingest(path)


def test_county_plan_is_read_with_its_parts(county_plan):
    assert [(n.level, n.number) for n in county_plan.outline] == [
        ("part", "第一篇"),
        ("part", "第二篇"),
        ("part", "第三篇"),
    ]
    assert county_plan.period is not None and county_plan.period.end == 2025


def test_county_tasks_from_lists_and_leads(county_plan):
    assert titles(county_plan, "第二章", "第一节") == [
        "壮大装备制造产业集群",
        "推进企业技术改造",
        "培育专精特新企业",
    ]
    assert titles(county_plan, "第二章", "第二节") == ["稳定粮食生产", "发展特色农业", "完善农村基础设施"]
    # paragraphs kept: a lead opens its paragraph; 完善农村寄递物流体系 inside one is no lead
    assert titles(county_plan, "第二章", "第三节") == ["加快发展现代物流", "提升商贸服务水平"]
    # a chapter without sections gives its own tasks, numbered as section 0
    chapter3 = [t for t in county_plan.tasks if t.chapter == "第三章"]
    assert [(t.id, t.section, t.title) for t in chapter3] == [
        ("3.0.1", None, "深入打好污染防治攻坚战"),
        ("3.0.2", None, "加强生态保护修复"),
    ]
    assert chapter3[1].text == "加强生态保护修复。实施国土绿化行动,森林覆盖率提高到65%左右。"
    items = {t.title: t for t in county_plan.tasks}
    assert items["推进企业技术改造"].id == "2.1.2"
    assert "推动企业上云用数赋智" in items["推进企业技术改造"].text
    assert items["发展特色农业"].text == "发展特色农业,打造茶叶、中药材两大产业带"
    # the review chapter's 坚持项目带动 reports the past: no task
    assert titles(county_plan, "第一章", None) == []


def test_county_commitments(county_plan):
    read = {
        (c.subject, c.value, c.unit, c.comparator, c.direction, c.deadline, c.chapter, c.section)
        for c in county_plan.commitments
    }
    assert read == {
        ("地区生产总值", 2, None, None, "multiply", 2025, "第二章", None),
        ("规模以上工业企业", 150, "家", "ge", "reach", 2025, "第二章", "第一节"),
        ("省级专精特新企业", 20, "家", None, "increase", None, "第二章", "第一节"),
        ("社会消费品零售总额", 8, "%", "about", "increase", 2025, "第二章", "第三节"),
        ("氮氧化物排放量", 8, "%", "ge", "decrease", 2025, "第三章", None),
        ("挥发性有机物排放量", 8, "%", "ge", "decrease", 2025, "第三章", None),
        ("县城空气质量优良天数比例", 90, "%", "ge", "reach", 2025, "第三章", None),
        ("森林覆盖率", 65, "%", "about", "reach", None, "第三章", None),
    }
    # 建设5个智能工厂 is a count in a task's description with no marker of the future: no commitment
    assert not [c for c in county_plan.commitments if "智能工厂" in c.subject]
    doubling = next(c for c in county_plan.commitments if c.direction == "multiply")
    assert doubling.phrase == "全县地区生产总值比2020年翻一番"
    assert doubling.id == "2.0.c1"


def test_county_results(county_plan):
    assert [(r.subject, r.value, r.unit, r.year, r.chapter) for r in county_plan.results] == [
        ("地区生产总值", 180, "亿元", 2020, "第一章"),
        ("地区生产总值年均增长", 7.2, "%", 2020, "第一章"),
        ("建成重点项目", 120, "个", 2020, "第一章"),
    ]


def test_county_projects_from_boxes(county_plan):
    assert [(p.id, p.box, p.name, p.content, p.investment, p.period) for p in county_plan.projects] == [
        (
            "2.1.p1",
            "专栏1",
            "青山智能装备产业园",
            "建设标准化厂房30万平方米及配套设施",
            "25亿元",
            "2021-2024年",
        ),
        ("2.1.p2", "专栏1", "县城污水处理厂提标改造", "新增日处理能力3万吨", "3.2亿元", "2022-2023年"),
        ("2.2.p1", "专栏2", "高标准农田建设行动", "新建高标准农田5万亩", None, None),
    ]  # 专栏3 is an indicator table: no projects


def test_run_together_paragraphs():
    """A scraped section: leads anywhere after a full stop, a 1. 2. list inside a paragraph stays in it."""
    body = (
        "坚持工业强县,推动制造业高质量发展,加快构建现代产业体系。"
        "加快产业集群发展。完善园区配套设施。依托经济开发区,引进一批整机和关键零部件企业,"
        "推动产业链上下游协同发展,形成特色鲜明的产业集群。"
        "推进企业技术改造。重点抓好两件事:1.实施技改项目,推动设备更新。2.建设数字车间,推动企业上云。"
        "鼓励企业加大技术改造投入,提升装备水平和生产效率。"
    )
    plan = read_plan(
        Document(
            [
                Paragraph("第一章 壮大实体经济", heading_level=1),
                Paragraph("第一节 发展先进制造业", heading_level=2),
                Paragraph(body),
            ],
            format="text",
            source="plan.txt",
        )
    )
    assert [(t.id, t.title) for t in plan.tasks] == [
        ("1.1.1", "加快产业集群发展"),
        ("1.1.2", "推进企业技术改造"),
    ]
    assert "完善园区配套设施。" in plan.tasks[0].text
    assert "1.实施技改项目" in plan.tasks[1].text


def test_principles_and_orientations_are_no_tasks(sample_plan):
    """The sample's 基本原则 (坚持党的全面领导…) and 战略导向 (突出产业培育…) state how, not what to do."""
    assert not [t for t in sample_plan.tasks if t.chapter == "第二章"]
    assert sample_plan.tasks[0].id == "3.1.1"
    assert not [t for t in sample_plan.tasks if t.title.startswith(("坚持", "突出"))]


def _read(*paragraphs: tuple[str, int | None]) -> Plan:
    return read_plan(
        Document(
            [Paragraph(text, heading_level=level) for text, level in paragraphs],
            format="text",
            source="plan.txt",
        )
    )


LEADS = "加快产业集群发展。依托经济开发区,引进一批整机和关键零部件企业。\n推进企业技术改造。鼓励企业加大技术改造投入,提升装备水平。"


@pytest.mark.parametrize(
    "chapter, section",
    [
        ("第二章 “十四五”时期经济社会发展的总体要求", None),
        ("第二章 指导思想、基本要求和发展目标", "第一节 指导思想和基本要求"),
        ("第二章 未来五年发展蓝图和二〇三五年远景目标", "第一节 发展机遇"),
        ("第二章 壮大实体经济", "第一节 发展定位"),
        ("第二章 总体思路", "第一节 发展机遇"),
        ("第二章 壮大实体经济", "第一节 主要原则"),
        ("第二章 壮大实体经济", "第一节 战略导向"),
    ],
)
def test_a_place_headed_as_principles_or_goals_gives_no_tasks(chapter, section):
    paragraphs = [(chapter, 1), *([(section, 2)] if section else []), (LEADS, None)]
    assert _read(*paragraphs).tasks == []


def test_the_same_leads_under_a_task_heading_are_tasks():
    plan = _read(("第二章 壮大实体经济", 1), ("第一节 发展先进制造业", 2), (LEADS, None))
    assert [t.title for t in plan.tasks] == ["加快产业集群发展", "推进企业技术改造"]


def test_a_list_of_principles_is_no_tasks_wherever_it_stands():
    principles = (
        "坚持党的全面领导。把党的领导贯穿发展全过程和各领域各环节。\n"
        "坚持以人民为中心。始终做到发展为了人民、发展依靠人民。\n"
        "坚持系统观念。加强前瞻性思考、全局性谋划、战略性布局。"
    )
    plan = _read(("第一章 奋力开创发展新局面", 1), ("第一节 把握发展规律", 2), (principles, None))
    assert plan.tasks == []


def test_a_list_that_only_starts_with_principle_words_keeps_its_tasks():
    """Items of different words, or titles too long for a formula, say what to do."""
    mixed = (
        "坚持农业优先发展。稳定粮食生产,落实最严格的耕地保护制度。\n"
        "加快发展特色农业。打造茶叶、中药材两大产业带。\n"
        "坚持农村基础设施补短板。推进“四好农村路”建设。"
    )
    long = (
        "坚持把发展经济着力点放在实体经济上。壮大先进制造业集群。\n"
        "坚持推动县域商贸流通体系提质升级。改造提升县城商业街区。\n"
        "坚持推进农村寄递物流体系全面覆盖。建设县域物流集散中心。"
    )
    for text, count in ((mixed, 3), (long, 3)):
        plan = _read(("第二章 推进乡村振兴", 1), ("第一节 发展现代农业", 2), (text, None))
        assert len(plan.tasks) == count, text
