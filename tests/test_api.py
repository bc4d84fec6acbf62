"""The JSON API: who may read and write, what it returns, and that its docs work offline."""

from __future__ import annotations

import hashlib
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from planwatch.server.accounts.models import AuditEntry, Department
from planwatch.server.api.models import ApiToken
from planwatch.server.monitoring.models import Observation
from planwatch.server.reports.services import assessments

pytestmark = pytest.mark.django_db


@pytest.fixture
def gdp(plan):
    return plan.indicators.get(name="地区生产总值增长")


def bearer(user, name: str = "test") -> dict:
    _, token = ApiToken.issue(user, name)
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def post(client: Client, indicator, data: dict, **headers):
    return client.post(
        f"/api/indicators/{indicator.pk}/observations", data, content_type="application/json", **headers
    )


def test_reads_need_a_token_or_a_login_unless_reading_is_open(client, plan, staff, settings):
    settings.PUBLIC_READ = False
    assert client.get("/api/plans").status_code == 401
    assert client.get("/api/plans", **bearer(staff)).status_code == 200
    assert client.get("/api/plans", HTTP_AUTHORIZATION="Bearer pw_wrong").status_code == 401
    settings.PUBLIC_READ = True
    assert client.get("/api/plans").status_code == 200
    # A wrong token is refused even when anyone may read, so a client learns its token is bad.
    assert client.get("/api/plans", HTTP_AUTHORIZATION="Bearer pw_wrong").status_code == 401
    settings.PUBLIC_READ = False
    client.force_login(staff)
    assert client.get("/api/plans").status_code == 200


def test_list_and_detail(client, plan, gdp, staff):
    auth = bearer(staff)
    [listed] = client.get("/api/plans", **auth).json()
    assert (listed["id"], listed["period_start"], listed["period_end"]) == (plan.pk, 2021, 2025)
    assert listed["illustrative"] is True

    detail = client.get(f"/api/plans/{plan.pk}", **auth).json()
    assert len(detail["indicators"]) == 16
    row = next(i for i in detail["indicators"] if i["name"] == "地区生产总值增长")
    assert (row["id"], row["target_growth"], row["rate"], row["plan"]) == (gdp.pk, "6.5", True, plan.pk)

    assert client.get(f"/api/indicators/{gdp.pk}", **auth).json() == row
    reading = client.get(f"/api/plans/{plan.pk}/reading", **auth).json()
    assert reading["title"] == plan.reading["title"]
    assert reading["tables"][1]["caption"].startswith("表2")

    observations = client.get(f"/api/indicators/{gdp.pk}/observations", **auth).json()
    assert [(o["year"], o["value"], o["current"]) for o in observations] == [
        (2021, 6.9, True),
        (2022, 4.1, True),
        (2023, 5.6, True),
        (2024, 5.2, True),
    ]

    missing = client.get("/api/plans/999999", **auth)
    assert missing.status_code == 404 and missing.json()["message"].startswith("id:")


def test_assessments_for_2024_match_the_services(client, plan, staff):
    auth = bearer(staff)
    expected = [a.model_dump(mode="json") for a in assessments(plan, 2024)]
    found = client.get(f"/api/plans/{plan.pk}/assessments?year=2024", **auth).json()
    assert found == expected
    by_name = {a["name"]: a for a in found}
    assert by_name["地区生产总值增长"]["status"] == "lagging"

    english = client.get(f"/api/plans/{plan.pk}/assessments?year=2024&lang=en", **auth).json()
    assert english == [a.model_dump(mode="json") for a in assessments(plan, 2024, lang="en")]

    outside = client.get(f"/api/plans/{plan.pk}/assessments?year=2031", **auth)
    assert outside.status_code == 400 and outside.json()["errors"][0]["field"] == "year"


def test_assessments_as_of_a_date_leave_later_revisions_out(client, plan, gdp, staff):
    auth = bearer(staff)
    before = client.get(f"/api/plans/{plan.pk}/assessments?year=2024", **auth).json()
    stamp = Observation.objects.latest("entered_at").entered_at
    assert post(client, gdp, {"year": 2024, "value": 6.6}, **auth).status_code == 201
    as_of = stamp.isoformat().replace("+", "%2B")
    then = client.get(f"/api/plans/{plan.pk}/assessments?year=2024&as_of={as_of}", **auth).json()
    now = client.get(f"/api/plans/{plan.pk}/assessments?year=2024", **auth).json()
    assert then == before and then != now


def test_posting_without_a_token_stores_nothing(plan, gdp, staff):
    anonymous = Client(enforce_csrf_checks=True)
    count = Observation.objects.count()
    response = post(anonymous, gdp, {"year": 2025, "value": 5.0})
    assert response.status_code == 401 and response.json()["message"]

    # A logged-in browser session must also send its CSRF token.
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(staff)
    assert post(browser, gdp, {"year": 2025, "value": 5.0}).status_code == 403
    assert Observation.objects.count() == count

    browser.get("/api/docs")  # any page rendering a form sets the CSRF cookie
    csrf = browser.cookies["csrftoken"].value
    assert post(browser, gdp, {"year": 2025, "value": 5.0}, HTTP_X_CSRFTOKEN=csrf).status_code == 201


def test_a_staff_token_records_and_a_filled_year_is_revised(client, plan, gdp, staff):
    auth = bearer(staff)
    created = post(client, gdp, {"year": 2025, "value": 5.8, "source": "初步核算"}, **auth)
    assert created.status_code == 201
    body = created.json()
    assert (body["year"], body["value"], body["current"], body["entered_by"]) == (2025, 5.8, True, "guihua")

    revised = post(client, gdp, {"year": 2024, "value": 5.3, "source": "最终核实", "note": "修订"}, **auth)
    assert revised.status_code == 201
    rows = [
        o for o in client.get(f"/api/indicators/{gdp.pk}/observations", **auth).json() if o["year"] == 2024
    ]
    assert [(o["value"], o["current"], o["superseded_at"] is None) for o in rows] == [
        (5.2, False, False),
        (5.3, True, True),
    ]
    assert rows[1]["source"] == "最终核实" and rows[1]["entered_by"] == "guihua"
    assert AuditEntry.objects.get(action="revise").user == staff


def test_a_department_token_changes_only_what_its_department_leads(client, plan, gdp, django_user_model):
    user = django_user_model.objects.create_user("fagaiwei", password="x" * 12)
    department = Department.objects.create(name="区统计局")
    department.members.add(user)
    gdp.lead = department
    gdp.save()
    other = plan.indicators.get(name="人均预期寿命")
    auth = bearer(user)
    count = Observation.objects.filter(indicator=other).count()

    refused = post(client, other, {"year": 2025, "value": 78.5}, **auth)
    assert refused.status_code == 403 and "人均预期寿命" in refused.json()["message"]
    assert Observation.objects.filter(indicator=other).count() == count
    assert post(client, gdp, {"year": 2025, "value": 5.1}, **auth).status_code == 201


def test_errors_name_the_field(client, plan, gdp, staff):
    auth = bearer(staff)
    count = Observation.objects.count()

    outside = post(client, gdp, {"year": 2030, "value": 5.0}, **auth)
    assert outside.status_code == 400
    assert outside.json()["message"].startswith("year: 2030")
    assert outside.json()["errors"] == [{"field": "year", "message": outside.json()["message"][6:]}]

    not_a_number = post(client, gdp, {"year": 2025, "value": "abc"}, **auth)
    assert not_a_number.status_code == 422
    assert [e["field"] for e in not_a_number.json()["errors"]] == ["value"]
    assert not_a_number.json()["message"].startswith("value:")

    misspelt = post(client, gdp, {"year": 2025, "vaule": 5.0}, **auth)
    assert {e["field"] for e in misspelt.json()["errors"]} == {"value", "vaule"}

    assert post(client, gdp, {"year": 2025, "value": 5.0, "source": "x" * 201}, **auth).status_code == 422
    assert Observation.objects.count() == count


def test_the_openapi_schema_lists_the_paths(client):
    schema = client.get("/api/openapi.json").json()
    assert {
        "/api/plans",
        "/api/plans/{id}",
        "/api/plans/{id}/reading",
        "/api/plans/{id}/assessments",
        "/api/indicators/{id}",
        "/api/indicators/{id}/observations",
    } <= set(schema["paths"])
    assert set(schema["paths"]["/api/indicators/{id}/observations"]) == {"get", "post"}
    assert "BearerToken" in schema["components"]["securitySchemes"]


def test_the_docs_page_loads_its_scripts_and_styles_locally(client):
    response = client.get("/api/docs")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    urls = re.findall(r'(?:src|href)="([^"]*)"', html)
    assert urls and all(u.startswith("/static/") for u in urls)
    assert "http" not in " ".join(urls)


def test_a_token_is_printed_once_and_only_its_digest_kept(client, plan, staff):
    out = StringIO()
    call_command("planwatch_token", "guihua", "统计局数据报送", stdout=out)
    token = out.getvalue().strip()
    stored = ApiToken.objects.get(user=staff)
    assert stored.name == "统计局数据报送" and stored.last_used is None
    assert stored.key_hash == hashlib.sha256(token.encode()).hexdigest() != token
    assert client.get("/api/plans", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200
    stored.refresh_from_db()
    assert stored.last_used is not None


def test_the_admin_shows_a_new_token_once(client, django_user_model, staff):
    admin = django_user_model.objects.create_superuser("admin", password="x" * 12)
    client.force_login(admin)
    response = client.post("/admin/api/apitoken/add/", {"user": staff.pk, "name": "报送脚本"}, follow=True)
    messages = " ".join(str(m) for m in response.context["messages"])
    token = re.search(r"pw_\S+", messages).group()
    assert ApiToken.find(token).user == staff
    admin_page = client.get("/admin/api/apitoken/").content.decode()
    assert token not in admin_page


def test_a_figure_keeps_its_vintage_and_publication_day(client, plan, gdp, staff):
    auth = bearer(staff)
    data = {"year": 2025, "value": 5.4, "vintage": "初步核算", "published_on": "2026-03-01"}
    created = post(client, gdp, data, **auth)
    assert created.status_code == 201
    assert (created.json()["vintage"], created.json()["published_on"]) == ("preliminary", "2026-03-01")
    final = {"year": 2025, "value": 5.6, "vintage": "final", "published_on": "2026-12-20"}
    assert post(client, gdp, final, **auth).status_code == 201
    rows = [
        o for o in client.get(f"/api/indicators/{gdp.pk}/observations", **auth).json() if o["year"] == 2025
    ]
    assert [(o["value"], o["vintage"], o["published_on"], o["current"]) for o in rows] == [
        (5.4, "preliminary", "2026-03-01", False),
        (5.6, "final", "2026-12-20", True),
    ]
    [judged] = [
        a
        for a in client.get(f"/api/plans/{plan.pk}/assessments?year=2025", **auth).json()
        if a["name"] == "地区生产总值增长"
    ]
    assert judged["vintages"] == {"2025": "final"}
    then = client.get(f"/api/plans/{plan.pk}/assessments?year=2025&as_of=2026-06-30T23:59:59", **auth).json()
    assert next(a for a in then if a["name"] == "地区生产总值增长")["vintages"] == {"2025": "preliminary"}


def test_a_bad_vintage_or_day_is_named(client, plan, gdp, staff):
    auth = bearer(staff)
    count = Observation.objects.count()
    bad = post(client, gdp, {"year": 2025, "value": 5.0, "vintage": "公报"}, **auth)
    assert bad.status_code == 422 and [e["field"] for e in bad.json()["errors"]] == ["vintage"]
    assert "数据类型“公报”无法识别" in bad.json()["message"]
    day = post(client, gdp, {"year": 2025, "value": 5.0, "published_on": "2026-02-30"}, **auth)
    assert day.status_code == 422 and [e["field"] for e in day.json()["errors"]] == ["published_on"]
    assert Observation.objects.count() == count


def test_an_impossible_figure_is_refused_naming_the_indicator_and_the_year(client, plan, staff):
    auth = bearer(staff)
    urban = plan.indicators.get(name="常住人口城镇化率")
    count = Observation.objects.count()
    for data in ({"year": 2025, "value": -999}, {"year": 2025, "value": -999, "confirmed": True}):
        refused = post(client, urban, data, **auth)
        assert refused.status_code == 422
        assert refused.json()["errors"] == [
            {
                "field": "value",
                "message": "“常住人口城镇化率”2025年的数值-999%不可能：比重和增减幅度都不会低于-100%",
            }
        ]
    assert Observation.objects.count() == count


def test_a_doubtful_figure_is_stored_only_when_the_request_says_it_is_confirmed(client, plan, staff):
    auth = bearer(staff)
    urban = plan.indicators.get(name="常住人口城镇化率")
    asked = post(client, urban, {"year": 2025, "value": 120}, **auth)
    assert asked.status_code == 422
    message = asked.json()["message"]
    assert message.startswith("value: “常住人口城镇化率”2025年的数值120%超出0—100%")
    assert message.endswith('请在请求中加上 "confirmed": true 重新提交')
    assert not Observation.objects.filter(indicator=urban, year=2025).exists()
    stored = post(client, urban, {"year": 2025, "value": 120, "confirmed": True}, **auth)
    assert stored.status_code == 201 and stored.json()["value"] == 120
    english = post(client, urban, {"year": 2024, "value": 130}, HTTP_ACCEPT_LANGUAGE="en", **auth)
    assert "2024: 130% is outside 0-100%" in english.json()["message"]
    assert english.json()["message"].endswith('send the request again with "confirmed": true')


def test_the_json_is_readable_chinese(client, plan, staff):
    response = client.get(f"/api/plans/{plan.pk}", **bearer(staff))
    assert response["Content-Type"] == "application/json; charset=utf-8"
    body = response.content.decode("utf-8")
    assert "地区生产总值增长" in body and "\\u" not in body
    missing = client.get("/api/indicators/999999", **bearer(staff)).content.decode("utf-8")
    assert "没有编号为 999999 的指标" in missing
