"""What a fresh machine lacks at first: a Chinese font matplotlib has not seen yet, no font at all, no ECharts.

Reports find a font installed after matplotlib cached its list; without any, the report buttons still give
reports, which say why they have no charts. Without ECharts the check says so and the indicator page shows
the figures as a table with the command that adds the chart.
"""

from __future__ import annotations

import io

import docx
import pytest
from django.contrib.staticfiles import finders
from django.core import checks
from matplotlib import font_manager

from planwatch.report import figures
from planwatch.report.figures import MISSING_FONT, cjk_family

FINDER = "planwatch.server.finders.NpmFinder"
ECHARTS = "/static/echarts/echarts.min.js"


@pytest.fixture
def fresh_lookup():
    """The font lookup forgets what it found, before and after the test."""
    figures._found_family.cache_clear()
    yield
    figures._found_family.cache_clear()


@pytest.fixture
def no_font(monkeypatch, fresh_lookup):
    """A machine without any CJK font: matplotlib's list has none and neither has the system."""
    monkeypatch.setattr(figures, "_known_family", lambda: None)
    monkeypatch.setattr(font_manager, "findSystemFonts", lambda *args, **kwargs: [])


@pytest.fixture
def public(settings, plan):
    settings.PUBLIC_READ = True
    return plan


def test_a_font_installed_after_matplotlib_cached_its_list_is_found(monkeypatch, fresh_lookup):
    cached = [f for f in font_manager.fontManager.ttflist if f.name not in figures._CJK_FAMILIES]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", cached)  # the list cached before the install
    assert figures._known_family() is None
    assert cjk_family() in figures._CJK_FAMILIES
    assert figures._known_family() == cjk_family()


def test_no_font_is_not_remembered(monkeypatch, fresh_lookup):
    monkeypatch.setattr(figures, "_known_family", lambda: None)
    monkeypatch.setattr(font_manager, "findSystemFonts", lambda *args, **kwargs: [])
    assert cjk_family() is None
    monkeypatch.undo()
    assert cjk_family() in figures._CJK_FAMILIES


@pytest.mark.django_db
def test_without_a_chinese_font_the_word_report_says_why_it_has_no_charts(client, public, no_font):
    response = client.get(f"/plans/{public.pk}/report/?format=docx&kind=annual&year=2024")
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(b"".join(response.streaming_content)))
    text = [p.text for p in document.paragraphs]
    assert text.count(MISSING_FONT) == 2  # in place of the overview and of the indicators' charts
    assert not document.inline_shapes
    assert "fonts-noto-cjk" in MISSING_FONT


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["annual", "midterm"])
def test_without_a_chinese_font_the_web_report_says_why_it_has_no_charts(client, public, no_font, kind):
    response = client.get(f"/plans/{public.pk}/report/?format=html&kind={kind}&year=2024")
    assert response.status_code == 200
    html = b"".join(response.streaming_content).decode()
    assert html.count(MISSING_FONT) == 2 and "data:image/png" not in html
    assert "没有可绘制的序时进度路径" not in html  # no indicator is blamed for the missing font


@pytest.fixture
def fresh_finders():
    """Django keeps each finder once made (changing STATICFILES_FINDERS does not forget them)."""
    finders.get_finder.cache_clear()
    yield
    finders.get_finder.cache_clear()


def test_the_echarts_check_reports_a_missing_install(settings, monkeypatch, tmp_path, fresh_finders):
    monkeypatch.setattr("planwatch.server.finders.FRONTEND", tmp_path)
    settings.STATICFILES_FINDERS = [FINDER]
    (warning,) = [m for m in checks.run_checks(tags=["staticfiles"]) if m.id == "planwatch.W001"]
    assert warning.level == checks.WARNING  # not an error: the pages still work
    assert "ECharts" in warning.msg and "npm ci --prefix frontend" in warning.hint
    dist = tmp_path / "node_modules" / "echarts" / "dist"
    dist.mkdir(parents=True)
    (dist / "echarts.min.js").write_text("/* echarts */", encoding="utf-8")
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.AppDirectoriesFinder", FINDER]
    assert not [m for m in checks.run_checks(tags=["staticfiles"]) if m.id == "planwatch.W001"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "says"),
    [("zh-CN,zh;q=0.9", "图表需要 ECharts"), ("en-US,en;q=0.9", "The chart needs ECharts")],
)
def test_without_echarts_the_indicator_page_shows_a_table_and_says_how(
    client, public, monkeypatch, tmp_path, fresh_finders, language, says
):
    monkeypatch.setattr("planwatch.server.finders.FRONTEND", tmp_path)  # the settings' finders, no npm ci
    assert finders.find("echarts/echarts.min.js") is None
    indicator = public.indicators.get(name="每万人口发明专利拥有量")
    response = client.get(f"/indicators/{indicator.pk}/", HTTP_ACCEPT_LANGUAGE=language)
    html = response.content.decode()
    assert response.status_code == 200 and says in html and "npm ci --prefix frontend" in html
    assert '<table class="series">' in html and "echarts.min.js" not in html
    assert client.get(ECHARTS).status_code == 404  # a missing static file is not found, never a 500
