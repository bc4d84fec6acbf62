"""A department's figures are provisional (待审核) until the planning office approves them (审核通过) or returns
them with a reason (退回); assessments, reports and the API count approved figures unless asked otherwise."""

from __future__ import annotations

from datetime import timedelta

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from planwatch.server.accounts.models import AuditEntry
from planwatch.server.api.models import ApiToken
from planwatch.server.demo import SUBMITTED, SUBMITTED_INDICATOR
from planwatch.server.monitoring.models import APPROVED, PENDING, RETURNED, Observation
from planwatch.server.monitoring.services import approve_observation, record_observation
from planwatch.server.reports.services import PROVISIONAL_TITLE

pytestmark = pytest.mark.django_db

GDP = "地区生产总值增长"
YEAR = 2024


@pytest.fixture(autouse=True)
def public_read(settings):
    settings.PUBLIC_READ = True


def gdp_on_dashboard(client, plan, **query) -> float | None:
    response = client.get(reverse("reports:dashboard", args=[plan.pk]), {"year": YEAR, **query})
    row = next(r for r in response.context["rows"] if r.indicator.name == GDP)
    return row.assessment.actual_latest


def submit(client, plan, value: float) -> Observation:
    indicator = plan.indicators.get(name=GDP)
    url = reverse("monitoring:observation", args=[indicator.pk, YEAR])
    assert client.post(url, {"value": str(value), "source": "快报"}).status_code == 302
    return Observation.objects.get(indicator=indicator, year=YEAR, review=PENDING)


def decide(client, obs: Observation, **data):
    return client.post(reverse("monitoring:decide", args=[obs.pk]), data)


def test_a_reporters_figure_moves_the_dashboard_only_once_approved(client, plan, statistician, staff):
    before = gdp_on_dashboard(client, plan)
    client.force_login(statistician)
    figure = submit(client, plan, 1.0)
    assert gdp_on_dashboard(client, plan) == before
    dashboard = client.get(reverse("reports:dashboard", args=[plan.pk]), {"year": YEAR})
    assert dashboard.context["awaiting"] == len(SUBMITTED) + 1
    assert reverse("monitoring:review", args=[plan.pk]) in dashboard.content.decode()
    client.force_login(staff)
    assert decide(client, figure, approve="").status_code == 302
    assert gdp_on_dashboard(client, plan) == 1.0
    history = Observation.objects.filter(indicator=figure.indicator, year=YEAR).order_by("entered_at")
    assert [(o.review, o.superseded_at is not None) for o in history] == [(APPROVED, True), (APPROVED, False)]
    approval = AuditEntry.objects.get(action="approve")
    assert approval.user == staff and approval.after["value"] == 1.0 and approval.before["value"] == before


def test_the_switch_counts_provisional_figures_labelled(client, plan, statistician):
    client.force_login(statistician)
    submit(client, plan, 1.0)
    response = client.get(reverse("reports:dashboard", args=[plan.pk]), {"year": YEAR, "provisional": "1"})
    assert gdp_on_dashboard(client, plan, provisional="1") == 1.0
    assert "尚未经规划办审核" in response.content.decode()
    assert 'name="provisional" value="1"' in response.content.decode()  # the report download keeps it
    report = reverse("reports:report", args=[plan.pk])
    with_provisional = client.get(report, {"year": YEAR, "format": "html", "provisional": "1"})
    approved_only = client.get(report, {"year": YEAR, "format": "html"})
    assert PROVISIONAL_TITLE in b"".join(with_provisional.streaming_content).decode()
    assert PROVISIONAL_TITLE not in b"".join(approved_only.streaming_content).decode()


def test_a_figure_counts_as_of_a_day_from_its_approval(plan, statistician, staff):
    indicator = plan.indicators.get(name=GDP)
    before = Observation.objects.get(indicator=indicator, year=YEAR, review=APPROVED).value
    start = timezone.now()
    figure = record_observation(indicator, YEAR, 1.0, statistician, at=start)
    approve_observation(figure, staff, at=start + timedelta(days=2))

    def as_of(days: int) -> float:
        return indicator.observations.filter(year=YEAR).current(start + timedelta(days=days)).get().value

    assert (as_of(1), as_of(3)) == (before, 1.0)


def test_the_api_counts_provisional_figures_when_asked(client, plan, statistician, staff):
    record_observation(plan.indicators.get(name=GDP), YEAR, 1.0, statistician)
    _, token = ApiToken.issue(staff, "test")
    url = f"/api/plans/{plan.pk}/assessments"
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}

    def gdp(**query) -> float | None:
        found = client.get(url, {"year": YEAR, **query}, **auth).json()
        return next(a for a in found if a["name"] == GDP)["actual_latest"]

    assert gdp() != 1.0 and gdp(provisional="true") == 1.0


def test_the_office_returns_a_figure_with_a_reason(client, plan, statistician, staff):
    before = gdp_on_dashboard(client, plan)
    client.force_login(statistician)
    figure = submit(client, plan, 1.0)
    client.force_login(staff)
    decide(client, figure, **{"return": ""})
    figure.refresh_from_db()
    assert figure.review == PENDING  # no reason, no return
    decide(client, figure, **{"return": "", "reason": "与统计公报不符，请核实"})
    figure.refresh_from_db()
    assert (figure.review, figure.return_reason, figure.reviewed_by) == (
        RETURNED,
        "与统计公报不符，请核实",
        staff,
    )
    assert gdp_on_dashboard(client, plan, provisional="1") == before
    page = client.get(reverse("monitoring:observation", args=[figure.indicator.pk, YEAR]))
    assert "与统计公报不符，请核实" in page.content.decode()
    assert AuditEntry.objects.get(action="return").after["reason"] == "与统计公报不符，请核实"
    assert decide(client, figure, approve="").status_code == 302  # already reviewed: said, not approved
    figure.refresh_from_db()
    assert figure.review == RETURNED


def test_a_reporter_cannot_approve(client, plan, statistician):
    client.force_login(statistician)
    figure = submit(client, plan, 1.0)
    assert decide(client, figure, approve="").status_code == 403
    assert 'name="approve"' not in client.get(reverse("monitoring:review", args=[plan.pk])).content.decode()
    client.logout()
    assert decide(client, figure, approve="").status_code == 302  # sent to log in
    figure.refresh_from_db()
    assert figure.review == PENDING


def test_the_office_s_figures_are_approved_at_once(plan, staff):
    obs = record_observation(plan.indicators.get(name=GDP), YEAR, 1.0, staff)
    assert (obs.review, obs.reviewed_at) == (APPROVED, None)
    assert Observation.objects.filter(pk=obs.pk).current().exists()


def test_the_review_page_lists_the_demo_s_figures_by_department(client, plan, staff):
    client.force_login(staff)
    page = client.get(reverse("monitoring:review", args=[plan.pk]))
    [(department, figures)] = page.context["departments"]
    assert department == "区商务局"
    assert sorted((o.indicator.name, o.year, o.value) for o in figures) == [
        (SUBMITTED_INDICATOR, year, value) for year, value in sorted(SUBMITTED.items())
    ]
    assert "review-pending" in client.get(reverse("monitoring:plan", args=[plan.pk])).content.decode()
    figure = figures[0]
    approve_observation(figure, staff)
    assert len(client.get(reverse("monitoring:review", args=[plan.pk])).context["departments"][0][1]) == 1


def test_a_reporter_s_import_says_its_rows_await_review(client, plan, statistician, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    book = openpyxl.Workbook()
    book.active.append(["指标", "年份", "值", "来源"])
    book.active.append([GDP, YEAR, 5.9, "快报"])
    path = tmp_path / "统计局.xlsx"
    book.save(path)
    client.force_login(statistician)
    with path.open("rb") as file:
        assert client.post(reverse("monitoring:import", args=[plan.pk]), {"file": file}).status_code == 200
    done = client.post(reverse("monitoring:import_confirm", args=[plan.pk]), follow=True)
    said = " ".join(str(m) for m in done.context["messages"])
    assert "已导入 1 条监测值" in said and "待规划办审核通过后才计入评估和报告" in said
    assert Observation.objects.get(indicator__name=GDP, year=YEAR, review=PENDING).value == 5.9
