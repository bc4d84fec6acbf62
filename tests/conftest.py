"""Shared fixtures: the sample plan and its hand-checked reading; the demo office (its plan, a planning office
user, a statistics bureau member); each test in the default language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.utils import translation

from planwatch.cli import sample_path
from planwatch.ingest import ingest
from planwatch.plan.model import Plan

HERE = Path(__file__).parent
SHARED_SAMPLE = HERE.parent.parent / "shared" / "samples" / "weidu-14th-fyp-outline.scraped.txt"


@pytest.fixture(scope="session")
def sample_file() -> Path:
    """The sample from ../shared/samples when present, else the copy shipped in the package."""
    return SHARED_SAMPLE if SHARED_SAMPLE.exists() else sample_path()


@pytest.fixture(scope="session")
def expected() -> dict:
    return json.loads((HERE / "data" / "weidu-plan.expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def sample_plan(sample_file: Path) -> Plan:
    return ingest(sample_file)


@pytest.fixture(autouse=True)
def _default_language():
    """A request leaves its language active in the thread: after an English page, back to the default."""
    yield
    translation.deactivate()


@pytest.fixture
def plan():
    """The demo's plan in the database (a test file with a plan of its own defines its own fixture)."""
    from planwatch.server.demo import load_demo

    return load_demo()


@pytest.fixture
def staff(django_user_model):
    """A user of the planning office."""
    return django_user_model.objects.create_user("guihua", password="x" * 12, is_staff=True)


@pytest.fixture
def statistician(django_user_model, plan):
    """A member of the statistics bureau, which leads the GDP indicator only."""
    from planwatch.server.accounts.models import Department

    user = django_user_model.objects.create_user("tongji", password="x" * 12)
    bureau = Department.objects.create(name="区统计局")
    bureau.members.add(user)
    plan.indicators.filter(name="地区生产总值增长").update(lead=bureau)
    return user
