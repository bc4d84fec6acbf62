"""The audit trail in words: what each stored action code and object type means to the office.

The trail keeps its codes (`load_tasks`, `Observation`) as they were written; a page shows them through
these names, in the page's language, and a code nobody named yet as it is.
"""

from __future__ import annotations

from django.apps import apps
from django.utils.translation import pgettext_lazy

ACTIONS = {
    "create": pgettext_lazy("audit action", "新建"),
    "revise": pgettext_lazy("audit action", "修订"),
    "approve": pgettext_lazy("audit action", "审核通过"),
    "return": pgettext_lazy("audit action", "退回"),
    "import": pgettext_lazy("audit action", "导入文件"),
    "load_tasks": pgettext_lazy("audit action", "导入任务"),
    "assign": pgettext_lazy("audit action", "分工"),
    "report": pgettext_lazy("audit action", "报送进展"),
    "confirm": pgettext_lazy("audit action", "确认为指标"),
    "correct": pgettext_lazy("audit action", "更正读取结果"),
    "settings": pgettext_lazy("audit action", "修改评估参数"),
    "region": pgettext_lazy("audit action", "设定所属地区"),
    "predecessor": pgettext_lazy("audit action", "承接上一期规划"),
    "delegated_target": pgettext_lazy("audit action", "录入上级下达目标"),
    "admin_add": pgettext_lazy("audit action", "在管理后台新增"),
    "admin_change": pgettext_lazy("audit action", "在管理后台修改"),
    "admin_delete": pgettext_lazy("audit action", "在管理后台删除"),
}


def action_text(code: str) -> str:
    """What was done, in words; an unknown code as it is."""
    return str(ACTIONS.get(code, code))


def object_text(type_name: str) -> str:
    """What it was done to: the model's own name (规划, 指标, 监测值 …); an unknown type as it is."""
    for model in apps.get_models():
        if model.__name__ == type_name:
            return str(model._meta.verbose_name)
    return type_name
