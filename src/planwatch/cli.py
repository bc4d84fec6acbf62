"""The `planwatch` command line."""

from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from planwatch.errors import InputError
from planwatch.ingest import ingest as ingest_plan
from planwatch.plan import plan_schema
from planwatch.summary import render

app = typer.Typer(
    help="planwatch: 五年规划纲要监测评估 — read, monitor and evaluate a five-year plan outline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

SAMPLE = "weidu-14th-fyp-outline.scraped.txt"


def sample_path() -> Path:
    """The sample plan shipped with the package (Weidu district's 14th plan, as scraped)."""
    return Path(str(resources.files("planwatch") / "samples" / SAMPLE))


@app.command()
def ingest(
    file: Annotated[Path, typer.Argument(help="规划纲要文件 plan document: .txt, .docx, .html, .pdf")],
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON print the plan as JSON")] = False,
) -> None:
    """读取规划纲要 Read a plan document into its outline, indicator tables and warnings."""
    plan = ingest_plan(file)
    if as_json:
        sys.stdout.write(plan.model_dump_json(indent=2) + "\n")
    else:
        render(plan, Console())


@app.command()
def schema() -> None:
    """输出 JSON Schema: the schema `planwatch ingest --json` output validates against."""
    sys.stdout.write(json.dumps(plan_schema(), ensure_ascii=False, indent=2) + "\n")


@app.command()
def demo() -> None:
    """演示 Read the shipped sample plan (魏都区“十四五”规划纲要) and show what was read."""
    render(ingest_plan(sample_path()), Console())


def main() -> None:
    """Entry point: bad input becomes one line on stderr and exit code 2, never a traceback."""
    try:
        app()
    except InputError as e:
        sys.stderr.write(f"planwatch: {e}\n")
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
