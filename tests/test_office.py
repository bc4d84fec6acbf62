"""The plan office: upload a plan for review, correct a cell, set the thresholds."""

from __future__ import annotations

import pytest

from planwatch.server.office.models import CellCorrection
from planwatch.server.plans.models import AuditEntry, Plan
from planwatch.server.plans.services import assessments, record_observation, store_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(client, django_user_model):
    user = django_user_model.objects.create_user("fgw", password="x" * 12, is_staff=True)
    client.force_login(user)
    return client


def test_upload_shows_the_reading_and_stores_only_on_confirmation(office, sample_file):
    with sample_file.open("rb") as f:
        review = office.post("/office/upload/", {"document": f})
    assert review.status_code == 200
    page = review.content.decode()
    assert "第十一章" in page and "专栏1" in page and "uncertain" in page
    assert Plan.objects.count() == 0
    stored = office.post("/office/upload/confirm/")
    plan = Plan.objects.get()
    assert stored.status_code == 302 and stored["Location"] == f"/plans/{plan.pk}/"
    assert plan.indicators.count() == 16 and plan.source_name == sample_file.name


def test_an_unreadable_upload_is_refused_with_its_reason(office, tmp_path):
    bad = tmp_path / "plan.xls"
    bad.write_bytes(b"\xd0\xcf\x11\xe0" + bytes(100))
    with bad.open("rb") as f:
        page = office.post("/office/upload/", {"document": f}).content.decode()
    assert "plan.xls" in page and "unknown format" in page
    assert Plan.objects.count() == 0


def test_uploads_need_the_office(client, sample_file):
    assert client.get("/office/upload/").status_code == 302


def test_a_corrected_cell_keeps_the_earlier_reading_and_the_indicator_follows(office, sample_plan):
    plan = store_plan(sample_plan)
    table = 1  # 表2
    row = next(k for k, r in enumerate(sample_plan.tables[1].rows) if r.name == "全员劳动生产率增长")
    response = office.post(f"/office/plans/{plan.pk}/tables/{table}/rows/{row}/cells/3/", {"text": "6"})
    assert response.status_code == 302
    correction = CellCorrection.objects.get()
    assert (correction.before, correction.after, correction.by.username) == ("5.5", "6", "fgw")
    plan.refresh_from_db()
    cell = plan.reading["tables"][1]["rows"][row]["cells"][3]
    assert (cell["raw"], cell["printed"], cell["uncertain"]) == ("6", "5.5", False)
    assert plan.indicators.get(name="全员劳动生产率增长").target_growth == "6"
    assert AuditEntry.objects.filter(action="correct").count() == 1


def test_settings_change_the_statuses(office, sample_plan):
    plan = store_plan(sample_plan)
    patents = plan.indicators.get(name="每万人口发明专利拥有量")
    record_observation(patents, 2023, 30.0)
    # path 30.36 in 2023; (30.0 - 27.9) / 2.46 = 0.854: lagging under the default 0.90
    assert {a.name: a.status for a in assessments(plan, 2023)}["每万人口发明专利拥有量"] == "lagging"
    form = {"ahead": 1.1, "on_track": 0.8, "lagging": 0.5, "bound_tolerance": 0.05, "same_pace_tolerance": 1,
            "reach_factor": 2, "geometric_units": "亿元，万元", "lower_is_better": "失业率，能耗"}  # fmt: skip
    assert office.post(f"/office/plans/{plan.pk}/settings/", form).status_code == 302
    plan.refresh_from_db()
    assert plan.settings().on_track == 0.8 and plan.settings().geometric_units == ["亿元", "万元"]
    assert {a.name: a.status for a in assessments(plan, 2023)}["每万人口发明专利拥有量"] == "on_track"


def test_thresholds_out_of_order_are_refused(office, sample_plan):
    plan = store_plan(sample_plan)
    form = {"ahead": 0.5, "on_track": 0.9, "lagging": 0.6, "bound_tolerance": 0.05, "same_pace_tolerance": 1,
            "reach_factor": 2, "geometric_units": "", "lower_is_better": ""}  # fmt: skip
    page = office.post(f"/office/plans/{plan.pk}/settings/", form)
    assert page.status_code == 200 and "依次递减" in page.content.decode()
    plan.refresh_from_db()
    assert plan.evaluation_settings == {}


def test_the_office_finds_upload_and_settings_from_the_pages(office, client, sample_plan, settings):
    plan = store_plan(sample_plan)
    page = office.get(f"/plans/{plan.pk}/").content.decode()
    assert 'href="/office/upload/"' in page and f'href="/office/plans/{plan.pk}/settings/"' in page
    office.logout()
    settings.PUBLIC_READ = True
    anonymous = client.get(f"/plans/{plan.pk}/").content.decode()
    assert "/office/upload/" not in anonymous and "/settings/" not in anonymous
