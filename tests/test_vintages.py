"""Data vintages: a year's figure published preliminary and then final, both kept, each with its day; a
judgement naming the vintage it used; the figures as they stood on a day, by the web and by the command.

The worked example is China's GDP for 2022 as the National Bureau of Statistics published it twice:
初步核算 1,210,207 亿元 on 17 January 2023 (repeated in the 2022 statistical communiqué of 28 February
2023), and 最终核实 1,204,724 亿元 on 29 December 2023 (国家统计局关于2022年国内生产总值最终核实的公告:
5,483 亿元 less than the preliminary figure; the growth, 3.0%, unchanged).
"""

from __future__ import annotations

import datetime as dt
import json
from datetime import timedelta

import pytest
from django.utils import timezone
from typer.testing import CliRunner

from planwatch.cli import app
from planwatch.errors import InputError
from planwatch.evaluate.method import evaluate
from planwatch.evaluate.vintages import as_of_note, known_on, preliminary_years, vintage_note, with_vintages
from planwatch.plan.cells import read_cell
from planwatch.plan.model import Indicator, Observation
from planwatch.server.demo import load_demo
from planwatch.server.monitoring.models import Observation as StoredObservation
from planwatch.server.monitoring.services import record_observation
from planwatch.server.reports.services import assessments

PRELIMINARY_DAY = dt.date(2023, 1, 17)
FINAL_DAY = dt.date(2023, 12, 29)
PRELIMINARY = Observation(
    indicator="GDP", year=2022, value=1210207, vintage="preliminary", published=PRELIMINARY_DAY
)
FINAL = Observation(indicator="GDP", year=2022, value=1204724, vintage="final", published=FINAL_DAY)
# A level to reach by 2025, for the example only: the national plan sets no GDP level.
GDP = Indicator(
    id="GDP",
    name="国内生产总值",
    unit="亿元",
    base_year=2020,
    target_year=2025,
    baseline=read_cell("1015986"),
    baseline_raw="1015986",
    target=read_cell("1400000"),
    target_raw="1400000",
)


# The library ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "values"),
    [
        (dt.date(2022, 12, 31), []),
        (PRELIMINARY_DAY, [1210207]),
        (dt.date(2023, 12, 28), [1210207]),
        (FINAL_DAY, [1204724]),
        (None, [1204724]),
    ],
)
def test_the_figure_known_on_a_day_is_the_last_published_by_then(day, values):
    for order in ([PRELIMINARY, FINAL], [FINAL, PRELIMINARY]):
        assert [o.value for o in known_on(order, day)] == values


def test_an_undated_figure_is_known_and_a_dated_one_revises_it():
    undated = Observation(indicator="GDP", year=2022, value=1210000)
    assert known_on([undated, FINAL], dt.date(2023, 6, 30)) == [undated]
    assert known_on([FINAL, undated], None) == [FINAL]
    other = Observation(indicator="GDP", year=2021, value=1143670)
    assert known_on([other, PRELIMINARY, FINAL], PRELIMINARY_DAY) == [other, PRELIMINARY]


def test_an_assessment_names_the_vintage_of_its_figures():
    figures = [Observation(indicator="GDP", year=2021, value=1143670, vintage="final"), PRELIMINARY]
    [judged] = with_vintages(evaluate([GDP], figures, 2022), figures)
    assert judged.actual == 1210207
    assert judged.vintages == {2021: "final", 2022: "preliminary"}
    assert preliminary_years(judged) == [2022]
    assert vintage_note([judged]) == "注：2022年1项指标的数据为初步核算数，最终核实后可能修订。"
    assert vintage_note([judged], "en") == (
        "Preliminary figures, which the final ones may revise: 1 indicator in 2022."
    )
    [earlier] = with_vintages(evaluate([GDP], figures, 2021), figures)
    assert earlier.vintages == {2021: "final"} and vintage_note([earlier]) == ""
    [final] = with_vintages(evaluate([GDP], [FINAL], 2022), [FINAL])
    assert (final.actual, final.vintages) == (1204724, {2022: "final"})


def test_the_as_of_note():
    assert as_of_note(dt.date(2024, 6, 30)) == "按2024年6月30日已发布的数据评估，其后的修订不计入。"
    assert as_of_note(dt.date(2024, 6, 30), "en") == (
        "Assessed with the figures published by 2024-06-30; later revisions are not counted."
    )


# The server ----------------------------------------------------------------------------------------


@pytest.fixture
def gdp(db):
    """The demo's GDP growth, whose 2025 figure the demo leaves empty."""
    return load_demo().indicators.get(name="地区生产总值增长")


def moment(day: dt.date) -> dt.datetime:
    """The end of a day in the server's time zone, as a page's ?as_of= asks."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.max))


def test_a_revision_keeps_the_vintage_and_day_of_each_figure(gdp):
    entered = timezone.now() - timedelta(days=300)
    record_observation(
        gdp, 2025, 5.4, source="统计公报", vintage="preliminary", published_on=dt.date(2026, 3, 1), at=entered
    )
    record_observation(gdp, 2025, 5.6, source="统计年鉴", vintage="final", published_on=dt.date(2026, 12, 20))
    rows = StoredObservation.objects.filter(indicator=gdp, year=2025).order_by("entered_at")
    assert [(o.value, o.vintage, o.published_on, o.superseded_at is None) for o in rows] == [
        (5.4, "preliminary", dt.date(2026, 3, 1), False),
        (5.6, "final", dt.date(2026, 12, 20), True),
    ]
    assert [o.to_library().vintage for o in rows] == ["preliminary", "final"]
    assert rows[0].vintage_text == "初步核算" and rows[1].vintage_text == "最终核实"


def test_as_of_a_day_counts_the_figures_published_by_then(gdp):
    # Both entered today, the history typed in afterwards: what counts is the day each was published.
    record_observation(gdp, 2025, 5.4, vintage="preliminary", published_on=dt.date(2026, 3, 1))
    record_observation(gdp, 2025, 5.6, vintage="final", published_on=dt.date(2026, 12, 20))
    figures = StoredObservation.objects.filter(indicator=gdp, year=2025)
    assert not figures.current(moment(dt.date(2026, 2, 28))).exists()
    assert [o.value for o in figures.current(moment(dt.date(2026, 3, 1)))] == [5.4]
    assert [o.value for o in figures.current(moment(dt.date(2026, 12, 19)))] == [5.4]
    assert [o.value for o in figures.current(moment(dt.date(2026, 12, 20)))] == [5.6]
    assert [o.value for o in figures.current()] == [5.6]


def test_an_undated_figure_counts_from_when_it_was_entered(gdp):
    entered = timezone.now() - timedelta(days=10)
    record_observation(gdp, 2025, 5.0, at=entered)
    record_observation(gdp, 2025, 5.2, at=entered + timedelta(days=5))
    figures = StoredObservation.objects.filter(indicator=gdp, year=2025)
    assert not figures.current(entered - timedelta(seconds=1)).exists()
    assert [o.value for o in figures.current(entered + timedelta(days=1))] == [5.0]
    assert [o.value for o in figures.current(entered + timedelta(days=6))] == [5.2]


def test_the_servers_assessments_name_the_vintage(gdp):
    plan = gdp.plan
    record_observation(gdp, 2025, 5.4, vintage="preliminary", published_on=dt.date(2026, 3, 1))
    [judged] = [a for a in assessments(plan, 2025) if a.indicator == gdp.key]
    assert judged.vintages == {2025: "preliminary"}
    record_observation(gdp, 2025, 5.6, vintage="final", published_on=dt.date(2026, 12, 20))
    [judged] = [a for a in assessments(plan, 2025) if a.indicator == gdp.key]
    assert judged.vintages == {2025: "final"}
    [then] = [a for a in assessments(plan, 2025, moment(dt.date(2026, 6, 30))) if a.indicator == gdp.key]
    assert then.vintages == {2025: "preliminary"}


# The command ---------------------------------------------------------------------------------------

runner = CliRunner()
INDICATORS = "指标,单位,属性,基期值,目标值\n国内生产总值,亿元,预期性,1015986,1400000\n"
FIGURES = """指标,年份,值,数据类型,发布日期
国内生产总值,2021,1143670,最终核实,2022-12-27
国内生产总值,2022,1210207,初步核算,2023-01-17
国内生产总值,2022,1204724,最终核实,2023-12-29
"""


@pytest.fixture
def files(tmp_path):
    indicators = tmp_path / "indicators.csv"
    indicators.write_text(INDICATORS, encoding="utf-8")
    figures = tmp_path / "figures.csv"
    figures.write_text(FIGURES, encoding="utf-8")
    return [
        "--indicators",
        str(indicators),
        "--base-year",
        "2020",
        "--target-year",
        "2025",
        "--observations",
        str(figures),
    ]


def _evaluate(*args: str):
    return runner.invoke(app, ["evaluate", "--year", "2022", *args], env={"COLUMNS": "200"})


@pytest.mark.parametrize(
    ("as_of", "value", "vintage"),
    [([], 1204724, "final"), (["--as-of", "2023-06-30"], 1210207, "preliminary")],
)
def test_evaluate_as_of_a_day_uses_the_figures_published_then(files, as_of, value, vintage):
    result = _evaluate(*files, *as_of, "--json")
    assert result.exit_code == 0, result.output
    [judged] = json.loads(result.output)
    assert judged["actual"] == value
    assert judged["vintages"] == {"2021": "final", "2022": vintage}


def test_evaluate_says_as_of_when_and_which_figures_are_preliminary(files):
    result = _evaluate(*files, "--as-of", "2023-06-30")
    assert result.exit_code == 0, result.output
    assert "按2023年6月30日已发布的数据评估，其后的修订不计入。" in result.output
    assert "注：2022年1项指标的数据为初步核算数，最终核实后可能修订。" in result.output
    latest = _evaluate(*files)
    assert "按" not in latest.output.splitlines()[-1] and "初步核算数" not in latest.output


def test_as_of_needs_dates_in_the_file_and_a_date_to_stand_on(files, tmp_path):
    result = _evaluate(*files, "--as-of", "2023-02-30")
    assert result.exit_code == 2 and "2023-02-30: a date YYYY-MM-DD" in result.output
    undated = tmp_path / "undated.csv"
    undated.write_text("指标,年份,值\n国内生产总值,2022,1210207\n", encoding="utf-8")
    with pytest.raises(InputError, match="需要“发布日期”列"):
        runner.invoke(
            app,
            ["evaluate", "--year", "2022", *files[:-1], str(undated), "--as-of", "2023-06-30"],
            catch_exceptions=False,
        )


def test_a_report_as_of_a_day_is_dated_that_day_with_the_figures_known_then(files, tmp_path, monkeypatch):
    made = {}

    def build_report(indicators, observations, year, kind, **options):
        made.update(observations=observations, date=options["date"])
        raise InputError("report", "stop here: the report itself is tested in tests/test_report_*")

    monkeypatch.setattr("planwatch.report.build_report", build_report)
    output = str(tmp_path / "report.html")
    with pytest.raises(InputError, match="stop here"):
        runner.invoke(
            app,
            ["report", "--year", "2022", "-o", output, *files, "--as-of", "2023-06-30"],
            catch_exceptions=False,
        )
    assert made["date"] == dt.date(2023, 6, 30)
    assert [(o.year, o.value, o.vintage) for o in made["observations"]] == [
        (2021, 1143670, "final"),
        (2022, 1210207, "preliminary"),
    ]
