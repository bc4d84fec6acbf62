"""The JSON API: plans, indicators, observations and assessments, as the web pages see them.

The assessments are the library's own (`planwatch.evaluate`), computed by
`reports.services` from the figures in force; the API adds no judgement of its own.
"""

from __future__ import annotations

from typing import TypeVar

from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Query, Status
from ninja.errors import HttpError, ValidationError
from ninja.renderers import JSONRenderer

from planwatch.evaluate.assessment import Assessment
from planwatch.plan import model as plan_model
from planwatch.server.accounts.access import may_change
from planwatch.server.api.auth import READ, WRITE
from planwatch.server.api.schemas import (
    AssessmentQuery,
    Error,
    IndicatorOut,
    ObservationIn,
    ObservationOut,
    PlanDetail,
    PlanOut,
)
from planwatch.server.monitoring.models import Observation
from planwatch.server.monitoring.services import questioned, record_observation
from planwatch.server.plans.models import Indicator, Plan
from planwatch.server.reports.services import assessments


class ReadableJSON(JSONRenderer):
    """JSON with Chinese as written (“地区生产总值”), not escaped as \\uXXXX: a clerk reads the responses too."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    renderer=ReadableJSON(),
    title="planwatch API",
    version="1",
    description=(
        "规划纲要、主要指标、监测值与评估结果。读取：令牌（`Authorization: Bearer <token>`）、"
        "已登录会话，或在开放读取时无需认证；写入：令牌或带 CSRF 的会话，且须有该指标的修改权限。"
    ),
    urls_namespace="api",
    auth=READ,
)

ERRORS = {frozenset({400, 401, 403, 404, 422}): Error}


class ApiError(HttpError):
    """An error about one field of the request, reported as `field: message`."""

    def __init__(self, status: int, field: str, message: str) -> None:
        super().__init__(status, f"{field}: {message}")
        self.errors = [{"field": field, "message": message}]


def _error(request: HttpRequest, status: int, message: str, errors: list | None = None) -> HttpResponse:
    return api.create_response(request, {"message": message, "errors": errors or []}, status=status)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _error(request, exc.status_code, exc.message, getattr(exc, "errors", None))


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [{"field": _field(e["loc"]), "message": e["msg"]} for e in exc.errors]
    return _error(request, 422, "; ".join(f"{e['field']}: {e['message']}" for e in errors), errors)


def _field(loc: tuple) -> str:
    """The field a client sent, from a location such as ("body", "observation", "year")."""
    parts = [str(p) for p in loc[1:]]
    if loc[0] == "body" and len(parts) > 1:
        parts = parts[1:]
    return ".".join(parts)


M = TypeVar("M", bound=Model)


def _get(model: type[M], pk: int, what: str, queryset=None) -> M:
    found = (queryset if queryset is not None else model.objects).filter(pk=pk).first()
    if found is None:
        raise ApiError(404, "id", f"没有编号为 {pk} 的{what}")
    return found


def _in_period(plan: Plan, year: int) -> None:
    if not plan.period_start <= year <= plan.period_end:
        raise ApiError(
            400,
            "year",
            f"{year} 不在规划期 {plan.period_start}–{plan.period_end} 年内 (outside the plan period)",
        )


@api.get("/plans", response=list[PlanOut], tags=["规划 plans"], summary="规划列表")
def list_plans(request: HttpRequest):
    return Plan.objects.all()


@api.get("/plans/{id}", response={200: PlanDetail, **ERRORS}, tags=["规划 plans"], summary="规划及其主要指标")
def get_plan(request: HttpRequest, id: int):
    return _get(Plan, id, "规划")


@api.get(
    "/plans/{id}/reading",
    response={200: plan_model.Plan, **ERRORS},
    tags=["规划 plans"],
    summary="规划纲要的读取结果（Plan JSON）",
)
def get_reading(request: HttpRequest, id: int):
    return _get(Plan, id, "规划").reading


@api.get(
    "/plans/{id}/assessments",
    response={200: list[Assessment], **ERRORS},
    tags=["评估 assessments"],
    summary="各指标某年的进度评估（序时进度）",
)
def get_assessments(request: HttpRequest, id: int, query: Query[AssessmentQuery]):
    plan = _get(Plan, id, "规划")
    _in_period(plan, query.year)
    as_of = query.as_of
    if as_of is not None and timezone.is_naive(as_of):
        as_of = timezone.make_aware(as_of)
    return assessments(plan, query.year, as_of, query.lang, query.provisional)


@api.get("/indicators/{id}", response={200: IndicatorOut, **ERRORS}, tags=["指标 indicators"], summary="指标")
def get_indicator(request: HttpRequest, id: int):
    return _get(Indicator, id, "指标", Indicator.objects.select_related("lead"))


@api.get(
    "/indicators/{id}/observations",
    response={200: list[ObservationOut], **ERRORS},
    tags=["指标 indicators"],
    summary="指标的监测值，含被修订的历史数据",
)
def list_observations(request: HttpRequest, id: int):
    indicator = _get(Indicator, id, "指标")
    return (
        Observation.objects.filter(indicator=indicator)
        .select_related("entered_by")
        .order_by("year", "entered_at")
    )


@api.post(
    "/indicators/{id}/observations",
    response={201: ObservationOut, **ERRORS},
    auth=WRITE,
    tags=["指标 indicators"],
    summary="录入监测值（已有数据的年份即为修订）",
)
def add_observation(request: HttpRequest, id: int, observation: ObservationIn):
    indicator = _get(Indicator, id, "指标", Indicator.objects.select_related("plan", "lead"))
    if not may_change(request.user, indicator):
        raise HttpError(403, f"无权修改指标“{indicator.name}”：仅规划办或其牵头单位可录入 (not allowed)")
    _in_period(indicator.plan, observation.year)
    doubt = questioned(indicator, observation.year, observation.value)
    if doubt is not None and (doubt.impossible or not observation.confirmed):
        again = "" if doubt.impossible else _('；确认无误的，请在请求中加上 "confirmed": true 重新提交')
        raise ApiError(422, "value", doubt.text + again)
    obs = record_observation(indicator, user=request.user, **observation.model_dump(exclude={"confirmed"}))
    return Status(201, obs)
