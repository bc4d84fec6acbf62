"""The sample plan evaluated: its 表2 as indicators, and its 专栏1 as the 13th plan's final evaluation."""

from __future__ import annotations

from pathlib import Path

from planwatch.evaluate.from_plan import completion_table, indicators_from_plan
from planwatch.evaluate.method import evaluate, target_kind
from planwatch.ingest import ingest
from planwatch.plan.model import Observation

DATA = Path(__file__).parent / "data"

# 专栏1 read by a person: (row, level target met?, average growth target met?); None where the table
# cannot tell (a dash, an empty cell, or a target that refers to the city's figure).
COMPLETION = [
    ("地区生产总值", True, False),  # 302 against 170以上; 7 against 8以上
    ("其中:第一产业", False, None),  # 0.15 against 1.4
    ("第二产业", True, False),
    ("工业", False, False),
    ("其中:规模以上工业", False, False),
    ("第三产业", True, False),
    ("全社会固定资产投资", False, False),
    ("一般公共预算收入", False, True),  # 10.18 against 13.52; 15.3 against 8
    ("社会消费品零售总额", True, False),
    ("外贸进出口总额", False, False),
    ("其中:出口总额", False, False),
    ("实际利用外商直接投资", False, False),
    ("服务业增加值比重", True, None),
    ("高新技术产业增加值比重", True, None),
    ("研究及开发经费占GDP比重", False, None),
    ("万人发明专利拥有量", True, None),
    ("城镇居民人均可支配收入", False, None),  # the achieved growth cell is empty
    ("新增城镇就业人数", False, None),  # 11000 against 16000 a year
    ("城镇登记失业率", False, None),  # 4.9 against 3: lower is better
    ("每千人拥有执业医师数", True, None),
    ("养老床位数", True, None),  # 58 against 35 per thousand
    ("社会保障覆盖率", False, None),  # 98 against 100
    ("万元生产总值能耗", True, None),  # 完成市定目标: the result says the city's target was met
    ("万元生产总值二氧化碳排放量", True, None),
    ("二氧化硫排放量", None, None),  # 完成市下达目标 against a tonnage: the city's figure is not given
    ("氮氧化物排放量", None, None),
    ("化学需氧量排放量", None, None),
    ("氨氮排放量", None, None),
    ("其他国家要求的污染物排放量", None, None),
    ("城市绿化覆盖率", True, None),
    ("城市空气质量优良天数比例", None, None),
]


def test_box1_says_which_13th_plan_targets_were_met(sample_plan):
    rows = completion_table(sample_plan.tables[0])
    assert [(r.name, r.met, r.growth_met) for r in rows] == COMPLETION
    gdp = rows[0]
    assert gdp.completion == 302 / 170


def test_table2_becomes_indicators_with_their_kinds(sample_plan):
    indicators = indicators_from_plan(sample_plan)
    assert len(indicators) == 16
    assert {(i.base_year, i.target_year) for i in indicators} == {(2020, 2025)}
    kinds = {i.name: target_kind(i) for i in indicators}
    assert kinds["地区生产总值增长"] == "growth"
    assert kinds["常住人口城镇化率"] == "level"
    assert kinds["人均预期寿命"] == "cumulative"
    assert kinds["单位GDP能源消耗降幅"] == "unknown"  # 控制在市目标内
    assert kinds["森林覆盖率"] == "unknown"  # 按市下达目标
    binding = [i.name for i in indicators if i.attribute == "约束性"]
    assert binding == [
        "单位GDP能源消耗降幅",
        "单位GDP二氧化碳排放量降低",
        "城市空气优良天数比率",
        "达到或好于Ⅲ类水体占地表水比例",
        "森林覆盖率",
    ]


def test_table2_evaluated_for_a_year(sample_plan):
    indicators = indicators_from_plan(sample_plan)
    gdp = next(i for i in indicators if i.name == "地区生产总值增长")
    patents = next(i for i in indicators if i.name == "每万人口发明专利拥有量")
    observations = [
        Observation(indicator=gdp.id, year=2021, value=6.8),
        Observation(indicator=gdp.id, year=2022, value=6.2),
        Observation(indicator=patents.id, year=2022, value=29.6),
    ]
    found = {a.name: a for a in evaluate(indicators, observations, 2022)}
    # 1.068 x 1.062 = 1.13422 against 1.065^2 = 1.13423: on the path
    assert found["地区生产总值增长"].status == "on_track"
    # 27.9 -> 32: the 2022 path is 29.54, and 29.6 is a little ahead of it (progress 1.04)
    assert found["每万人口发明专利拥有量"].expected == 29.54
    assert found["每万人口发明专利拥有量"].status == "on_track"
    assert found["森林覆盖率"].status == "not_assessable"
    assert found["常住人口城镇化率"].status == "not_assessable"  # no observation


def test_a_portal_table_with_roles_gives_indicators_with_growth_targets_where_the_cells_say_so():
    """专栏1 of a city portal: 2025年完成值 is the base, growth targets printed inside the cells."""
    plan = ingest(DATA / "guangzhou-15th-boxes.html")
    found = {i.name: i for i in indicators_from_plan(plan)}
    assert len(found) == 30  # 29 indicators, one of them in two sub-rows, and the parent row
    gdp = found["地区生产总值年均增长"]
    assert (gdp.base_year, gdp.target_year) == (2025, 2030)
    assert (gdp.baseline, gdp.target) == (None, None)
    assert (gdp.baseline_growth.value, gdp.target_growth.value, gdp.target_growth.comparator) == (
        4.0,
        5.0,
        "about",
    )
    productivity = found["全员劳动生产率"]
    assert (productivity.baseline.value, productivity.target.value, productivity.target_growth) == (
        28,
        36,
        None,
    )
    assert target_kind(productivity) == "level"
