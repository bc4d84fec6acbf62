"""Wording the written forms of a report share, so every form says the same thing the same way."""

from __future__ import annotations

import datetime as dt

from planwatch.plan.vocabulary import BINDING, NO_FIGURE
from planwatch.report.content import CompletionRow, TaskLine

ILLUSTRATIVE = "示例数据（非统计数据）"
EMPTY = NO_FIGURE  # a printed table's cell with no figure
MAIN_NOTE = (
    "注：序时进度值为按规划期均衡推进到本年应达到的数值（年均增长类指标为目标年均增速，"
    "累计类指标为应完成的累计值）；尚需年均为实现规划目标今后每年需要的年均增长或增加量；"
    f"“预警”指{BINDING}指标进度滞后或目标难以实现。"
)
CHART_NOTE = (
    "图中虚线为序时进度，折线为历年实际值，横线为规划目标；"
    "年均增长类指标以基期年为100的指数表示，累计类指标以累计值表示。"
)
COMPLETION_NOTE = "注：规划目标为规划纲要确定的期末目标；是否实现按期末监测数据判断，无法判断的注明原因。"
# The appendix of figures, under the headers an observation workbook is read with.
OBSERVATION_COLUMNS = ("指标", "年份", "值", "来源", "备注")
TASKS_TITLE = "重点任务推进情况"
TASK_COLUMNS = ("序号", "任务", "章节", "牵头单位", "配合单位", "完成时限", "进展情况", "最新进展")
OVERDUE = "逾期"
_DIGITS = "零一二三四五六七八九"


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


def due_text(due: dt.date | None) -> str:
    """完成时限 as a table prints it; empty where the task has no deadline."""
    return f"{due.year}年{due.month}月{due.day}日" if due else ""


def task_status_text(line: TaskLine) -> str:
    """进展情况 with 逾期 where the deadline has passed, so an overdue task stands out in any form."""
    return f"{line.status_zh}（{OVERDUE}）" if line.overdue else line.status_zh
