"""Full-text search over the plan, in Chinese: two-character queries find their sections, the passages that
hold the words are shown with the words marked (and nothing else marked up), the best matches first."""

from __future__ import annotations

import re

import pytest

from planwatch.server.plans.services import store_plan
from planwatch.server.search.models import Section
from planwatch.server.search.passages import CONTEXT, MAX_PASSAGES, Piece, marked, passages
from planwatch.server.search.query import MAX_WORDS, parse
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
    assert [hit.section.path for hit in search(plan, query)] == expected


def test_a_two_character_query_finds_every_section_holding_it(sample_plan):
    plan = store_plan(sample_plan)
    found = {hit.section.path.split(" › ")[-1] for hit in search(plan, "养老")}
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
    assert "第三节 构筑<mark>人才</mark>集聚高地" in results


def test_each_section_found_links_to_its_place_in_the_plan_as_read(client, settings, sample_plan):
    settings.PUBLIC_READ = True
    plan = store_plan(sample_plan)
    results = client.get(f"/search/plans/{plan.pk}/", {"q": "养老"}).content.decode()
    links = re.findall(rf'<h2><a href="/plans/{plan.pk}/reading/#(node-[\d-]+)">(.*?)</a></h2>', results)
    assert len(links) == 4
    reading = client.get(f"/plans/{plan.pk}/reading/").content.decode()
    for anchor, heading in links:
        place = re.search(rf'id="{anchor}">\s*<div class="heading">(.*?)<span class="page">', reading, re.S)
        assert re.sub(r"<[^>]+>|\s", "", place.group(1)) == re.sub(r"<[^>]+>|\s", "", heading)


def test_a_query_is_split_into_the_words_typed_each_cut_as_the_index_is():
    query = parse("“人才公寓”  养老，5G、养老")
    assert query.words == ("人才公寓", "养老", "5G")
    assert query.parts == (("人才", "公寓"), ("养老",), ("5G",))
    assert set(query.terms) == {"人才公寓", "人才", "公寓", "养老", "5G"}
    assert query.terms[0] == "人才公寓"  # the longest is marked before its parts
    assert not parse(" ，、“” ") and parse(" ，、“” ").pattern is None
    assert len(parse(" ".join(f"词{i}" for i in range(20))).words) == MAX_WORDS


def test_passages_are_the_sentences_around_the_matches():
    long_sentence = "前文" * 40 + "建设养老服务体系，" + "后文" * 40
    text = "第一句没有。" + long_sentence + "。第三句也有养老。" + "尾" * 200
    pattern = parse("养老").pattern
    found = passages(text, pattern)
    assert len(found) == 2
    first, second = found
    assert [p.text for p in first.pieces if p.hit] == ["养老"]
    assert first.cut_before and first.cut_after  # a long sentence: a stretch of it around the words
    assert len("".join(p.text for p in first.pieces)) <= 2 * CONTEXT + 2
    assert "".join(p.text for p in second.pieces) == "第三句也有养老。" and not second.cut_before
    assert not second.cut_after and not found[1].pieces[-1].hit


def test_each_word_is_shown_before_a_repeat_and_passages_are_few():
    sentences = ["这里说养老。"] * 10 + ["这里说托育。"]
    found = passages("".join(sentences), parse("养老 托育").pattern)
    shown = "".join(p.text for passage in found for p in passage.pieces)
    assert "托育" in shown and len(found) <= MAX_PASSAGES


def test_a_section_found_by_its_title_shows_its_opening():
    (passage,) = passages("正文" * 100, parse("标题词").pattern)
    assert passage.pieces == [Piece("正文" * 60)] and passage.cut_after and not passage.cut_before
    assert passages("", parse("标题词").pattern) == []
    assert marked("5g与5G", parse("5G").pattern) == [Piece("5g", True), Piece("与"), Piece("5G", True)]


def test_sections_with_more_words_found_rank_first(sample_plan):
    plan = store_plan(sample_plan)
    hits = search(plan, "现代化 人才")
    holding = [sum(w in f"{h.section.title}{h.section.text}" for w in ("现代化", "人才")) for h in hits]
    assert holding == sorted(holding, reverse=True) and holding[0] == 2 and holding[-1] == 1
    one_word = [h for h, n in zip(hits, holding, strict=True) if n == 1]
    in_title = ["现代化" in h.section.title or "人才" in h.section.title for h in one_word]
    assert in_title == sorted(in_title, reverse=True) and in_title[0]  # titles before the text alone


def test_the_words_as_typed_rank_before_their_parts_apart(sample_plan):
    plan = store_plan(sample_plan)
    hits = search(plan, "创新体系")
    as_typed = ["创新体系" in h.section.text for h in hits]
    assert as_typed == sorted(as_typed, reverse=True) and as_typed[0] and not as_typed[-1]


def test_searching_yanglao_in_the_demo_every_passage_holds_it_marked(client, settings, plan):
    settings.PUBLIC_READ = True
    html = client.get(f"/search/plans/{plan.pk}/", {"q": "养老"}).content.decode()
    shown = re.findall(r'<p class="search-passage">(.*?)</p>', html, re.S)
    assert len(shown) >= 4 and all("<mark>养老</mark>" in p for p in shown)
    assert "找到 4 个章节" in html


def test_neither_the_query_nor_the_text_puts_markup_on_the_page(client, settings, sample_plan):
    settings.PUBLIC_READ = True
    plan = store_plan(sample_plan)
    Section.objects.filter(plan=plan, title="构筑人才集聚高地").update(
        text='建设<img src=x onerror="alert(1)">人才公寓</p><script>alert(2)</script>'
    )
    query = '人才公寓 <script>alert(3)</script> "><b>'
    html = client.get(f"/search/plans/{plan.pk}/", {"q": query}).content.decode()
    assert "<mark>人才公寓</mark>" in html
    assert "建设&lt;img src=x onerror=&quot;" in html and "<img" not in html
    assert "&lt;/p&gt;&lt;" in html and "<script>alert" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in html


def test_english_page_explains_the_search(client, settings, sample_plan):
    settings.PUBLIC_READ = True
    plan = store_plan(sample_plan)
    html = client.get(f"/search/plans/{plan.pk}/", {"q": "养老"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Full-text search" in html and "4 sections" in html and "separated by spaces" in html


def test_a_search_keeps_to_its_plan(sample_plan):
    first, second = store_plan(sample_plan), store_plan(sample_plan, source_name="copy.txt")
    for plan in (first, second):
        hits = search(plan, "养老 人才公寓")
        assert len(hits) == 5 and {hit.section.plan_id for hit in hits} == {plan.pk}
