"""The upload review page's ways on when a table is read wrong: each of the document's tables with a role to
choose for each of its columns, open where the reading doubts that table."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from planwatch.evaluate.from_plan import indicator_table
from planwatch.ingest.quality import table_place
from planwatch.ingest.table_roles import ROLE_LABELS, ROLE_LABELS_EN
from planwatch.plan import model as doc
from planwatch.server.front.reading import page_lang
from planwatch.server.office.forms import ColumnRolesForm
from planwatch.server.office.services import Upload


@dataclass
class RoleTable:
    """One of the document's tables as the role form shows it: its first lines under a select per column."""

    index: int  # the table's place among the document's tables, which the roles are given by
    caption: str
    grid: list[list[str]]
    form: ColumnRolesForm
    assigned: bool  # read with the roles the office chose
    open: bool


def role_labels() -> dict[str, str]:
    return ROLE_LABELS_EN if page_lang() == "en" else ROLE_LABELS


def role_form(data=None, *, index: int, width: int, roles: list[str] | None = None) -> ColumnRolesForm:
    return ColumnRolesForm(
        data,
        width=width,
        labels=role_labels(),
        roles=roles,
        initial={"table": index},
        auto_id=f"roles-{index}-%s",
    )


def role_tables(
    upload: Upload, assigned: dict[int, list[str]], posted: ColumnRolesForm | None
) -> list[RoleTable]:
    """The tables the office may assign roles to: those read as tables, and those it assigned roles to already."""
    reading = upload.reading
    lang = page_lang()
    read = {t.block: (k, t) for k, t in enumerate(reading.tables) if t.block is not None}
    doubted = {w.where for w in reading.warnings if w.where}
    missing = indicator_table(reading) is None
    views = []
    for index in sorted(set(read) | set(assigned)):
        grid = upload.grids[index] if index < len(upload.grids) else []
        width = len(grid[0]) if grid else 0
        if width < 2:
            continue
        k, table = read.get(index, (index, None))
        caption = table_place(table, k, lang) if table else _("第%(n)s个表格") % {"n": index + 1}
        if posted is not None and posted.data.get("table") == str(index):
            form = posted
        else:
            form = role_form(
                index=index, width=width, roles=assigned.get(index) or (table.roles if table else None)
            )
        opened = index in assigned or form.is_bound or _doubted(table, k, doubted) or (missing and width >= 4)
        views.append(RoleTable(index, caption, grid, form, index in assigned, opened))
    return views


def _doubted(table: doc.Table | None, k: int, places: set[str]) -> bool:
    return table is not None and table_place(table, k) in places
