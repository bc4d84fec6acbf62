"""The report as one HTML page, parsed back with lxml: its sections, its table, and that it stands alone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import html as lxml_html

from planwatch.plan.vocabulary import STATUS_COLOURS, figure_text
from planwatch.report.content import Report
from planwatch.report.figures import indicator_path
from planwatch.report.html import write_html
from planwatch.report.layout import EMPTY
from tests.report_samples import sample_report


@pytest.fixture(scope="module")
def midterm() -> Report:
    return sample_report("midterm")


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


def test_sections_in_order(midterm_page: bytes, final_page: bytes) -> None:
    headings = [_text(h) for h in lxml_html.fromstring(final_page).iter("h2")]
    assert headings == [
        "一、总体情况",
        "二、主要指标监测情况",
        "三、进度滞后指标分析",
        "四、指标序时进度图",
        "五、规划目标完成情况",
        "附表　监测数据",
    ]
    assert "五、规划目标完成情况" not in [_text(h) for h in lxml_html.fromstring(midterm_page).iter("h2")]


def test_summary_and_lagging_paragraphs(midterm: Report, midterm_page: bytes) -> None:
    doc = lxml_html.fromstring(midterm_page)
    summary = [_text(p) for p in doc.get_element_by_id("overview").iter("p")]
    assert summary == midterm.summary
    section = doc.get_element_by_id("behind")
    assert len(midterm.behind) > 0
    assert [_text(h) for h in section.iter("h3")] == [
        f"（{n}）{p.name}" for n, p in zip("一二三四五六七八九", midterm.behind, strict=False)
    ]
    assert [_text(p) for p in section.iter("p")] == [p.text for p in midterm.behind]


def test_main_table_against_report(midterm: Report, midterm_page: bytes) -> None:
    table = lxml_html.fromstring(midterm_page).get_element_by_id("main")
    assert _text(table.find("thead")).split()[6] == "2023年"
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
                _printed(row.expected),
                row.status_zh,
                _printed(row.required),
                "是" if row.warning else "",
            ]
            assert f"status-{row.status}" in tr.findall("td")[8].get("class").split()


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
    top, sub = table.find("thead").findall("tr")
    assert [(_text(th), th.get("colspan"), th.get("rowspan")) for th in top] == [
        ("序号", None, "2"),
        ("指标", None, "2"),
        ("单位", None, "2"),
        ("规划目标", "2", None),
        ("完成情况", "2", None),
        ("是否实现", None, "2"),
    ]
    assert [_text(th) for th in sub] == ["2025年", "年均增长(%)", "2025年", "年均增长(%)"]
    rows = table.find("tbody").findall("tr")
    assert len(rows) == len(final.completion)
    for tr, c in zip(rows, final.completion, strict=True):
        cells = [_text(td) for td in tr.findall("td")]
        assert cells[:5] == [
            str(c.number),
            c.name,
            _printed(c.unit),
            _printed(c.target),
            _printed(c.target_growth),
        ]
        assert cells[5:] == [
            _printed(c.result),
            _printed(c.result_growth),
            {True: "是", False: "否", None: c.status_zh}[c.met],
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
