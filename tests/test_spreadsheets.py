"""Indicator tables and yearly figures from .xlsx and .csv, and the template departments fill in."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from planwatch.errors import InputError
from planwatch.ingest.spreadsheets import is_rate_name, read_indicators, read_observations, write_template
from planwatch.plan.model import Indicator, Observation, Reading


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def write_csv(path: Path, rows: list[list[object]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def indicator(ident: str, name: str, **fields: object) -> Indicator:
    return Indicator(id=ident, name=name, base_year=2020, target_year=2025, **fields)


INDICATORS = [
    indicator("1", "地区生产总值增长", unit="%", rate=True),
    indicator("2", "常住人口城镇化率", unit="%"),
    indicator("3", "一般公共预算收入", unit="亿元"),
]


# Indicators -----------------------------------------------------------------


def test_chinese_headers_from_xlsx(tmp_path):
    path = write_xlsx(
        tmp_path / "指标.xlsx",
        [
            ["序号", "类别", "指标", "单位", "基期值（2020年）", "目标值（2025年）", "属性"],
            [1, "经济发展", "地区生产总值增长", "%", 6.5, "7左右", "预期性"],
            [2, "经济发展", "常住人口城镇化率", "%", "58*", 65.0, "约束性"],
            [3, "绿色生态", "单位GDP能源消耗降低", "%", None, "〔13.5〕", "约束性"],
            [4, "绿色生态", "用水总量", "亿立方米", 2.1, "控制在市目标内", None],
        ],
    )
    assert read_indicators(path, base_year=2020, target_year=2025) == [
        indicator(
            "1",
            "地区生产总值增长",
            unit="%",
            category="经济发展",
            attribute="预期性",
            baseline=Reading(kind="number", value=6.5),
            baseline_raw="6.5",
            target=Reading(kind="number", value=7, comparator="about"),
            target_raw="7左右",
            rate=True,
        ),
        indicator(
            "2",
            "常住人口城镇化率",
            unit="%",
            category="经济发展",
            attribute="约束性",
            baseline=Reading(
                kind="number",
                value=58,
                earlier_year=True,
                note="带*的数字为往年数据",
                note_en="the figure is of an earlier year (trailing *)",
            ),
            baseline_raw="58*",
            target=Reading(kind="number", value=65),
            target_raw="65",
        ),
        indicator(
            "3",
            "单位GDP能源消耗降低",
            unit="%",
            category="绿色生态",
            attribute="约束性",
            target=Reading(kind="cumulative", value=13.5),
            target_raw="〔13.5〕",
            rate=True,
        ),
        indicator(
            "4",
            "用水总量",
            unit="亿立方米",
            category="绿色生态",
            baseline=Reading(kind="number", value=2.1),
            baseline_raw="2.1",
            target=Reading(kind="higher_plan", authority="市"),
            target_raw="控制在市目标内",
        ),
    ]


def test_growth_columns_alone_are_not_enough(tmp_path):
    path = write_csv(
        tmp_path / "growth.csv",
        [["Name", "Baseline Growth", "Target Growth"], ["GDP增长", "7.1", "6.5"]],
    )
    with pytest.raises(InputError) as e:
        read_indicators(path, 2020, 2025)
    assert str(e.value) == f"{path}: 表头（第1行）没有“基期值”列，也没有“目标值”列。"


def test_english_headers_from_csv_with_bom_and_years_per_row(tmp_path):
    path = write_csv(
        tmp_path / "indicators.csv",
        [
            [
                " Name ",
                "[Unit]",
                "ＡＴＴＲＩＢＵＴＥ",
                "Target",
                "Baseline Growth",
                "Target_Growth",
                "base_year",
                "Target Year",
            ],
            ["GDP增长", "%", "expected", "", "7.1", "6.5", "2020", "2025"],
            ["", "", "", "", "", "", "", ""],
            ["R&D经费投入增长", "%", "Binding", "", "", "", "2021", "2025"],
        ],
        encoding="utf-8-sig",
    )
    assert read_indicators(path) == [
        indicator(
            "GDP增长",
            "GDP增长",
            unit="%",
            attribute="预期性",
            baseline_growth=Reading(kind="number", value=7.1),
            baseline_growth_raw="7.1",
            target_growth=Reading(kind="number", value=6.5),
            target_growth_raw="6.5",
            rate=True,
        ),
        Indicator(
            id="R&D经费投入增长",
            name="R&D经费投入增长",
            unit="%",
            attribute="约束性",
            base_year=2021,
            target_year=2025,
            rate=True,
        ),
    ]


def test_gbk_csv_with_short_headers(tmp_path):
    path = write_csv(
        tmp_path / "gbk.csv",
        [["指标名称", "基数", "目标"], ["城镇新增就业", "1.6", "[8]"]],
        encoding="gbk",
    )
    assert read_indicators(path, 2020, 2025) == [
        indicator(
            "城镇新增就业",
            "城镇新增就业",
            baseline=Reading(kind="number", value=1.6),
            baseline_raw="1.6",
            target=Reading(kind="cumulative", value=8),
            target_raw="[8]",
        )
    ]


def test_percent_formatted_excel_cells_read_as_percent(tmp_path):
    path = tmp_path / "percent.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["指标", "基期值", "目标值"])
    book.active.append(["森林覆盖率", 0.265, 0.27])
    book.active["B2"].number_format = "0.0%"
    book.save(path)
    [row] = read_indicators(path, 2020, 2025)
    assert (row.baseline_raw, row.target_raw) == ("26.5%", "0.27")
    assert row.baseline == Reading(kind="number", value=26.5, unit="%")


def test_vertically_merged_category_applies_to_every_row(tmp_path):
    path = tmp_path / "merged.xlsx"
    book = openpyxl.Workbook()
    for row in (["类别", "指标", "目标值"], ["经济发展", "地区生产总值", 600], [None, "人均地区生产总值", 9]):
        book.active.append(row)
    book.active.merge_cells("A2:A3")
    book.save(path)
    assert [row.category for row in read_indicators(path, 2020, 2025)] == ["经济发展", "经济发展"]


def test_a_row_with_a_name_only_is_kept(tmp_path):
    path = write_csv(tmp_path / "bare.csv", [["指标", "目标值"], ["空气质量优良天数比例", ""]])
    assert read_indicators(path, 2020, 2025) == [indicator("空气质量优良天数比例", "空气质量优良天数比例")]


def test_missing_years_ask_for_the_options(tmp_path):
    path = write_csv(tmp_path / "noyears.csv", [["指标", "目标值"], ["地区生产总值", "600"]])
    with pytest.raises(InputError) as e:
        read_indicators(path, base_year=2020)
    assert e.value.where == str(path)
    assert e.value.reason == "表中没有“目标年”列：请加上这一列，或在命令行用 --target-year 给出目标年。"


def test_a_row_without_its_year_and_no_default_is_an_error(tmp_path):
    path = write_csv(
        tmp_path / "rowyears.csv",
        [
            ["指标", "目标值", "基期年", "目标年"],
            ["地区生产总值", "600", "2020", "2025"],
            ["税收收入", "50", "", "2025"],
        ],
    )
    with pytest.raises(InputError) as e:
        read_indicators(path)
    assert e.value.where == str(path)
    assert e.value.reason == "第3行“基期年”列没有填写（命令行也可用 --base-year 给出）。"
    assert [row.base_year for row in read_indicators(path, base_year=2019)] == [2020, 2019]


def test_a_bad_attribute_names_file_row_and_column(tmp_path):
    path = write_xlsx(
        tmp_path / "attr.xlsx",
        [["指标", "目标值", "指标属性"], ["地区生产总值", 600, "约束性"], ["税收收入", 50, "重要"]],
    )
    with pytest.raises(InputError) as e:
        read_indicators(path, 2020, 2025)
    assert str(e.value) == f"{path}（工作表“Sheet”）: 第3行“指标属性”列的“重要”应为“预期性”或“约束性”。"


def test_duplicate_ids_name_both_rows(tmp_path):
    path = write_csv(
        tmp_path / "dup.csv",
        [["指标", "目标值"], ["其中：城镇", "5"], ["地区生产总值", "600"], ["其中：城镇", "6"]],
    )
    with pytest.raises(InputError) as e:
        read_indicators(path, 2020, 2025)
    assert str(e.value) == (f"{path}: 第4行：指标“其中：城镇”与第2行重复；同名的指标请加“序号”列加以区分。")


@pytest.mark.parametrize(
    ("name", "rate"),
    [
        ("地区生产总值增长", True),
        ("单位GDP能源消耗降低", True),
        ("单位GDP二氧化碳排放下降", True),
        ("规模以上工业增加值增速", True),
        ("PM2.5浓度降幅", True),
        ("主要污染物排放总量减少", True),
        ("居民人均可支配收入增长（%）", True),
        ("地区生产总值", False),
        ("常住人口城镇化率", False),
        ("城镇调查失业率", False),
    ],
)
def test_rate_names(name, rate):
    assert is_rate_name(name) is rate


# Observations ---------------------------------------------------------------


def test_observations_match_names_leniently(tmp_path):
    path = write_csv(
        tmp_path / "obs.csv",
        [
            ["指标", "年份", "值", "来源", "备注", "年度目标"],
            ["地区生产总值增长（%）", "2021", "６．５", "统计公报", "", "7左右"],
            [" 常住人口 城镇化率 ", "２０２２年", "61.2%", "", "快报数", ""],
            ["3", 2022, "1,234", "", "", ""],
            ["“一般公共预算收入”【亿元】", "2021", "", "", "", ""],
        ],
        encoding="gbk",
    )
    assert read_observations(path, INDICATORS) == [
        Observation(
            indicator="1",
            year=2021,
            value=6.5,
            source="统计公报",
            annual_target=Reading(kind="number", value=7, comparator="about"),
            annual_target_raw="7左右",
        ),
        Observation(indicator="2", year=2022, value=61.2, note="快报数"),
        Observation(indicator="3", year=2022, value=1234),
    ]


def test_a_shared_name_is_settled_by_the_serial_number(tmp_path):
    indicators = [indicator("5.1", "其中：城镇"), indicator("6.1", "其中：城镇")]
    path = write_csv(
        tmp_path / "obs.csv",
        [["序号", "指标", "年份", "值"], ["6.1", "其中：城镇", "2021", "3"], ["", "其中：城镇", "2022", "4"]],
    )
    with pytest.raises(InputError) as e:
        read_observations(path, indicators)
    assert str(e.value) == (
        f"{path}: 第3行：规划中有多个指标名为“其中：城镇”（序号“5.1”、“6.1”），请在“序号”列填写序号。"
    )
    path = write_csv(
        tmp_path / "obs.csv", [["序号", "指标", "年份", "值"], ["6.1", "其中：城镇", "2021", "3"]]
    )
    assert read_observations(path, indicators) == [Observation(indicator="6.1", year=2021, value=3)]


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (["人均GDP", "2021", "9"], "：规划中没有名为“人均GDP”的指标"),
        (["地区生产总值增长", "21", "6.5"], "“年份”列的“21”不是1949—2100年间的年份"),
        (["地区生产总值增长", "2200", "6.5"], "“年份”列的“2200”不是1949—2100年间的年份"),
        (["地区生产总值增长", "2021", "六点五"], "“值”列的“六点五”不是数字"),
        (["地区生产总值增长", "2021", "7左右"], "“值”列的“7左右”不是数字"),
        (["地区生产总值增长", "2021", "1.6万人"], "“值”列的“1.6万人”不是数字"),
        (["地区生产总值增长", "", "6.5"], "“年份”列没有填写年份"),
        (["", "2021", "6.5"], "“指标”列没有填写指标"),
    ],
)
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_bad_row_names_the_file_and_the_row(tmp_path, row, reason, suffix):
    rows = [[], ["指标", "年份", "值"], ["常住人口城镇化率", "2021", "60"], row]
    write = write_csv if suffix == ".csv" else write_xlsx
    path = write(tmp_path / f"obs{suffix}", rows)
    with pytest.raises(InputError) as e:
        read_observations(path, INDICATORS)
    sheet = "" if suffix == ".csv" else "（工作表“Sheet”）"  # a workbook's sheet is named
    assert str(e.value) == f"{path}{sheet}: 第4行{reason}。"


def test_the_same_indicator_and_year_twice_names_both_rows(tmp_path):
    path = write_xlsx(
        tmp_path / "obs.xlsx",
        [["指标", "年份", "值"], ["常住人口城镇化率", 2021, 60], ["地区生产总值", 2021, 1], ["2", 2021, 61]],
    )
    indicators = [*INDICATORS, indicator("4", "地区生产总值")]
    with pytest.raises(InputError) as e:
        read_observations(path, indicators)
    assert (
        str(e.value)
        == f"{path}（工作表“Sheet”）: 第4行：常住人口城镇化率2021年的数值填了两次（第2行和第4行）。"
    )


def test_vintage_and_publication_date_are_read(tmp_path):
    path = write_csv(
        tmp_path / "obs.csv",
        [
            ["指标", "年份", "值", "数据类型", "发布日期"],
            ["常住人口城镇化率", "2021", "60", "快报", "2022年3月1日"],
            ["常住人口城镇化率", "2021", "60.3", "年鉴", "2022/12/30"],
            ["一般公共预算收入", "2021", "12", "", ""],
        ],
    )
    assert read_observations(path, INDICATORS) == [
        Observation(indicator="2", year=2021, value=60, vintage="preliminary", published=dt.date(2022, 3, 1)),
        Observation(indicator="2", year=2021, value=60.3, vintage="final", published=dt.date(2022, 12, 30)),
        Observation(indicator="3", year=2021, value=12),
    ]


@pytest.mark.parametrize(
    ("cells", "reason"),
    [
        (["公报", ""], "“口径”列的“公报”无法识别，应填初步核算、快报、最终核实或年鉴"),
        (["", "2022-02-30"], "“公布日期”列的“2022-02-30”不是日期，应写作 2024-02-28"),
        (["", "去年"], "“公布日期”列的“去年”不是日期，应写作 2024-02-28"),
    ],
)
def test_a_bad_vintage_or_date_names_the_row(tmp_path, cells, reason):
    path = write_csv(
        tmp_path / "obs.csv",
        [
            ["指标", "年份", "值", "口径", "公布日期"],
            ["常住人口城镇化率", "2021", "60", "初步核算", ""],
            ["2", "2022", "61", *cells],
        ],
    )
    with pytest.raises(InputError) as e:
        read_observations(path, INDICATORS)
    assert str(e.value) == f"{path}: 第3行{reason}。"


@pytest.mark.parametrize("dates", [("", ""), ("2022-03-01", ""), ("2022-03-01", "2022-03-01")])
def test_two_figures_of_a_year_need_two_publication_dates(tmp_path, dates):
    path = write_csv(
        tmp_path / "obs.csv",
        [["指标", "年份", "值", "发布日期"], ["2", "2021", "60", dates[0]], ["2", "2021", "60.3", dates[1]]],
    )
    with pytest.raises(InputError) as e:
        read_observations(path, INDICATORS)
    assert str(e.value) == f"{path}: 第3行：常住人口城镇化率2021年的数值填了两次（第2行和第3行）。"


def test_a_missing_column_is_named(tmp_path):
    path = write_csv(
        tmp_path / "obs.csv", [["indicator", "Year", "来源"], ["地区生产总值增长", "2021", "统计局"]]
    )
    with pytest.raises(InputError) as e:
        read_observations(path, INDICATORS)
    assert str(e.value) == f"{path}: 表头（第1行）缺少“值”列。"


def test_every_bad_row_is_listed_and_nothing_is_returned(tmp_path):
    path = write_csv(
        tmp_path / "obs.csv",
        [
            ["Indicator", "Year", "Value"],
            ["地区生产总值增长", "2021", "6.5"],
            ["人均GDP", "2021", "9"],
            ["常住人口城镇化率", "2021", "60"],
            ["常住人口城镇化率", "1900", "abc"],
            ["地区生产总值增长", "2021", "6.6"],
        ],
    )
    with pytest.raises(InputError) as e:
        read_observations(path, INDICATORS)
    assert e.value.where == str(path)
    assert e.value.reason == (
        "有3行填写有误：第3行：规划中没有名为“人均GDP”的指标；"
        "第5行“Year”列的“1900”不是1949—2100年间的年份；“Value”列的“abc”不是数字；"
        "第6行：地区生产总值增长2021年的数值填了两次（第2行和第6行）。"
    )


def test_unknown_formats_are_refused(tmp_path):
    path = tmp_path / "obs.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(InputError) as e:
        read_observations(path, INDICATORS)
    assert str(e.value) == f"{path}: 是旧版 .xls 工作簿，请在 Excel 中另存为 .xlsx 后再导入。"


# Template -------------------------------------------------------------------


def test_the_template_round_trips(tmp_path):
    indicators = [
        indicator(
            "1",
            "地区生产总值增长",
            unit="%",
            attribute="预期性",
            baseline_raw="6.5",
            target_growth_raw="6.5",
            rate=True,
        ),
        indicator("城镇化率", "城镇化率", baseline_raw="58*", target_raw="65"),
        indicator(
            "单位GDP能源消耗降低", "单位GDP能源消耗降低", attribute="约束性", target_raw="〔13.5〕", rate=True
        ),
    ]
    path = tmp_path / "template.xlsx"
    write_template(indicators, [2021, 2022], path)

    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["监测数据填报", "说明"]
    sheet = book["监测数据填报"]
    empty = [None] * 5
    assert [list(row) for row in sheet.iter_rows(values_only=True)] == [
        [
            "序号",
            "指标",
            "单位",
            "属性",
            "基期值",
            "目标值",
            "年份",
            "值",
            "来源",
            "备注",
            "年度目标",
            "数据类型",
            "发布日期",
        ],
        ["1", "地区生产总值增长", "%", "预期性", "6.5", "年均增长6.5%", 2021, *empty, None],
        ["1", "地区生产总值增长", "%", "预期性", "6.5", "年均增长6.5%", 2022, *empty, None],
        ["2", "城镇化率", None, None, "58*", "65", 2021, *empty, None],
        ["2", "城镇化率", None, None, "58*", "65", 2022, *empty, None],
        ["3", "单位GDP能源消耗降低", "%", "约束性", None, "〔13.5〕", 2021, *empty, None],
        ["3", "单位GDP能源消耗降低", "%", "约束性", None, "〔13.5〕", 2022, *empty, None],
    ]
    assert sheet.freeze_panes == "A2"
    value, vintage = sheet.data_validations.dataValidation
    assert value.type == "decimal"
    assert str(value.sqref) == "H2:H7"
    assert "数字" in value.error
    assert (vintage.type, str(vintage.sqref)) == ("list", "L2:L7")
    assert vintage.formula1 == '"初步核算,快报,最终核实,年鉴"'
    assert "值" in book["说明"]["A3"].value
    assert "发布日期" in book["说明"]["A7"].value

    sheet["H2"] = 6.9
    sheet["H5"] = 61.2
    sheet["I5"] = "统计公报"
    sheet["L5"] = "初步核算"
    sheet["M5"] = dt.datetime(2023, 3, 20)
    book.save(path)
    assert read_observations(path, indicators) == [
        Observation(indicator="1", year=2021, value=6.9),
        Observation(
            indicator="城镇化率",
            year=2022,
            value=61.2,
            source="统计公报",
            vintage="preliminary",
            published=dt.date(2023, 3, 20),
        ),
    ]


def test_a_formula_the_file_keeps_no_result_for_is_refused_not_skipped(tmp_path):
    # written by a program: openpyxl keeps the formula and no cached result, as Excel would on saving
    path = write_xlsx(
        tmp_path / "公式.xlsx",
        [["指标", "年份", "值"], ["地区生产总值增长", 2021, 6.1], ["常住人口城镇化率", 2021, "=B2*30"]],
    )
    with pytest.raises(InputError) as refused:
        read_observations(path, INDICATORS)
    assert "第3行“值”列是公式“=B2*30”，文件中没有保存它的计算结果" in refused.value.reason


def test_a_refused_row_names_the_indicator_and_year_it_could_read(tmp_path):
    from planwatch.ingest.spreadsheets import read_observation_rows

    path = write_xlsx(
        tmp_path / "错.xlsx",
        [["指标", "年份", "值"], ["常住人口城镇化率", 2022, "约五"], ["人均GDP", 2023, 1]],
    )
    good, bad = read_observation_rows(path, INDICATORS)
    assert good == []
    assert [(b.row, b.indicator, b.year) for b in bad] == [
        (2, "常住人口城镇化率", 2022),
        (3, "人均GDP", 2023),
    ]
    assert "“约五”不是数字" in bad[0].reason
