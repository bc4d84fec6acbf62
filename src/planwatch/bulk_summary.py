"""What `planwatch ingest DIR` shows: a progress bar while each plan of a folder is read, then a table of how each
read (title, region, period, chapters, indicators, confidence, warnings, and 读取良好 / 需人工核对 / 未能读取)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table as RichTable

from planwatch.bulk import Outcome, documents, level_text, period_text, read_one, verdict_text
from planwatch.errors import InputError
from planwatch.ingest.readers import BY_SUFFIX

_SUFFIXES = " ".join(BY_SUFFIX)
_WORDS = {
    "zh": {
        "columns": ("文件", "标题", "地区", "规划期", "章", "指标", "可信度", "提示", "结果"),
        "skipped": "跳过 {path}：不是规划文件（{suffixes}）",
        "none": f"没有找到规划文件（{_SUFFIXES}）。",
        "total": "共 {n} 份：{good} {a} 份，{review} {b} 份，{failed} {c} 份。",
        "json": "已将 {n} 份规划的 JSON 写入 {folder}",
        "reading": "读取",
    },
    "en": {
        "columns": (
            "File",
            "Title",
            "Region",
            "Period",
            "Chapters",
            "Indicators",
            "Confidence",
            "Warnings",
            "Result",
        ),
        "skipped": "skipped {path}: not a plan document ({suffixes})",
        "none": f"no plan documents ({_SUFFIXES}) in it",
        "total": "{n} files: {good} {a}, {review} {b}, {failed} {c}.",
        "json": "wrote the JSON of {n} plans to {folder}",
        "reading": "reading",
    },
}
_LOG_WIDTH = 160
_FIGURES = range(3, 8)  # period, chapters, indicators, confidence, warnings: short, never wrapped
_STYLES = {"good": "green", "review": "yellow", "failed": "bold red"}


def ingest_folder(folder: Path, json_dir: Path | None, lang: str) -> int:
    """Read every plan document under `folder`; the exit code: 0 when all read well, 1 when any did not."""
    words = _WORDS["en" if lang == "en" else "zh"]
    paths, others = documents(folder)
    errors = Console(stderr=True, highlight=False)
    for path in others:
        errors.print(words["skipped"].format(path=path.relative_to(folder), suffixes=_SUFFIXES), markup=False)
    if not paths:
        raise InputError(str(folder), words["none"])
    outcomes = []
    with progress(len(paths), words["reading"], errors) as step:
        for path in paths:
            step(path.relative_to(folder))
            outcomes.append(read_one(path))
    console = Console(highlight=False)
    if not console.is_terminal:
        console.width = max(console.width, _LOG_WIDTH)  # a log or a pipe: one line a file where it can
    render_outcomes(outcomes, folder, console, lang)
    if json_dir is not None:
        written = write_json(outcomes, folder, json_dir)
        console.print(words["json"].format(n=written, folder=json_dir), markup=False)
    return 0 if all(o.verdict == "good" for o in outcomes) else 1


@contextmanager
def progress(total: int, label: str, console: Console) -> Iterator[Callable[[Path], None]]:
    """Told each file before it is read: a bar on a terminal, else a line per file (a log keeps them)."""
    done = itertools.count()
    if not console.is_terminal:
        yield lambda path: console.print(f"[{next(done) + 1}/{total}] {label} {path}", markup=False)
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda path: bar.update(task, completed=next(done), description=f"{label} {escape(str(path))}")
        bar.update(task, completed=total)


def render_outcomes(outcomes: list[Outcome], folder: Path, console: Console, lang: str) -> None:
    """A row per file, then how many read well, need review, were not read."""
    words = _WORDS["en" if lang == "en" else "zh"]
    table = RichTable(box=box.SIMPLE_HEAD)
    for k, column in enumerate(words["columns"]):
        table.add_column(column, overflow="fold", no_wrap=k in _FIGURES)
    for o in outcomes:
        plan = o.plan
        result = verdict_text(o.verdict, lang)
        if plan is None:
            result += ("：" if lang != "en" else ": ") + o.why(lang)
        table.add_row(
            escape(str(o.path.relative_to(folder))),
            escape(plan.title or "") if plan else "",
            escape(plan.region or "") if plan else "",
            period_text(plan),
            str(o.chapters) if plan else "",
            str(o.indicators) if plan else "",
            level_text(o.level, lang),
            str(o.warnings) if plan else "",
            f"[{_STYLES[o.verdict]}]{escape(result)}[/]",
        )
    console.print(table)
    count = {v: sum(1 for o in outcomes if o.verdict == v) for v in _STYLES}
    console.print(
        words["total"].format(
            n=len(outcomes),
            good=verdict_text("good", lang),
            a=count["good"],
            review=verdict_text("review", lang),
            b=count["review"],
            failed=verdict_text("failed", lang),
            c=count["failed"],
        ),
        markup=False,
    )


def write_json(outcomes: list[Outcome], folder: Path, json_dir: Path) -> int:
    """Each plan read as JSON under `json_dir`, at its document's place in the folder (`a/b.docx` → `a/b.docx.json`)."""
    written = 0
    for o in outcomes:
        if o.plan is None:
            continue
        target = json_dir / o.path.relative_to(folder)
        target = target.with_name(target.name + ".json")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(o.plan.model_dump_json(indent=2) + "\n", encoding="utf-8")
        written += 1
    return written
