"""Full-text search over the plan, in Chinese: two-character queries find their sections."""

from __future__ import annotations

import pytest

from planwatch.server.plans.services import store_plan
from planwatch.server.search.models import Section
from planwatch.server.search.services import search, words

pytestmark = pytest.mark.django_db


def test_text_is_cut_into_words_for_the_index():
    assert words("建成现代化养老体系，建设“5G+工业互联网”平台") == [
        "建成", "现代", "现代化", "养老", "体系", "建设", "5G", "工业", "互联", "联网", "互联网", "平台",
    ]  # fmt: skip


def test_the_sample_plan_is_indexed_when_stored(sample_plan):
    plan = store_plan(sample_plan)
    # the body holds chapters 1-4 and their sections: 4 chapters, 2 + 6 + 4 + 2 sections
    assert Section.objects.filter(plan=plan).count() == 18


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("5G", ["第四章 加快制造业转型升级,构建现代化制造业新体系 › 第一节 锚定高质量发展方向"]),
        ("人才公寓", ["第三章 强化创新驱动,培育经济高质量发展新动能 › 第三节 构筑人才集聚高地"]),
    ],
)
def test_queries_find_their_sections(sample_plan, query, expected):
    plan = store_plan(sample_plan)
    assert [s.path for s in search(plan, query)] == expected


def test_a_two_character_query_finds_every_section_holding_it(sample_plan):
    plan = store_plan(sample_plan)
    found = {s.path.split(" › ")[-1] for s in search(plan, "养老")}
    holding = {s.path.split(" › ")[-1] for s in Section.objects.filter(plan=plan) if "养老" in s.text}
    assert found == holding and len(found) >= 2
    assert search(plan, "不存在的词语组合") == []


def test_the_top_bar_searches_the_plan_on_the_page(client, settings, sample_plan):
    settings.PUBLIC_READ = True
    plan = store_plan(sample_plan)
    action = f'action="/search/plans/{plan.pk}/"'
    for page in (f"/plans/{plan.pk}/", f"/plans/{plan.pk}/reading/", f"/monitoring/plans/{plan.pk}/"):
        html = client.get(page).content.decode()
        assert action in html and 'class="plan-search"' in html, page
    assert 'class="plan-search"' not in client.get("/accounts/login/").content.decode()
    results = client.get(f"/search/plans/{plan.pk}/", {"q": "人才公寓"}).content.decode()
    assert "第三节 构筑人才集聚高地" in results
