"""Correcting the plan as read from its page: the office has a form on each cell read and the page lists the
corrections made; readers see the list but no form."""

from __future__ import annotations

import re

import pytest

from planwatch.server.plans.models import CellCorrection, Plan
from planwatch.server.plans.services import correct_cell, store_plan

pytestmark = pytest.mark.django_db

TABLE, CELL = 1, 3  # 表2, “十四五”目标/年均增长(%)
NAME = "全员劳动生产率增长"


@pytest.fixture
def plan(sample_plan) -> Plan:
    return store_plan(sample_plan)


@pytest.fixture
def row(sample_plan) -> int:
    return next(k for k, r in enumerate(sample_plan.tables[TABLE].rows) if r.name == NAME)


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user("fgw", password="x" * 12, is_staff=True)


def cell_form(html: str, action: str) -> str:
    found = re.search(rf'<form method="post" action="{re.escape(action)}">.*?</form>', html, re.S)
    assert found, f"no form posting to {action}"
    return found.group(0)


def corrections_table(html: str) -> str:
    found = re.search(r'<table class="corrections">.*?</table>', html, re.S)
    assert found, "no list of corrections"
    return found.group(0)


def test_the_office_corrects_a_cell_from_the_reading_page(client, plan, row, staff):
    client.force_login(staff)
    page = f"/plans/{plan.pk}/reading/"
    action = f"/office/plans/{plan.pk}/tables/{TABLE}/rows/{row}/cells/{CELL}/"
    html = client.get(page).content.decode()
    form = cell_form(html, action)
    assert 'name="text" value="5.5"' in form and "csrfmiddlewaretoken" in form
    assert "尚无更正。" in html
    # a row read without figures has nothing to correct
    assert f"/office/plans/{plan.pk}/tables/0/rows/24/cells/" not in html

    response = client.post(action, {"text": "6"})
    assert response.status_code == 302 and response["Location"] == f"{page}#table-{TABLE}"

    html = client.get(page).content.decode()
    assert "已更正，原读取结果已保留。" in html
    assert 'name="text" value="6"' in cell_form(html, action)
    assert "原文印作：5.5" in html
    listed = corrections_table(html)
    assert "fgw" in listed and NAME in listed and "年均增长(%)" in listed
    assert "<del>5.5</del>" in listed and "→ 6" in listed
    assert f'href="#table-{TABLE}"' in listed
    correction = CellCorrection.objects.get()
    assert (correction.before, correction.after) == ("5.5", "6")


def test_a_correction_too_long_is_refused_with_a_message(client, plan, row, staff):
    client.force_login(staff)
    action = f"/office/plans/{plan.pk}/tables/{TABLE}/rows/{row}/cells/{CELL}/"
    response = client.post(action, {"text": "6" * 201}, follow=True)
    assert "更正未保存" in response.content.decode()
    assert not CellCorrection.objects.exists()


def test_readers_see_the_corrections_but_no_form(client, settings, django_user_model, plan, row, staff):
    settings.PUBLIC_READ = True
    correct_cell(plan, TABLE, row, CELL, "6", staff)
    page = f"/plans/{plan.pk}/reading/"
    html = client.get(page).content.decode()
    assert "/office/plans/" not in html and 'class="correct"' not in html
    listed = corrections_table(html)
    # an anonymous reader sees what was corrected, not who corrected it
    assert "fgw" not in listed and "<del>5.5</del>" in listed and "→ 6" in listed

    client.force_login(django_user_model.objects.create_user("reader", password="x" * 12))
    html = client.get(page).content.decode()
    assert "/office/plans/" not in html and "fgw" in corrections_table(html)
