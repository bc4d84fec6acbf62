"""Shared fixtures: the sample plan and its hand-checked reading; the demo office (its plan, a planning office
user, a statistics bureau member); each test in the default language."""

from __future__ import annotations

import json
import shutil
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


def _echarts() -> bool:
    from planwatch.server.finders import NpmFinder

    return not NpmFinder().check()


# The optional pieces of a test run: how to tell one is here, and what its absence skips (scripts/test.sh
# installs them). The Chinese font is not among them: reports need it.
OPTIONAL = {
    "chromium": (
        lambda: bool(shutil.which("chromium")) or Path("/usr/bin/chromium").exists(),
        "未安装 Chromium（apt-get install chromium），跳过浏览器测试 · Chromium is not installed",
    ),
    "echarts": (
        _echarts,
        "未安装 ECharts（npm ci --prefix frontend），跳过需要图表的测试 · ECharts is not installed",
    ),
    "libreoffice": (
        lambda: bool(shutil.which("soffice")),
        "未安装 LibreOffice（apt-get install libreoffice-writer-nogui），跳过渲染测试 · LibreOffice is not installed",
    ),
    "pdftoppm": (
        lambda: bool(shutil.which("pdftoppm")),
        "未安装 pdftoppm（apt-get install poppler-utils），跳过渲染测试 · pdftoppm is not installed",
    ),
}
# Tests that need a piece without saying so with @pytest.mark.needs: by a fixture they use, or by name.
NEEDS = {
    "browser_page": ("chromium",),
    "test_import_changes_the_dashboard_and_the_chart_shows": ("echarts",),
    "test_the_deployment_check_is_clean_with_them_set": ("echarts",),  # its check warns without ECharts
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test needing an optional piece that is missing is skipped, its reason printed (-rs)."""
    present: dict[str, bool] = {}
    for item in items:
        pieces = [p for mark in item.iter_markers("needs") for p in mark.args]
        keys = (*getattr(item, "fixturenames", ()), getattr(item, "originalname", item.name))
        pieces += [p for key in keys for p in NEEDS.get(key, ())]
        for piece in dict.fromkeys(pieces):
            if piece not in present:
                present[piece] = OPTIONAL[piece][0]()
            if not present[piece]:
                item.add_marker(pytest.mark.skip(reason=OPTIONAL[piece][1]))
                break
