"""Wording the written forms of a report share, so every form says the same thing the same way."""

from __future__ import annotations

import datetime as dt

from planwatch.plan.vocabulary import BINDING, NO_FIGURE, figure_text, growth_text, target_text
from planwatch.report.content import CompletionRow, ProjectLine, Report, TaskLine
from planwatch.report.evaluation import plan_name

ILLUSTRATIVE = "示例数据（非统计数据）"
EMPTY = NO_FIGURE  # a printed table's cell with no figure
MAIN_NOTE = (
    "注：序时进度值为按规划期均衡推进到本年应达到的数值（年均增长类指标为目标年均增速，"
    "累计类指标为应完成的累计值）；尚需年均为实现规划目标今后每年需要的年均增长或增加量；"
    f"“预警”指{BINDING}指标进度滞后或目标难以实现；预计完成情况按近年趋势（近年权重较大）推算目标年的数值判断。"
)
CHART_NOTE = (
    "图中虚线为序时进度，折线为历年实际值，横线为规划目标；"
    "年均增长类指标以基期年为100的指数表示，累计类指标以累计值表示。"
)
COMPLETION_NOTE = "注：规划目标为规划纲要确定的期末目标；是否实现按期末监测数据判断，无法判断的注明原因。"
# The completion table as a plan's first chapter prints it (专栏1), to paste into the next plan.
COMPLETION_COLUMNS = ("序号", "指标", "单位", "规划目标", "完成情况", "是否完成", "属性")
# The mark after each paragraph drafted from the figures, and the note that says what it asks.
DRAFT = "【待完善】"
DRAFT_NOTE = (
    f"注：标有{DRAFT}的段落根据监测数据起草，请结合工作实际补充原因分析和具体举措，"
    f"定稿时删去本注和{DRAFT}标记。"
)
# Word keeps a word joiner's neighbours on one line: the mark is never broken, nor left alone on a line.
WORD_JOINER = "\u2060"
UNBROKEN_DRAFT = WORD_JOINER + WORD_JOINER.join(DRAFT)
# An evaluation's appendices in Word: the main table (on landscape pages), then the figures it rests on.
MAIN_APPENDIX, OBSERVATION_APPENDIX = "附表1", "附表2"
APPENDIX_SPACE = "\u3000"
NO_TASKS = "规划确定的重大任务和重大工程尚未录入，其推进情况由各牵头单位报送后补充。"
# The appendix of figures, under the headers an observation workbook is read with.
OBSERVATION_COLUMNS = ("指标", "年份", "值", "来源", "备注")
TASKS_TITLE = "重点任务推进情况"
TASK_COLUMNS = ("序号", "任务", "章节", "牵头单位", "配合单位", "完成时限", "进展情况", "最新进展")
OVERDUE = "逾期"
PROJECTS_TITLE = "重大工程（项目）推进情况"
PROJECT_COLUMNS = ("序号", "专栏", "工程（项目）", "建设内容", "总投资", "建设期限", "推进情况")
NOT_REPORTED = "未报送"
_DIGITS = "零一二三四五六七八九"


def evaluation_chapters(report: Report) -> tuple[str, str, str, str, str]:
    """The five chapters of a mid-term or final evaluation, as offices hand it in."""
    last = (
        f"{report.next_plan}时期工作建议" if report.kind == "final" and report.next_plan else "下一步工作建议"
    )
    return ("总体评价", "主要指标完成情况", "重大任务和重大工程推进情况", "存在的主要问题", last)


def main_table_title(report: Report) -> str:
    return f"主要指标监测情况（{report.year}年）"


def main_table_pointer(report: Report) -> str:
    """Where an evaluation in Word points the reader to the main table, which it sets as an appendix."""
    return f"各项主要指标的基期值、目标值、{report.year}年实际值和进展情况详见{MAIN_APPENDIX}。"


def actual_heads(report: Report) -> tuple[str, str]:
    """The headers of a growth target's two actuals: the year's figure (当年) and the average so far (年均)."""
    first = report.period[0]
    span = f"{first}—{report.year}年" if report.year > first else f"{report.year}年"
    return f"{report.year}年", f"{span}年均"


def completion_title(report: Report) -> str:
    """专栏1's title: “十四五”规划主要指标完成情况, or the plan's title where its period is no national plan's."""
    name = plan_name(report.period)
    return f"{name}规划主要指标完成情况" if name else f"《{report.plan_title}》主要指标完成情况"


def planned_text(row: CompletionRow) -> str:
    """规划目标 as the plan printed it: 32, 年均增长6.5%, 302，年均增长7%."""
    return target_text(row.target, row.target_growth, EMPTY)


def result_text(row: CompletionRow) -> str:
    """完成情况 in the same words as the target: 33, 年均增长5.52%, 提高1.2岁 for a target of [1]."""
    if row.result_change:
        return row.result_change
    parts = [figure_text(row.result)] if row.result is not None else []
    if row.result_growth is not None:
        parts.append(growth_text(figure_text(row.result_growth)))
    return "，".join(parts) or EMPTY


def chinese_number(n: int) -> str:
    """一, 二, … 十, 十一, … 二十一: how headings and paragraphs are numbered."""
    tens, units = divmod(n, 10)
    if tens == 0:
        return _DIGITS[units]
    return f"{_DIGITS[tens] if tens > 1 else ''}十{_DIGITS[units] if units else ''}"


def met_text(row: CompletionRow) -> str:
    """是否实现 as completion tables print it; the status where the target could not be judged."""
    if row.met is None:
        return row.status_zh
    return "是" if row.met else "否"


def project_cells(number: int, line: ProjectLine) -> list[str]:
    """A project's row under PROJECT_COLUMNS, 未报送 where no task reports its progress."""
    progress = f"{line.status_zh}：{line.latest}" if line.latest else line.status_zh or NOT_REPORTED
    return [str(number), line.box, line.name, line.content, line.investment, line.period, progress]


def due_text(due: dt.date | None) -> str:
    """完成时限 as a table prints it; empty where the task has no deadline."""
    return f"{due.year}年{due.month}月{due.day}日" if due else ""


def task_status_text(line: TaskLine) -> str:
    """进展情况 with 逾期 where the deadline has passed, so an overdue task stands out in any form."""
    return f"{line.status_zh}（{OVERDUE}）" if line.overdue else line.status_zh
