"""The administration in the office's language: every page of the admin an administrator opens reads in Chinese
(no English word, no code name), and in English when the language is switched."""

from __future__ import annotations

import contextlib
import re
from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse

from planwatch.server.accounts.models import AuditEntry
from planwatch.server.demo import load_demo
from planwatch.server.plans.models import Plan

pytestmark = pytest.mark.django_db

# English words a Chinese admin page may show: the product's name; the keys of a keyboard (Django's 按住 Control 键)
# and LDAP in its help; data in Latin letters: the demo's user names, the failed login this test makes, what axes
# records of a browser that does not say what it is (<unknown>), a section's place on its page (node-3-1).
ALLOWED = {
    "planwatch",
    "django",
    "control",
    "command",
    "ldap",
    "demo",
    "reporter",
    "nobody",
    "unknown",
    "node",
}
# Django's own sentences its Chinese catalogue does not translate yet.
DJANGO_UNTRANSLATED = ("After you’ve created a user, you’ll be able to edit more user options.",)
WORD = re.compile(r"[A-Za-z]{4,}")
# Addresses and form data as recorded: e-mail addresses, paths (/accounts/login/), fields (username=…).
DATA = re.compile(r"\S+@\S+|/\S*|\w+=\S*")
# Elements whose text is data or is read by a screen reader only: a form's typed text, a password hash, the
# admin index's table heads.
HIDDEN = {"script", "style", "textarea", "bdi"}
VOID = {"input", "img", "br", "hr", "meta", "link"}


class _Text(HTMLParser):
    """The text a person reads on a page, with the titles and placeholders shown."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        attributes = dict(attrs)
        if tag in HIDDEN or (tag not in VOID and "visually-hidden" in (attributes.get("class") or "")):
            self._hidden.append(tag)
        elif not self._hidden:
            self.parts.extend(v for k, v in attrs if k in ("title", "placeholder") and v)

    def handle_endtag(self, tag) -> None:
        if self._hidden and self._hidden[-1] == tag:
            self._hidden.pop()

    def handle_data(self, data) -> None:
        if not self._hidden:
            self.parts.append(data)


def english_words(html: str) -> set[str]:
    parser = _Text()
    parser.feed(html)
    text = DATA.sub(" ", " ".join(parser.parts))
    for sentence in DJANGO_UNTRANSLATED:
        text = text.replace(sentence, " ")
    return {w for w in WORD.findall(text) if w.lower() not in ALLOWED}


@pytest.fixture
def admin_client(client, django_user_model):
    client.post(reverse("login"), {"username": "nobody", "password": "wrong-password"})  # an axes entry
    client.force_login(django_user_model.objects.create_superuser("fgw", password="guihua-2025-mima"))
    load_demo()
    client.raise_request_exception = False  # an add page of what is only looked at answers 403
    return client


def admin_pages() -> list[str]:
    """The index, each model's list, and the change form of its first object and its add form where there are."""
    pages = [reverse("admin:index")]
    for model in admin.site._registry:
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        pages.append(reverse(f"{name}_changelist"))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            pages.append(reverse(f"{name}_change", args=[first.pk]))
        with contextlib.suppress(NoReverseMatch):
            pages.append(reverse(f"{name}_add"))
    return pages


def test_every_admin_page_reads_in_chinese(admin_client):
    found = {}
    for page in admin_pages():
        response = admin_client.get(page)
        if response.status_code == 403:  # an add page of what is only looked at
            continue
        assert response.status_code == 200, page
        words = english_words(response.content.decode())
        if words:
            found[page] = sorted(words)
    assert found == {}
    assert admin_client.get(reverse("admin:search_section_add")).status_code == 403  # rebuilt, never typed in


def test_the_admin_index_names_the_apps_in_english_when_switched(admin_client):
    html = admin_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    apps = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<caption>(.*?)</caption>", html, re.S)]
    for name in ("Accounts and departments", "Plans", "Monitoring", "Tasks", "Search", "Login security"):
        assert name in apps
    assert not [name for name in apps if re.search(r"[\u4e00-\u9fff]", name)]
    assert "planwatch Plan monitoring and evaluation administration" in html
    assert "Access attempts" in html  # axes' own names on the English page


def test_the_audit_trail_shows_actions_and_objects_in_words(admin_client):
    AuditEntry.objects.create(action="load_tasks", object_type="Plan", object_id="1", summary="导入任务")
    AuditEntry.objects.create(action="some_new_code", object_type="Thing", object_id="1", summary="…")
    html = admin_client.get(reverse("admin:accounts_auditentry_changelist")).content.decode()
    assert "导入任务" in html and ">规划<" in html
    assert "some_new_code" in html  # an unknown code is shown as it is
    assert ">load_tasks<" not in html


def test_the_plan_as_read_says_once_that_the_text_is_incomplete_and_why_to_check(admin_client):
    plan = Plan.objects.get()
    html = admin_client.get(reverse("plans:reading", args=[plan.pk])).content.decode()
    assert html.count("文本不完整，正文缺少：第五章") == 1 and "提前结束：目录所列的部分" not in html
    assert "可信度只衡量已读到的部分" in html
    assert "读取结果基本可靠" not in html  # not beside a text that stops at 第四章
    english = admin_client.get(reverse("plans:reading", args=[plan.pk]), HTTP_ACCEPT_LANGUAGE="en")
    notes = re.findall(r"<li>(.*?)<", english.content.decode())
    assert "incomplete: the confidence measures only what was read" in english.content.decode()
    assert notes and not [n for n in notes if n[:1].islower()]
