"""The report as one HTML page, parsed back with lxml: its sections (the annual report's four, the
evaluations' five), its tables, the drafted paragraphs marked, and that it stands alone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import html as lxml_html

from planwatch.plan.vocabulary import STATUS_COLOURS, figure_text
from planwatch.report.content import Report
from planwatch.report.figures import indicator_path
from planwatch.report.html import render_html, write_html
from planwatch.report.layout import (
    COMPLETION_COLUMNS,
    DRAFT,
    DRAFT_NOTE,
    EMPTY,
    chinese_number,
    planned_text,
    result_text,
)
from tests.report_samples import sample_report


@pytest.fixture(scope="module")
def midterm() -> Report:
    return sample_report("midterm")


@pytest.fixture(scope="module")
def annual() -> Report:
    return sample_report("annual")


@pytest.fixture(scope="module")
def final() -> Report:
    return sample_report("final")


@pytest.fixture(scope="module")
def midterm_page(midterm: Report, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("html") / "midterm.html"
    write_html(midterm, path)
    return path.read_bytes()


@pytest.fixture(scope="module")
def final_page(final: Report, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("html") / "final.html"
    write_html(final, path)
    return path.read_bytes()


def _text(element) -> str:
    return element.text_content().strip()


def _printed(value: str | float | None) -> str:
    """A cell as the page prints it: figures without trailing zeros, a dash where there is nothing."""
    text = figure_text(value) if not isinstance(value, str) else value
    return text or EMPTY


def test_title_and_language(midterm: Report, midterm_page: bytes) -> None:
    doc = lxml_html.fromstring(midterm_page)
    assert doc.get("lang") == "zh-CN"
    assert _text(doc.find(".//title")) == midterm.title
    assert _text(doc.find(".//h1")) == midterm.title
    assert "示例数据（非统计数据）" in _text(doc.find(".//header"))


def test_sections_in_order(midterm_page: bytes, final_page: bytes, annual: Report) -> None:
    assert [_text(h) for h in lxml_html.fromstring(midterm_page).iter("h2")] == [
        "一、总体评价",
        "二、主要指标完成情况",
        "三、重大任务和重大工程推进情况",
        "四、存在的主要问题",
        "五、下一步工作建议",
        "附图　指标序时进度",
        "附表　监测数据",
    ]
    final = [_text(h) for h in lxml_html.fromstring(final_page).iter("h2")]
    assert final[4] == "五、“十五五”时期工作建议"
    assert [_text(h) for h in lxml_html.fromstring(render_html(annual)).iter("h2")] == [
        "一、总体情况",
        "二、主要指标监测情况",
        "三、进度滞后指标分析",
        "四、指标序时进度图",
        "附表　监测数据",
    ]


def test_annual_summary_and_lagging_paragraphs(annual: Report) -> None:
    doc = lxml_html.fromstring(render_html(annual))
    summary = [_text(p) for p in doc.get_element_by_id("overview").iter("p")]
    assert summary == annual.summary
    section = doc.get_element_by_id("behind")
    assert len(annual.behind) > 0
    assert [_text(h) for h in section.iter("h3")] == [
        f"（{n}）{p.name}" for n, p in zip("一二三四五六七八九", annual.behind, strict=False)
    ]
    assert [_text(p) for p in section.iter("p")] == [p.text for p in annual.behind]


def test_evaluation_paragraphs_marked_as_drafts(midterm: Report, midterm_page: bytes) -> None:
    doc = lxml_html.fromstring(midterm_page)
    overview = [_text(p) for p in doc.get_element_by_id("overview").iter("p")]
    assert overview == [DRAFT_NOTE, "".join(midterm.overall) + DRAFT]
    indicators = doc.get_element_by_id("indicators")
    assert [_text(h) for h in indicators.iter("h3")] == [
        f"（{n}）{g.category}" for n, g in zip("一二三四", midterm.groups, strict=True)
    ]
    assert [p.text for p in indicators.iter("p") if "draft" in (p.get("class") or "")] == [
        g.text for g in midterm.groups
    ]
    for section, lines in (("problems", midterm.problems), ("suggestions", midterm.suggestions)):
        paragraphs = list(doc.get_element_by_id(section).iter("p"))
        assert [p.text for p in paragraphs] == [
            f"（{chinese_number(n)}）{line}" for n, line in enumerate(lines, start=1)
        ]
        assert all(_text(p.find("mark")) == DRAFT for p in paragraphs)


def test_main_table_against_report(midterm: Report, midterm_page: bytes) -> None:
    table = lxml_html.fromstring(midterm_page).get_element_by_id("main")
    assert _text(table.find("thead")).split()[6:8] == ["2023年", "2021—2023年年均"]
    body = table.findall("tbody")
    assert [_text(b.find("tr")) for b in body] == [g.category for g in midterm.groups]
    for tbody, group in zip(body, midterm.groups, strict=True):
        rows = tbody.findall("tr")[1:]
        assert len(rows) == len(group.rows)
        for tr, row in zip(rows, group.rows, strict=True):
            cells = [_text(td) for td in tr.findall("td")]
            assert cells == [
                str(row.number),
                row.name,
                _printed(row.unit),
                _printed(row.attribute),
                _printed(row.baseline),
                _printed(row.target),
                _printed(row.actual),
                _printed(row.average),
                _printed(row.expected),
                row.status_zh,
                _printed(row.required),
                "是" if row.warning else "",
                _printed(row.likelihood_zh),
            ]
            assert f"status-{row.status}" in tr.findall("td")[9].get("class").split()


def test_main_table_fits_the_page(midterm_page: bytes) -> None:
    """表1 is laid out in fixed columns adding up to the page's width, 指标 the widest, so it neither runs past
    the page's edge nor squeezes the names to two characters a line."""
    page = lxml_html.fromstring(midterm_page)
    widths = [
        int(re.search(r"width: (\d+)%", c.get("style"))[1])
        for c in page.get_element_by_id("main").iter("col")
    ]
    assert len(widths) == 13 and sum(widths) == 100
    assert widths[1] == max(widths)
    css = "".join(s.text for s in page.iter("style"))
    assert "table#main { table-layout: fixed; }" in css
    cells = [
        _text(tr.findall("td")[10]) for tr in page.get_element_by_id("main").iter("tr") if tr.findall("td")
    ]
    assert any(c.endswith("/年") for c in cells)


def test_status_colours_in_css(midterm_page: bytes) -> None:
    css = "".join(s.text for s in lxml_html.fromstring(midterm_page).iter("style"))
    for status, colour in STATUS_COLOURS.items():
        assert re.search(rf"\.status-{status} \{{ background: {colour};", css), status
    assert "display: table-header-group" in css
    assert "size: A4" in css
    assert "Noto Sans CJK SC" in css


def test_charts_inline(midterm: Report, midterm_page: bytes) -> None:
    names = {r.indicator: r.name for g in midterm.groups for r in g.rows}
    drawn = sum(indicator_path(names[k], c) is not None for k, c in midterm.charts.items())
    images = lxml_html.fromstring(midterm_page).iter("img")
    assert sum(img.get("src").startswith("data:image/png;base64,") for img in images) == 1 + drawn


def test_nothing_from_the_net(midterm_page: bytes, final_page: bytes) -> None:
    for page in (midterm_page, final_page):
        doc = lxml_html.fromstring(page)
        attributes = [v for el in doc.iter() for v in el.attrib.values()]
        css = [s.text for s in doc.iter("style")]
        for text in [*attributes, *css]:
            assert "http://" not in text and "https://" not in text
        assert not doc.findall(".//script") and not doc.findall(".//link")


def test_completion_table(final: Report, final_page: bytes) -> None:
    table = lxml_html.fromstring(final_page).get_element_by_id("completion-table")
    assert _text(table.find("caption")) == "表1　“十四五”规划主要指标完成情况"
    assert [_text(th) for th in table.find("thead").iter("th")] == list(COMPLETION_COLUMNS)
    rows = table.find("tbody").findall("tr")
    groups = [_text(tr) for tr in rows if tr.get("class") == "group"]
    assert groups == list(dict.fromkeys(c.category for c in final.completion))
    data = [tr for tr in rows if tr.get("class") != "group"]
    assert len(data) == len(final.completion)
    for tr, c in zip(data, final.completion, strict=True):
        assert [_text(td) for td in tr.findall("td")] == [
            str(c.number),
            c.name,
            _printed(c.unit),
            planned_text(c),
            result_text(c),
            {True: "是", False: "否", None: c.status_zh}[c.met],
            _printed(c.attribute),
        ]


def test_observations_appendix(midterm: Report, midterm_page: bytes) -> None:
    rows = lxml_html.fromstring(midterm_page).get_element_by_id("observations").find("tbody").findall("tr")
    assert len(rows) == len(midterm.observations)
    first = midterm.observations[0]
    assert [_text(td) for td in rows[0].findall("td")] == [
        first.name,
        str(first.year),
        _printed(first.value),
        _printed(first.source),
        _printed(first.note),
    ]


def test_same_bytes_twice(midterm: Report, midterm_page: bytes, tmp_path: Path) -> None:
    again = tmp_path / "again.html"
    write_html(midterm, again)
    assert again.read_bytes() == midterm_page
