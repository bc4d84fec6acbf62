"""The pages in English through Django's i18n: the catalogue compiled from its .po without GNU gettext,
chosen by the browser's Accept-Language or by the language switcher; Chinese by default."""

from __future__ import annotations

import gettext

import pytest
from babel.messages.pofile import read_po
from django.utils import translation

from planwatch.plan.vocabulary import STATUS_EN, STATUS_ZH
from planwatch.server import runtime
from planwatch.server.demo import load_demo
from planwatch.server.plans.models import Plan
from planwatch.server.tasks.models import Status
from planwatch.server.translations import SOURCES, compile_catalogues

pytestmark = pytest.mark.django_db

ENGLISH_PO = SOURCES / "en" / "LC_MESSAGES" / "django.po"
STATUSES = {STATUS_ZH[s]: STATUS_EN[s] for s in ("achieved", "on_track", "lagging", "not_assessable")}


@pytest.fixture
def demo(settings) -> Plan:
    settings.PUBLIC_READ = True
    return load_demo()


def test_every_message_has_an_english_translation():
    with ENGLISH_PO.open("rb") as f:
        catalog = read_po(f)
    messages = [m for m in catalog if m.id]
    assert len(messages) > 150
    untranslated = [m.id for m in messages if not all(m.string if m.pluralizable else [m.string])]
    assert untranslated == []
    assert [m.id for m in messages if m.fuzzy] == []


def test_the_catalogues_compile_with_babel(tmp_path):
    written = compile_catalogues(tmp_path)
    assert written == [tmp_path / "en" / "LC_MESSAGES" / "django.mo"]
    with written[0].open("rb") as f:
        english = gettext.GNUTranslations(f)
    assert english.gettext("规划监测评估") == "Plan monitoring and evaluation"
    uncertain = "%(n)s个单元格读取不确定"
    assert english.ngettext(uncertain, uncertain, 1) == "%(n)s cell read with uncertainty"
    assert english.ngettext(uncertain, uncertain, 3) == "%(n)s cells read with uncertainty"
    assert list(tmp_path.rglob(".*")) == []  # no partial file left behind


def test_the_task_statuses_in_english():
    """Their labels come from the vocabulary, which makemessages cannot see: the catalogue keeps them by hand."""
    with translation.override("en"):
        labels = [str(label) for label in Status.labels]
    assert labels == ["Not started", "In progress", "Done", "Behind schedule"]


def test_serving_compiles_them_where_django_looks(settings, tmp_path, monkeypatch):
    assert settings.LOCALE_PATHS == [settings.DATA_DIR / "locale"]
    commands = []
    monkeypatch.setattr("django.core.management.call_command", lambda name, **_: commands.append(name))
    settings.DATA_DIR = tmp_path
    runtime.prepare()
    assert (tmp_path / "locale" / "en" / "LC_MESSAGES" / "django.mo").is_file()
    assert commands == ["migrate", "collectstatic"]


def test_the_dashboard_in_english_when_the_browser_asks(client, demo):
    response = client.get(f"/plans/{demo.pk}/?year=2024", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "<h2>Assessment for 2024</h2>" in html and "<h2>Indicators</h2>" in html
    assert "<th>Category</th>" in html and "Plan monitoring and evaluation" in html
    for chinese, english in STATUSES.items():
        assert f">{english}</span>" in html
        assert f">{chinese}</span>" not in html
    # the sentences saying why follow the page's language
    gdp = next(r for r in response.context["rows"] if r.indicator.name == "地区生产总值增长")
    assert gdp.assessment.explanation.startswith("Lagging")


def test_the_dashboard_in_chinese_by_default(client, demo):
    response = client.get(f"/plans/{demo.pk}/?year=2024")
    html = response.content.decode()
    assert '<html lang="zh-hans">' in html
    assert "<h2>2024年评估</h2>" in html and "<h2>指标</h2>" in html
    for chinese, english in STATUSES.items():
        assert f">{chinese}</span>" in html
        assert f">{english}</span>" not in html
    gdp = next(r for r in response.context["rows"] if r.indicator.name == "地区生产总值增长")
    assert gdp.assessment.explanation.startswith("滞后")


def test_the_language_switcher(client, demo):
    page = f"/plans/{demo.pk}/"
    html = client.get(page).content.decode()
    assert 'action="/i18n/setlang/"' in html and f'name="next" value="{page}"' in html
    assert '<option value="en" lang="en">English</option>' in html

    response = client.post("/i18n/setlang/", {"language": "en", "next": page})
    assert response.status_code == 302 and response["Location"] == page
    html = client.get(page, HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9").content.decode()  # the choice wins
    assert "Assessment for" in html and '<option value="en" lang="en" selected>English</option>' in html

    client.post("/i18n/setlang/", {"language": "zh-hans", "next": page})
    html = client.get(page).content.decode()
    assert "年评估" in html and "Assessment for" not in html
