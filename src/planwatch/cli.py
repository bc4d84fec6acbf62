"""The `planwatch` command line."""

from __future__ import annotations

import datetime as dt
import json
import sys
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError
from rich.console import Console

from planwatch.errors import InputError
from planwatch.evaluate.from_plan import indicators_from_plan
from planwatch.evaluate.method import evaluate as evaluate_indicators
from planwatch.evaluate.settings import Settings
from planwatch.evaluate.vintages import as_of_note, known_on, vintage_note, with_vintages
from planwatch.ingest import ingest as ingest_plan
from planwatch.ingest.spreadsheets import read_indicators, read_observations, write_template
from planwatch.plan.model import Indicator, Observation, Plan, plan_schema
from planwatch.plan.vocabulary import REPORT_KINDS
from planwatch.summary import render, render_assessments

app = typer.Typer(
    help="planwatch: 五年规划纲要监测评估 — read, monitor and evaluate a five-year plan outline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

SAMPLE = "weidu-14th-fyp-outline.scraped.txt"
_KIND_CHOICES = f"{', '.join(REPORT_KINDS[:-1])} or {REPORT_KINDS[-1]}"  # annual, midterm or final


def sample_path() -> Path:
    """The sample plan shipped with the package (Weidu district's 14th plan, as scraped)."""
    return Path(str(resources.files("planwatch") / "samples" / SAMPLE))


LangOption = Annotated[str, typer.Option("--lang", help="说明语言 language of the explanations: zh or en")]


def _check_lang(lang: str) -> None:
    if lang not in ("zh", "en"):
        raise typer.BadParameter("zh or en", param_hint="--lang")


@app.command()
def ingest(
    file: Annotated[
        Path,
        typer.Argument(
            help="规划纲要文件或文件夹 plan document (.txt, .docx, .html, .pdf), or a folder of them"
        ),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON print the plan as JSON")] = False,
    json_dir: Annotated[
        Path | None,
        typer.Option(
            "--json-dir", help="JSON 目录 with a folder: write each plan's JSON there (a.docx → a.docx.json)"
        ),
    ] = None,
    lang: LangOption = "zh",
) -> None:
    """读取规划纲要 Read a plan document into its outline, indicator tables, reading confidence and warnings.

    A folder: every plan document in it and its subfolders, read in turn, then a table of how each read.
    Exit code 退出码: 0 all read well 全部读取良好; 1 some need review or were not read 有需人工核对或未能读取的;
    2 bad input 输入有误.
    """
    _check_lang(lang)
    if file.is_dir():
        if as_json:
            raise typer.BadParameter(
                "读取文件夹时请用 --json-dir 目录 with a folder, use --json-dir", param_hint="--json"
            )
        from planwatch.bulk_summary import ingest_folder

        raise typer.Exit(ingest_folder(file, json_dir, lang))
    if json_dir is not None:
        raise typer.BadParameter("只用于文件夹 only with a folder", param_hint="--json-dir")
    try:
        plan = ingest_plan(file)
    except InputError as e:  # printed by main, in the language asked for
        raise InputError(e.place(lang), e.text(lang)) from None
    if as_json:
        sys.stdout.write(plan.model_dump_json(indent=2) + "\n")
    else:
        render(plan, Console(), lang)


@app.command()
def schema() -> None:
    """输出 JSON Schema: the schema `planwatch ingest --json` output validates against."""
    sys.stdout.write(json.dumps(plan_schema(), ensure_ascii=False, indent=2) + "\n")


def load_plan(path: Path) -> Plan:
    """A plan JSON written by `planwatch ingest --json`, or a plan document read now."""
    if path.suffix.lower() != ".json":
        return ingest_plan(path)
    try:
        return Plan.model_validate_json(path.read_bytes())
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except ValueError as e:
        raise InputError(
            str(path), f"not a plan JSON written by planwatch ingest --json ({str(e).splitlines()[0]})"
        ) from None


def load_settings(path: Path | None) -> Settings:
    """Settings from a JSON file (any field left out keeps its default)."""
    if path is None:
        return Settings()
    try:
        return Settings.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise InputError(str(path), f"not JSON: {e}") from None
    except ValidationError as e:
        first = e.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        raise InputError(str(path), f"setting {field}: {first['msg']}") from None


def load_indicators(
    plan: Path | None, indicators: Path | None, base_year: int | None, target_year: int | None
) -> tuple[list[Indicator], Plan | None]:
    """Indicators from a plan (its main indicator table) or from an indicator spreadsheet, and the plan if any."""
    if (plan is None) == (indicators is None):
        raise InputError("--plan/--indicators", "give one of them: a plan or an indicator table")
    if indicators is not None:
        return read_indicators(indicators, base_year, target_year), None
    assert plan is not None
    reading = load_plan(plan)
    found = indicators_from_plan(reading)
    if not found:
        raise InputError(
            str(plan), "no indicator table with baseline and target columns was found in the plan"
        )
    return found, reading


PlanOption = Annotated[
    Path | None, typer.Option("--plan", help="规划 plan JSON (planwatch ingest --json) or document")
]
IndicatorsOption = Annotated[
    Path | None,
    typer.Option("--indicators", help="指标表 indicator table (.xlsx/.csv: 指标, 基期值, 目标值…)"),
]
BaseYearOption = Annotated[
    int | None, typer.Option("--base-year", help="基期年 base year, where the table has none")
]
TargetYearOption = Annotated[
    int | None, typer.Option("--target-year", help="目标年 final year, where the table has none")
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="按日期 YYYY-MM-DD: only the figures published by then (the file's 发布日期 column); "
        "rows without a date count as known",
    ),
]


def as_of_day(as_of: str | None) -> dt.date | None:
    """The day --as-of names, if any."""
    if as_of is None:
        return None
    try:
        return dt.date.fromisoformat(as_of)
    except ValueError:
        raise typer.BadParameter(f"{as_of}: a date YYYY-MM-DD", param_hint="--as-of") from None


def load_observations(path: Path, indicators: list[Indicator], day: dt.date | None) -> list[Observation]:
    """A file's figures as they stood on a day (the latest of each year when none): a file may hold a year's
    preliminary and final figures, each with the day it was published."""
    rows = read_observations(path, indicators)
    if day is not None and all(row.published is None for row in rows):
        raise InputError(str(path), "没有一行填写发布日期：按日期评估（--as-of）需要“发布日期”列")
    return known_on(rows, day)


@app.command()
def evaluate(
    observations: Annotated[
        Path, typer.Option("--observations", help="监测数据 observations (.xlsx/.csv: 指标, 年份, 值)")
    ],
    year: Annotated[int, typer.Option("--year", help="评估年份 the year to assess")],
    plan: PlanOption = None,
    indicators: IndicatorsOption = None,
    base_year: BaseYearOption = None,
    target_year: TargetYearOption = None,
    settings: Annotated[Path | None, typer.Option("--settings", help="评估参数 thresholds as JSON")] = None,
    lang: LangOption = "zh",
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON print the assessments as JSON")] = False,
    as_of: AsOfOption = None,
) -> None:
    """按序时进度评估 Assess every indicator in a year against the time-elapsed path (序时进度)."""
    _check_lang(lang)
    day = as_of_day(as_of)
    found, _ = load_indicators(plan, indicators, base_year, target_year)
    figures = load_observations(observations, found, day)
    assessments = with_vintages(
        evaluate_indicators(found, figures, year, load_settings(settings), lang), figures
    )
    if as_json:
        sys.stdout.write(
            json.dumps([a.model_dump() for a in assessments], ensure_ascii=False, indent=2) + "\n"
        )
        return
    console = Console()
    render_assessments(found, assessments, console, lang)
    notes = [as_of_note(day, lang) if day else "", vintage_note(assessments, lang)]
    for note in filter(None, notes):
        console.print(note)


@app.command()
def template(
    output: Annotated[Path, typer.Option("-o", "--output", help="输出文件 the .xlsx to write")],
    plan: PlanOption = None,
    indicators: IndicatorsOption = None,
    base_year: BaseYearOption = None,
    target_year: TargetYearOption = None,
) -> None:
    """生成填报模板 Write the .xlsx that departments fill in with their yearly figures."""
    found, _ = load_indicators(plan, indicators, base_year, target_year)
    first = min(i.base_year for i in found) + 1
    last = max(i.target_year for i in found)
    write_template(found, list(range(first, last + 1)), output)
    Console().print(f"{output}: {len(found)} indicators x {last - first + 1} years ({first}-{last})")


@app.command()
def report(
    observations: Annotated[Path, typer.Option("--observations", help="监测数据 observations (.xlsx/.csv)")],
    year: Annotated[int, typer.Option("--year", help="报告年份 the year reported on")],
    output: Annotated[Path, typer.Option("-o", "--output", help="输出文件 the file to write")],
    kind: Annotated[str, typer.Option("--kind", help=f"报告类型 {_KIND_CHOICES}")] = "annual",
    fmt: Annotated[
        str, typer.Option("--format", help="格式 docx, xlsx or html (default: from the file name)")
    ] = "",
    plan: PlanOption = None,
    indicators: IndicatorsOption = None,
    base_year: BaseYearOption = None,
    target_year: TargetYearOption = None,
    settings: Annotated[Path | None, typer.Option("--settings", help="评估参数 thresholds as JSON")] = None,
    illustrative: Annotated[
        bool, typer.Option("--illustrative", help="示例数据 mark the figures as illustrative, not statistics")
    ] = False,
    template: Annotated[
        Path | None, typer.Option("--template", help="Word 模板 an office's own .docx template (docx only)")
    ] = None,
    as_of: AsOfOption = None,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            help="下一规划基期表 with --kind final: also write the completion table as the next plan's "
            "indicator table (.xlsx/.csv, 基期值 = this plan's results)",
        ),
    ] = None,
) -> None:
    """生成评估报告 Write the annual monitoring report, the mid-term or the final evaluation."""
    from planwatch.report import FORMATS, build_report, write_report

    fmt = fmt or output.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise typer.BadParameter(f"{fmt or '(none)'}: one of {', '.join(FORMATS)}", param_hint="--format")
    if kind not in REPORT_KINDS:
        raise typer.BadParameter(_KIND_CHOICES, param_hint="--kind")
    if baseline is not None and kind != "final":
        raise typer.BadParameter(
            "只有总结评估（--kind final）才能生成下一规划的基期表", param_hint="--baseline"
        )
    day = as_of_day(as_of)
    found, reading = load_indicators(plan, indicators, base_year, target_year)
    title = (reading.title if reading else None) or (indicators.stem if indicators else "规划")
    content = build_report(
        found,
        load_observations(observations, found, day),
        year,
        kind,
        plan_title=title,
        region=(reading.region if reading else None) or "",
        settings=load_settings(settings),
        date=day,  # a report as of a day is the one written that day
        illustrative=illustrative,
        projects=reading.projects if reading else None,
    )
    if template is not None and not template.exists():
        raise InputError(str(template), "no such file")
    write_report(content, fmt, output, template)
    typer.echo(f"{output}: {content.title}")
    if baseline is not None:
        from planwatch.report.completion import write_baseline

        write_baseline(content, baseline)
        typer.echo(f"{baseline}: 下一规划指标基期表（{len(content.completion)} 项指标）")


DataDirOption = Annotated[
    Path | None,
    typer.Option("--data-dir", help="数据目录 where the database and uploads live (default: user data dir)"),
]
PortOption = Annotated[int, typer.Option("--port", help="端口 port")]
HostOption = Annotated[str, typer.Option("--host", help="地址 address to listen on")]


WorkersOption = Annotated[
    int,
    typer.Option(
        "--workers",
        help="进程数 gunicorn worker processes (Linux, pip install 'planwatch[server]'); 0 serves with waitress",
    ),
]


@app.command()
def serve(
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
    data_dir: DataDirOption = None,
    workers: WorkersOption = 0,
) -> None:
    """启动网页应用 Serve the planning office's web application (SQLite, or PostgreSQL with DATABASE_URL)."""
    from planwatch.server import runtime

    runtime.setup(data_dir)
    runtime.prepare()
    runtime.ensure_admin()
    typer.echo(f"planwatch: serving on http://{host}:{port}/")
    runtime.serve(host, port, workers)


@app.command()
def demo(host: HostOption = "127.0.0.1", port: PortOption = 8000, data_dir: DataDirOption = None) -> None:
    """演示 Serve a fresh database holding the sample plan (魏都区“十四五”规划纲要) with illustrative observations."""
    import os
    import tempfile

    from planwatch.server import runtime

    data_dir = data_dir or Path(tempfile.mkdtemp(prefix="planwatch-demo-"))
    if (data_dir / "planwatch.sqlite3").exists():
        raise InputError(str(data_dir), "already holds a database: the demo needs a fresh data directory")
    os.environ.pop("DATABASE_URL", None)  # the demo always runs on its own SQLite file
    runtime.setup(data_dir, public_read=True)
    runtime.prepare()
    from planwatch.server.demo_office import load_demo_office

    plan, logins = load_demo_office()
    user, password = runtime.create_demo_admin()
    typer.echo(
        f"planwatch demo: {plan.title} ({plan.indicators.count()} indicators, illustrative 2021-2024 figures)"
    )
    typer.echo(f"  open   http://{host}:{port}/")
    typer.echo(f"  login  {user} / {password}")
    for login in logins:
        typer.echo(f"  login  {login.username} / {login.password}  {login.role}")
    typer.echo(f"  data   {data_dir}")
    runtime.serve(host, port)


@app.command()
def backup(
    directory: Annotated[Path, typer.Argument(help="备份目录 the folder that keeps the backups")],
    data_dir: DataDirOption = None,
) -> None:
    """备份 Copy the database and the uploaded files, consistently while the server runs, into a new folder."""
    from planwatch.server import runtime

    runtime.setup(data_dir)
    from planwatch.server.backup import back_up

    folder = back_up(directory)
    typer.echo(f"{folder}: 备份完成 backup written")


@app.command()
def restore(
    folder: Annotated[Path, typer.Argument(help="备份 one backup folder written by planwatch backup")],
    data_dir: DataDirOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="覆盖 replace a database or uploads that are not empty")
    ] = False,
) -> None:
    """恢复 Check a backup against its manifest, put it in place of the data and migrate the database."""
    from planwatch.server import runtime

    runtime.setup(data_dir)
    from planwatch.server.backup import restore as restore_backup

    manifest = restore_backup(folder, force)
    typer.echo(f"{folder}: 已恢复 restored (备份于 backed up {manifest['created']})")


def main() -> None:
    """Entry point: bad input becomes one line on stderr and exit code 2, never a traceback."""
    try:
        app()
    except InputError as e:
        sys.stderr.write(f"planwatch: {e}\n")
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
