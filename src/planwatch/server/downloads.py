"""Files the pages hand out, named as an office files them: 魏都区“十四五”规划-2024年度监测报告.docx.

Browsers read the Chinese name from filename* (RFC 5987); a client that cannot gets the plain ASCII name
beside it instead of a name of escapes.
"""

from __future__ import annotations

import io
import re
from typing import BinaryIO
from urllib.parse import quote

from django.http import FileResponse

from planwatch.plan.vocabulary import REPORT_KIND_EN, REPORT_KIND_ZH
from planwatch.report.evaluation import plan_name
from planwatch.server.plans.models import Plan
from planwatch.server.translations import page_lang

# Characters no file name may hold on Windows, and spaces, which mail clients and shares mangle.
_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


def safe_name(text: str) -> str:
    """The text as a file name any system keeps: what Windows refuses and spaces made `_`."""
    return _UNSAFE.sub("_", text).strip("_.")


# A province, city or prefecture in front of the unit a plan is of: 许昌市魏都区 is filed as 魏都区.
_HIGHER_UNIT = re.compile(r"^.+?(?:省|自治区|市|州|盟)(?=.+[省市区县旗州盟]$)")


def own_name(region: str) -> str:
    """The region as its own office names it: the last of its units (河南省许昌市魏都区 -> 魏都区)."""
    while (shorter := _HIGHER_UNIT.sub("", region, count=1)) != region:
        region = shorter
    return region


def plan_file_name(plan: Plan) -> str:
    """魏都区“十四五”规划: the region and the national plan the period is; the plan's title where either is unknown."""
    period = plan_name((plan.period_start, plan.period_end))
    name = f"{own_name(plan.region)}{period}规划" if plan.region and period else plan.title
    return safe_name(name)[:60] or "planwatch"


def report_file_name(plan: Plan, year: int, kind: str, fmt: str) -> str:
    """…-2024年度监测报告.docx for a year's monitoring, …-中期评估报告.docx for an evaluation (English when switched)."""
    english = page_lang() == "en"
    words = REPORT_KIND_EN[kind] if english else REPORT_KIND_ZH[kind]
    if kind == "annual":
        words = f"{year} {words}" if english else f"{year}{words}"
    return f"{plan_file_name(plan)}-{safe_name(words)}.{fmt}"


def disposition(name: str, fallback: str) -> str:
    """An attachment's header: the ASCII fallback first, then the name itself, UTF-8 percent-encoded."""
    plain = re.sub(r'[^\x20-\x7e]|["\\]', "_", fallback)
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(name, safe='')}"


def attachment(
    content: bytes | BinaryIO, name: str, fallback: str, content_type: str | None = None
) -> FileResponse:
    """The file to download under `name`, or `fallback` (ASCII) where a client cannot read a UTF-8 name;
    without a content type, the one the stored file's name suggests."""
    body = io.BytesIO(content) if isinstance(content, bytes) else content
    response = FileResponse(body, content_type=content_type)
    response["Content-Disposition"] = disposition(name, fallback)
    return response
