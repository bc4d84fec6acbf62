"""What the API reads and writes, with the office's own terms as field descriptions."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from ninja import Schema
from pydantic import ConfigDict, Field, field_validator

from planwatch.plan.vocabulary import VINTAGE_WORDS, Vintage
from planwatch.server.accounts.access import is_office
from planwatch.server.monitoring.models import Observation
from planwatch.server.plans.models import Indicator


class FieldError(Schema):
    field: str = Field(description="出错的字段，如 year；嵌套字段以点连接")
    message: str


class Error(Schema):
    """Every error: one message naming the field at fault, and each field's problem when several."""

    message: str = Field(description="错误说明，以出错字段开头，如 “year: …”")
    errors: list[FieldError] = Field(default_factory=list)


class PlanOut(Schema):
    id: int
    title: str = Field(description="规划标题")
    region: str = Field(description="地区")
    period_start: int = Field(description="规划期起始年")
    period_end: int = Field(description="规划期终止年")
    source_name: str = Field(description="读取的来源文件")
    illustrative: bool = Field(description="示例数据：监测值为演示而编，不是统计数据")
    created_at: datetime


class IndicatorOut(Schema):
    id: int
    plan: int = Field(description="所属规划的 id")
    key: str = Field(description="指标编号（规划内唯一）")
    position: int = Field(description="在指标表中的顺序")
    name: str = Field(description="指标名称")
    unit: str = Field(description="单位")
    category: str = Field(description="类别")
    attribute: str = Field(description="属性：预期性 / 约束性")
    base_year: int = Field(description="基期年")
    target_year: int = Field(description="目标年")
    baseline: str = Field(description="基期值，按原文")
    baseline_growth: str = Field(description="基期年均增长，按原文")
    target: str = Field(description="目标值，按原文，如 170以上、[13.5]、控制在市目标内")
    target_growth: str = Field(description="目标年均增长（%），按原文")
    rate: bool = Field(description="增速类指标：年度数据为增长率（%），而非水平值")
    lead: str | None = Field(description="牵头单位")

    @staticmethod
    def resolve_plan(obj: Indicator) -> int:
        return obj.plan_id

    @staticmethod
    def resolve_lead(obj: Indicator) -> str | None:
        return obj.lead.name if obj.lead_id else None


class PlanDetail(PlanOut):
    indicators: list[IndicatorOut] = Field(description="主要指标")

    @staticmethod
    def resolve_indicators(obj) -> list[Indicator]:
        return list(obj.indicators.select_related("lead"))


class ObservationOut(Schema):
    id: int
    indicator: int = Field(description="指标 id")
    year: int = Field(description="年份")
    value: float = Field(description="监测值")
    source: str = Field(description="数据来源，如 统计公报、初步核算")
    note: str = Field(description="备注")
    annual_target: str = Field(description="年度目标（政府工作报告），按原文")
    vintage: str = Field(
        description="数据类型：preliminary 初步核算（快报）、final 最终核实（年鉴）；空为未注明"
    )
    published_on: date | None = Field(description="发布日期")
    illustrative: bool = Field(description="示例数据，不是统计数据")
    entered_at: datetime = Field(description="录入时间")
    entered_by: str | None = Field(description="录入人（用户名）；仅向规划办工作人员显示，其他调用者为空")
    superseded_at: datetime | None = Field(description="被修订时间；为空表示现行数据")
    current: bool = Field(description="现行数据（审核通过且未被修订）")
    review: str = Field(
        description="审核状态：approved 审核通过、pending 待审核（部门报送，未计入评估）、returned 退回"
    )
    return_reason: str = Field(description="退回理由；未退回为空")

    @staticmethod
    def resolve_indicator(obj: Observation) -> int:
        return obj.indicator_id

    @staticmethod
    def resolve_entered_by(obj: Observation, context: dict) -> str | None:
        """Who entered a figure is the office's to know: a login name is half of what a password guess needs."""
        if not obj.entered_by_id or not is_office(context["request"].user):
            return None
        return obj.entered_by.get_username()

    @staticmethod
    def resolve_current(obj: Observation) -> bool:
        return obj.superseded_at is None and obj.review == "approved"


class ObservationIn(Schema):
    """A year's figure; one for a year already filled supersedes the standing one (a revision)."""

    # An unknown field is refused, so a misspelt one is not silently dropped.
    model_config = ConfigDict(extra="forbid")

    year: int = Field(description="年份，须在规划期内")
    value: float = Field(allow_inf_nan=False, description="监测值；增速类指标填增长率（%）")
    source: str = Field("", max_length=200, description="数据来源")
    note: str = Field("", max_length=500, description="备注")
    annual_target: str = Field("", max_length=100, description="年度目标，如 6.5左右")
    vintage: Vintage | None = Field(
        None, description="数据类型：preliminary（初步核算、快报）或 final（最终核实、年鉴），也可填中文"
    )
    published_on: date | None = Field(None, description="发布日期，如 2024-02-28")
    confirmed: bool = Field(
        False,
        description="确认数值无误：数值存疑（如比重超出0—100%、数量为负、与上一年相差十倍以上）时须为 true 才保存；"
        "不可能的数值（如比重低于-100%）总被拒绝",
    )

    @field_validator("vintage", mode="before")
    @classmethod
    def _vintage_words(cls, value: object) -> object:
        """初步核算 or 年鉴 as a department writes it; anything else refused in words that list the choices."""
        if value in (None, ""):
            return None
        vintage = VINTAGE_WORDS.get(str(value).strip())
        if vintage is None:
            raise ValueError(
                f"数据类型“{value}”无法识别，应为 preliminary（初步核算、快报）或 final（最终核实、年鉴）"
            )
        return vintage


class AssessmentQuery(Schema):
    year: int = Field(description="评估年份，须在规划期内")
    as_of: datetime | None = Field(
        None,
        description="按此时点已知的数据评估：当日已发布的（未注明发布日期的按录入时间），不计其后的修订；"
        "缺省为现行数据；无时区时按北京时间",
    )
    lang: Literal["zh", "en"] = Field("zh", description="说明文字的语言")
    provisional: bool = Field(
        False, description="含待审核数据：各部门报送、尚未经规划办审核的监测值也计入（缺省只计审核通过的）"
    )
