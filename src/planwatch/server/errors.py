"""The pages an error shows, in the site's frame and the page's language: what happened, and what to do next.

Each is drawn without the request's user, session or database: the same page whoever asks, and whatever failed
(the database, say) is not asked again.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils.translation import gettext_lazy

# Each error: its heading, what happened and what to do, as a clerk would be told.
PAGES = {
    400: (
        gettext_lazy("请求无法处理"),
        gettext_lazy("提交的内容不完整或超出了系统的限制，例如上传的文件过大、链接中的年份或编号有误。"),
        gettext_lazy("请返回上一页检查后重新提交；如仍不能解决，请联系规划办。"),
    ),
    403: (
        gettext_lazy("无权访问"),
        gettext_lazy("您的账号没有查看或修改这项内容的权限。"),
        gettext_lazy("如需开通权限，请联系规划办。"),
    ),
    404: (
        gettext_lazy("找不到该页面"),
        gettext_lazy(
            "这个地址没有对应的页面，或者要查看的规划、指标、任务已不存在（可能已被删除，或编号有误）。"
        ),
        gettext_lazy("请检查地址是否完整，或从规划列表重新进入。"),
    ),
    405: (
        gettext_lazy("不能直接打开该地址"),
        gettext_lazy("这个地址用于提交表单（如保存、确认、审核），不能在浏览器中直接打开。"),
        gettext_lazy("请回到相应的页面，用页面上的按钮操作。"),
    ),
    500: (
        gettext_lazy("系统出错"),
        gettext_lazy("处理这项请求时系统内部出错，刚才的操作可能没有完成。"),
        gettext_lazy("请稍后重试；如果反复出现，请把出错的时间和页面地址告知系统管理员。"),
    ),
}
CSRF = (
    gettext_lazy("表单已失效"),
    gettext_lazy(
        "表单的安全校验未通过，提交的内容没有保存。常见的原因是页面打开时间过长、已在别处退出登录，或浏览器禁用了Cookie。"
    ),
    gettext_lazy("请返回上一页，刷新后重新填写并提交；如果浏览器禁用了Cookie，请先启用。"),
)
# Django's own reason for a missing row names a model in English; the page's sentence says it better.
_DJANGO_WORDING = re.compile(r"matches the given query")


def _own_message(exception: Exception | None) -> str:
    """The sentence a view gave its error (该指标在这一年没有监测值。), not one of Django's in code names."""
    message = exception.args[0] if exception is not None and exception.args else ""
    return message if isinstance(message, str) and not _DJANGO_WORDING.search(message) else ""


def _page(status: int, words: tuple, detail: str = "") -> HttpResponse:
    """The page drawn from the template alone, in the language of the request: the same for whoever asks and
    whatever address they asked for (an id in use reads like one that is not), with no user, session or token
    looked up (what failed may be the database)."""
    heading, happened, next_step = words
    context = {"heading": heading, "happened": happened, "next_step": next_step, "status": status}
    context["detail"] = detail
    return HttpResponse(loader.render_to_string("errors/page.html", context), status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """A view's own BadRequest says what was wrong; Django's (a body too large, too many fields) speak code."""
    return _page(400, PAGES[400], _own_message(exception) if isinstance(exception, BadRequest) else "")


def not_understood(request: HttpRequest, reason: str) -> HttpResponse:
    """A view's answer to what it cannot do as asked (a year outside the plan), `reason` first, in the frame."""
    return _page(400, PAGES[400], reason)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(403, PAGES[403], _own_message(exception))


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(404, PAGES[404], _own_message(exception))


def server_error(request: HttpRequest | None = None) -> HttpResponse:
    return _page(500, PAGES[500])


class FramedNotAllowed:
    """Middleware: a form's address opened in the browser (a bookmark, a reload) gets the site's page saying so,
    not the empty answer Django gives; the API's answers are left as they are."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 405 or response.content or request.path.startswith("/api/"):
            return response
        framed = _page(405, PAGES[405])
        framed["Allow"] = response.get("Allow", "")
        return framed


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form posted without its token (expired page, cookies off): said plainly, Django's reason kept out."""
    return _page(403, CSRF)
