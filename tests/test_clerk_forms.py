"""The forms and lists as a 发改委 clerk meets them: errors beside their field in a sentence, the marks
explained, one name for the task list, a lead department not offered as its own support, a search that finds
nothing saying what to try, wide list fields, and plans of the same title told apart."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from django.urls import reverse

from planwatch.server.accounts.models import Department
from planwatch.server.plans.models import Plan
from planwatch.server.plans.review import same_plan_notice, same_plans
from planwatch.server.tasks.models import Task
from tests.test_monitoring import figure_url, media  # noqa: F401 (media: the uploads' own folder)

pytestmark = pytest.mark.django_db

GDP = "地区生产总值增长"
URBAN = "常住人口城镇化率"


def test_an_empty_figure_is_asked_for_beside_its_field(client, plan, staff):
    client.force_login(staff)
    text = client.post(figure_url(plan, GDP, 2025), {"value": ""}).content.decode()
    assert "这个字段是必填项" not in text and '<ul class="errorlist"' not in text
    field = re.search(r'<label for="id_value">.*?</p>', text, re.S).group(0)
    assert '<span class="field-error" id="id_value_error" role="alert">请填写监测值。</span>' in field


def test_a_questioned_figure_is_a_sentence_beside_it_with_the_box_after_it(client, plan, staff):
    client.force_login(staff)
    text = client.post(figure_url(plan, URBAN, 2025), {"value": "150"}).content.decode()
    field = re.search(r'<label for="id_value">.*?</p>', text, re.S).group(0)
    assert "超出0—100%，比重一般不会如此，请核对。</span>" in field
    box = re.search(r'<p class="field-confirm">(.*?)</p>', text, re.S).group(1)
    assert 'type="checkbox" name="confirmed"' in box and box.strip().endswith("数值无误，确认保存</label>")
    assert text.index('id="id_value"') < text.index('name="confirmed"') < text.index('id="id_source"')


def test_the_figure_form_in_english(client, plan, staff):
    client.force_login(staff)
    empty = client.post(figure_url(plan, GDP, 2025), {"value": ""}, HTTP_ACCEPT_LANGUAGE="en")
    assert "Enter the figure." in empty.content.decode()
    asked = client.post(figure_url(plan, URBAN, 2025), {"value": "150"}, HTTP_ACCEPT_LANGUAGE="en")
    text = asked.content.decode()
    assert "which a share seldom is; please check.</span>" in text
    assert "The figure is right; save it</label>" in text and "。" not in re.sub(r"<[^>]+>", "", text[-3000:])


def workbook(path: Path, rows: list[tuple]) -> Path:
    book = openpyxl.Workbook()
    book.active.append(["指标", "年份", "值", "来源"])
    for row in rows:
        book.active.append(list(row))
    book.save(path)
    return path


def test_the_import_preview_questions_in_sentences_and_puts_its_buttons_side_by_side(
    client, plan, staff, tmp_path
):
    client.force_login(staff)
    path = workbook(tmp_path / "figures.xlsx", [(GDP, 2024, 6.0, "区统计局"), (URBAN, 2024, 150, "区统计局")])
    with path.open("rb") as file:
        preview = client.post(reverse("monitoring:import", args=[plan.pk]), {"file": file})
    text = preview.content.decode()
    assert "比重一般不会如此，请核对。</td>" in text
    forms = re.findall(
        r'<form method="post" action="[^"]*/import/(?:confirm|cancel)/" style="display: inline">', text
    )
    assert len(forms) == 2
    with path.open("rb") as file:
        english = client.post(
            reverse("monitoring:import", args=[plan.pk]), {"file": file}, HTTP_ACCEPT_LANGUAGE="en"
        ).content.decode()
    assert "which a share seldom is; please check.</td>" in english
    assert "What is doubtful" in english and "The figure is right; save it" in english
    unticked = client.post(reverse("monitoring:import_confirm", args=[plan.pk])).content.decode()
    assert "请核对。确认导入时没有勾选“数值无误，确认保存”。" in unticked


def test_the_monitoring_page_says_what_each_mark_means(client, plan, staff):
    client.force_login(staff)
    text = client.get(reverse("monitoring:plan", args=[plan.pk])).content.decode()
    assert "标有“初步核算”的是初步数" in text and "标有“待审核”的是部门报送、尚待规划办审核的数值" in text
    english = client.get(
        reverse("monitoring:plan", args=[plan.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "“preliminary” marks a first estimate" in english and "marked “Awaiting review”" in english


def test_the_task_list_has_one_name(client, plan, staff):
    client.force_login(staff)
    index = client.get(reverse("tasks:index")).content.decode()
    assert "<h1>任务清单</h1>" in index
    task = Task.objects.filter(plan=plan).first()
    page = client.get(reverse("tasks:task", args=[task.pk])).content.decode()
    assert f'<a href="{reverse("tasks:index")}">任务清单</a>' in page


def test_the_lead_is_not_offered_as_its_own_support_nor_taken(client, plan, staff):
    client.force_login(staff)
    lead = Department.objects.create(name="测试牵头局")
    other = Department.objects.create(name="测试配合局")
    task = Task.objects.filter(plan=plan).first()
    task.lead = lead
    task.save()
    url = reverse("tasks:task", args=[task.pk])
    form = client.get(url).context["assignment"]
    offered = set(form.fields["supporting"].queryset)
    assert lead not in offered and other in offered
    refused = client.post(reverse("tasks:assign", args=[task.pk]), {"lead": lead.pk, "supporting": [lead.pk]})
    assert refused.status_code == 200
    assert "测试牵头局是牵头单位，不能同时作为配合单位。" in refused.content.decode()
    assert not task.supporting.exists()
    swapped = client.post(
        reverse("tasks:assign", args=[task.pk]), {"lead": other.pk, "supporting": [lead.pk]}
    )
    assert swapped.status_code == 302 and list(task.supporting.all()) == [lead]


def test_a_search_that_finds_nothing_says_what_to_try(client, settings, plan):
    settings.PUBLIC_READ = True
    html = client.get(f"/search/plans/{plan.pk}/", {"q": "航天器"}).content.decode()
    assert "“航天器”：没有找到含这些词语的章节。" in html and "找到 0 个章节" not in html
    assert "减少词语" in html and "错别字" in html


def test_the_settings_list_fields_are_wide_and_the_title_has_no_chinese_stop_in_english(client, plan, staff):
    client.force_login(staff)
    url = reverse("plans:settings", args=[plan.pk])
    text = client.get(url).content.decode()
    assert re.search(r'<input type="text" name="lower_is_better" value="[^"]*" size="80"', text)
    assert re.search(r'<input type="text" name="geometric_units" value="[^"]*" size="80"', text)
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"{plan.title}。" not in english and f">{plan.title}</a>" in english


def test_the_plan_list_tells_plans_of_the_same_title_apart(client, plan, staff):
    client.force_login(staff)
    Plan.objects.create(
        title=plan.title,
        period_start=plan.period_start,
        period_end=plan.period_end,
        source_name="再次上传.docx",
        reading=plan.reading,
    )
    text = client.get(reverse("plans:list")).content.decode()
    assert '<th>来源文件</th><th class="n">保存日期</th>' in text
    assert "<td>再次上传.docx</td>" in text and f"<td>{plan.source_name}</td>" in text


def test_the_upload_review_notices_a_plan_already_stored(plan):
    reading = plan.read()
    reading.title = plan.title
    assert same_plans(reading) == [plan]
    notice = same_plan_notice(plan)
    assert f'<a href="{reverse("reports:dashboard", args=[plan.pk])}">{plan.title}</a>' in notice
    assert notice.startswith("已保存过同名、同规划期的规划")
    reading.title = "另一个规划"
    assert same_plans(reading) == []


def test_uploading_a_plan_stored_before_notices_it_and_still_stores_it(client, plan, staff, sample_file):
    client.force_login(staff)
    with sample_file.open("rb") as file:
        assert client.post(reverse("plans:upload"), {"document": file}).status_code == 302
    review = client.get(reverse("plans:review"))
    notices = [str(m) for m in review.context["messages"]]
    assert (
        review.status_code == 200
        and len(notices) == 1
        and notices[0].startswith("已保存过同名、同规划期的规划")
    )
    assert (
        f'<a href="{reverse("reports:dashboard", args=[plan.pk])}">{plan.title}</a>'
        in review.content.decode()
    )
    assert client.post(reverse("plans:confirm")).status_code == 302
    assert Plan.objects.filter(title=plan.title).count() == 2
