"""What the outline's body gives besides its indicator tables: tasks, commitments, results, projects.

Monitoring a plan means following more than its indicator tables: what it says it will do (tasks,
planwatch.ingest.tasks), the figures it promises in its prose (commitments) and those it reports for
the period behind it (results, both planwatch.ingest.figures), and the projects its boxes list
(planwatch.ingest.projects). Each is read from every part, chapter and section of the outline
(planwatch.ingest.places) and gets its id there: chapter.section.n for a task, chapter.section.cN for
a commitment, .rN for a result and .pN for a project.
"""

from __future__ import annotations

from collections import Counter
from functools import partial

from planwatch.ingest.figures import Calendar, Unread, read_figures
from planwatch.ingest.places import text_places
from planwatch.ingest.projects import read_projects
from planwatch.ingest.tasks import read_tasks
from planwatch.plan.model import Plan


def read_body(plan: Plan) -> None:
    """Fill plan.tasks, commitments, results and projects from the outline's text and boxes."""
    calendar = Calendar.of(plan)
    numbers: Counter[str] = Counter()

    def next_id(stem: str) -> str:
        numbers[stem] += 1
        return f"{stem}{numbers[stem]}"

    for place in text_places(plan.outline, calendar):
        if place.gives_tasks:
            plan.tasks.extend(read_tasks(place))
        chapter, section = place.chapter_number, place.section_number
        for found in read_figures(place.text, place.review, calendar):
            if isinstance(found, Unread):
                plan.warnings.append(found.warning(place.name))
            elif found.reported:
                plan.results.append(found.result(next_id(f"{place.prefix}.r"), chapter, section))
            elif found.promised:
                plan.commitments.append(found.commitment(next_id(f"{place.prefix}.c"), chapter, section))
        for box in place.node.children:
            if box.table is not None and box.level in ("box", "table"):
                ids = partial(next_id, f"{place.prefix}.p")
                plan.projects.extend(read_projects(plan.tables[box.table], box.number, ids))
