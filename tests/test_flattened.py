"""Indicator tables flattened into running text, beyond the sample."""

from __future__ import annotations

from planwatch.ingest import read_plan
from planwatch.ingest.blocks import Document, Paragraph
from planwatch.ingest.columns import split_name
from planwatch.ingest.splitting import split_digits


def _plan(text: str):
    return read_plan(Document([Paragraph(text)], format="text", source="county.txt"))


def test_split_digits_keeps_numbers_well_formed():
    assert split_digits("3027", 2) == [["3", "027"], ["30", "27"], ["302", "7"]][1:]
    assert ["82.72", "8", "99.85", "6.4"] in split_digits("82.72899.856.4", 4)
    assert all(not p.startswith(".") and not p.endswith(".") for s in split_digits("1.2.3", 2) for p in s)


def test_names_and_units():
    assert split_name("地区生产总值(亿元)") == ("地区生产总值", "亿元", False)
    assert split_name("服务业增加值比重()") == ("服务业增加值比重", "%", True)
    assert split_name("研究与试验发展(R&D)经费投入强度(%)") == ("研究与试验发展(R&D)经费投入强度", "%", False)
    assert split_name("其中:第一产业") == ("其中:第一产业", None, False)


# A county plan of the same kind, written for these tests: other names, figures and groups.
COUNTY = (
    "第一章发展基础1第二章主要目标2"
    "第一章发展基础全县经济稳步增长,地区生产总值年均增长6.8%。"
    "第二章主要目标表1:某县“十四五”经济社会发展主要指标指标“十三五”基数“十四五”目标属性"
    "2020年绝对值年均增长(%)2025年绝对值年均增长(%)"
    "一、经济发展1地区生产总值增长(%)6.86以上预期性2一般公共预算收入(亿元)8.59.2预期性"
    "3常住人口城镇化率(%)48.658预期性二、民生福祉4城镇调查失业率(%)5.5以内预期性"
    "5人均预期寿命(岁)76.81预期性三、生态环境6单位GDP能源消耗降低(%)控制在市目标内约束性"
    "7森林覆盖率(%)31.235约束性注:1.地区生产总值增速按可比价计算。2.[ ]内为五年累计数。"
    "全县上下要凝心聚力,确保目标实现。"
)


def test_a_county_table_reads_row_by_row():
    plan = _plan(COUNTY)
    assert len(plan.tables) == 1
    table = plan.tables[0]
    assert table.caption.startswith("表1:某县")
    assert table.groups == ["一、经济发展", "二、民生福祉", "三、生态环境"]
    rows = {r.name: r for r in table.rows}
    assert list(rows) == [
        "地区生产总值增长",
        "一般公共预算收入",
        "常住人口城镇化率",
        "城镇调查失业率",
        "人均预期寿命",
        "单位GDP能源消耗降低",
        "森林覆盖率",
    ]
    cells = {name: [c.raw for c in r.cells] for name, r in rows.items()}
    assert cells["地区生产总值增长"] == ["", "6.8", "", "6以上"]
    assert cells["一般公共预算收入"] == ["8.5", "", "9.2", ""]
    assert cells["常住人口城镇化率"] == ["48.6", "", "58", ""]
    assert cells["城镇调查失业率"] == ["", "", "5.5以内", ""]
    assert cells["人均预期寿命"] == ["76.8", "", "[1]", ""]
    assert cells["单位GDP能源消耗降低"][2] == "控制在市目标内"
    assert cells["森林覆盖率"] == ["31.2", "", "35", ""]
    assert [r.attribute for r in table.rows] == ["预期性"] * 5 + ["约束性"] * 2
    assert rows["城镇调查失业率"].category == "民生福祉"
    assert table.notes == ["地区生产总值增速按可比价计算。", "[ ]内为五年累计数。"]
    # the prose after the notes is the chapter's text again, not part of the table
    assert plan.outline[1].text.endswith("确保目标实现。")


def test_a_run_that_fits_no_reading_is_kept_and_flagged():
    text = (
        "表3:主要指标序号指标2020年2025年一、经济发展1地区生产总值(亿元)1002003外贸依存度(%)"
        "12.3.4.5.6.7.8.9.1.2.3预期性"
    )
    table = _plan(text).tables[0]
    last = table.rows[-1]
    assert last.name == "外贸依存度"
    assert last.cells and all(c.uncertain for c in last.cells)
