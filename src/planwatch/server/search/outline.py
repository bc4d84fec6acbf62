"""The sections of a plan's body as search keeps them: each heading in the body (not a box or a table), with
its place and where the plan-as-read page shows it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from planwatch.plan import model as plan_model

PATH_SEPARATOR = " › "


@dataclass(frozen=True)
class BodySection:
    path: str
    node: plan_model.OutlineNode
    # The plan-as-read page's anchor (plans/reading.py): node-2-4, the fourth heading under the second.
    anchor: str


def body_sections(
    nodes: list[plan_model.OutlineNode], trail: tuple[str, ...] = (), anchor: str = "node"
) -> Iterator[BodySection]:
    """The body's sections in reading order, chapters before their sections."""
    for k, node in enumerate(nodes, start=1):
        path = (*trail, f"{node.number} {node.title}")
        if node.level not in ("box", "table") and node.in_body:
            yield BodySection(PATH_SEPARATOR.join(path), node, f"{anchor}-{k}")
        yield from body_sections(node.children, path, f"{anchor}-{k}")
