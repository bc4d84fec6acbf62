"""The comparison's table rows as HTML, written in one pass.

A comparison over the counties of the nation has 3,000 rows: Django's template engine takes half a second
over them and its `format_html` a tenth, these few lines with the standard library's escaping (the same
characters escaped) a fortieth. The cells are those of the site's other tables: rank, region linked to its
plan's page, figure, bar, target and status.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from planwatch.plan.vocabulary import status_label
from planwatch.server.filters import num
from planwatch.server.regions.services import Compared

JUDGED = (
    '<tr><td class="n">{0}</td><td><a href="{1}">{2}</a></td><td class="n">{3}</td>'
    '<td class="bar-cell"><span class="bar status-{4}" style="width: {5}%"></span></td><td>{6}</td>'
    '<td><span class="status status-{4}" title="{7}">{8}</span></td></tr>\n'
)
UNMATCHED = (
    '<tr><td class="n">{0}</td><td><a href="{1}">{2}</a></td><td class="n">—</td><td></td><td></td>'
    '<td class="muted">{3}</td></tr>\n'
)


def _address(name: str) -> Callable[[int], str]:
    """The address of a plan's page by its id, reversed once (the addresses differ only in the id)."""
    head, _zero, tail = (escape(part) for part in reverse(name, args=[0]).rpartition("0"))
    return lambda pk: f"{head}{pk}{tail}"


def table_rows(rows: list[Compared], lang: str) -> SafeString:
    """One <tr> a region, in the order given, its name linked to its plan's dashboard."""
    dashboard = _address("reports:dashboard")
    unmatched = escape(_("该地区规划中没有同名同单位的指标。"))
    out = []
    for r in rows:
        rank, link, region, a = r.rank or "—", dashboard(r.plan.pk), escape(r.region), r.assessment
        if a is None:
            out.append(UNMATCHED.format(rank, link, region, unmatched))
            continue
        label = escape(status_label(a.status, lang))
        cells = (num(r.figure), escape(a.status), r.width, escape(r.target), escape(a.explanation), label)
        out.append(JUDGED.format(rank, link, region, *cells))
    return mark_safe("".join(out))
