"""`planwatch backup` and `planwatch restore`: a copy taken while a connection still holds figures in SQLite's
write-ahead log comes back whole, every table row for row and every media file byte for byte; a damaged backup
or a database in use is refused with one line naming why.

Each data directory is its own process, as on a server: Django's settings point at one data directory per
process, so the data are made by running this file (`python tests/test_backup.py DATA_DIR`). With a
PostgreSQL DATABASE_URL (CI's second run) the same tests run on two fresh databases, pg_dump permitting.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from planwatch.errors import InputError

# Marked for the database runs: CI repeats `pytest -m django_db` on PostgreSQL.
pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
URL = os.environ.get("DATABASE_URL", "")
POSTGRES = URL.startswith(("postgres", "pgsql"))
EVIDENCE = b"%PDF-1.4\n% \xe4\xbd\x90\xe8\xaf\x81\xe6\x9d\x90\xe6\x96\x99\n"


@dataclass
class Place:
    """A data directory, with its own database when PostgreSQL is used."""

    data_dir: Path
    url: str = ""

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")}
        env |= {"PLANWATCH_DATA_DIR": str(self.data_dir), "PLANWATCH_SECRET_KEY": "tests-only"}
        return env | ({"DATABASE_URL": self.url} if self.url else {})

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "planwatch", *args, "--data-dir", str(self.data_dir)]
        return subprocess.run(command, capture_output=True, text=True, env=self.env(), cwd=ROOT, timeout=300)

    def query(self, *queries: str) -> list[tuple]:
        """The rows of the last query, run after the others on one connection."""
        if self.url:
            import psycopg

            connect = psycopg.connect(self.url)
        else:
            connect = sqlite3.connect(self.data_dir / "planwatch.sqlite3")
        with closing(connect) as conn:
            for query in queries[:-1]:
                conn.execute(query)
            return conn.execute(queries[-1]).fetchall()

    def tables(self) -> dict[str, list[tuple]]:
        """Every table's rows, in a stable order."""
        listing = (
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
            if self.url
            else "SELECT name FROM sqlite_master WHERE type = 'table'"
        )
        names = [row[0] for row in self.query(listing)]
        return {name: sorted(self.query(f'SELECT * FROM "{name}"'), key=repr) for name in names}

    def files(self) -> dict[str, bytes]:
        media = self.data_dir / "media"
        return {p.relative_to(media).as_posix(): p.read_bytes() for p in media.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def places(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[], Place]]:
    """Fresh data directories (each with a fresh database on PostgreSQL), dropped at the end."""
    made: list[str] = []

    def fresh() -> Place:
        data_dir = tmp_path_factory.mktemp("data")
        if not POSTGRES:
            return Place(data_dir)
        import psycopg

        name = f"planwatch_backup_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(URL, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        made.append(name)
        return Place(data_dir, urlunsplit(urlsplit(URL)._replace(path=f"/{name}")))

    if POSTGRES and shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed")
    yield fresh
    if made:
        import psycopg

        with psycopg.connect(URL, autocommit=True) as conn:
            for name in made:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def source(places) -> Place:
    """A database with a plan, revised observations, tasks with evidence files, a pending upload and the trail."""
    place = places()
    seeded = subprocess.run(
        [sys.executable, __file__, str(place.data_dir)],
        capture_output=True,
        text=True,
        env=place.env(),
        cwd=ROOT,
    )
    assert seeded.returncode == 0, seeded.stderr
    return place


@pytest.fixture(scope="module")
def backup(source: Place, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, int]]:
    """A backup taken while another connection holds a revised figure the database file does not have yet;
    the backup folder and that figure's id."""
    into = tmp_path_factory.mktemp("backups")
    with _late_figure(source) as late:
        done = source.run("backup", str(into))
        assert done.returncode == 0, done.stderr
    (folder,) = into.iterdir()
    assert str(folder) in done.stdout
    return folder, late


LATE = 1234.5


@contextmanager
def _late_figure(place: Place) -> Iterator[int]:
    """Revise a figure in a connection left open, so that on SQLite it stays in the write-ahead log."""
    if place.url:
        import psycopg

        conn = psycopg.connect(place.url, autocommit=True)
        update = "UPDATE monitoring_observation SET value = %s WHERE id = %s"
    else:
        conn = sqlite3.connect(place.data_dir / "planwatch.sqlite3", isolation_level=None)
        conn.execute("PRAGMA wal_autocheckpoint = 0")
        update = "UPDATE monitoring_observation SET value = ? WHERE id = ?"
    with closing(conn):
        (last,) = conn.execute("SELECT max(id) FROM monitoring_observation").fetchone()
        conn.execute(update, (LATE, last))
        if not place.url:
            assert _in_file_alone(place.data_dir / "planwatch.sqlite3", last) != LATE
        yield last


def _in_file_alone(database: Path, observation: int) -> float:
    """The figure as a plain copy of the database file holds it, without the write-ahead log."""
    copy = database.with_name("copied.sqlite3")
    shutil.copyfile(database, copy)
    try:
        with closing(sqlite3.connect(copy)) as copied:
            query = f"SELECT value FROM monitoring_observation WHERE id = {observation}"
            return copied.execute(query).fetchone()[0]
    finally:
        copy.unlink()


@pytest.fixture(scope="module")
def restored(backup: tuple[Path, int], places) -> Place:
    place = places()
    done = place.run("restore", str(backup[0]))
    assert done.returncode == 0, done.stderr
    return place


def test_a_backup_restores_every_row_and_file(source: Place, backup: tuple[Path, int], restored: Place):
    tables = restored.tables()
    assert tables == source.tables()
    for table in ("plans_plan", "plans_indicator", "accounts_auditentry", "tasks_taskupdate"):
        assert tables[table], table
    assert restored.query(f"SELECT value FROM monitoring_observation WHERE id = {backup[1]}") == [(LATE,)]
    assert (
        restored.query("SELECT count(*) FROM monitoring_observation WHERE superseded_at IS NOT NULL")[0][0]
        >= 2
    )
    files = restored.files()
    assert files == source.files()
    assert sum(name.startswith("task-evidence/") for name in files) == 2
    assert any(name.startswith("uploads/") for name in files)


def test_the_manifest_lists_every_file(source: Place, backup: tuple[Path, int]):
    import json

    manifest = json.loads((backup[0] / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["database"] == ("postgresql" if POSTGRES else "sqlite")
    assert manifest["planwatch"] and manifest["created"]
    media = {f"media/{name}" for name in source.files()}
    assert set(manifest["files"]) == media | {next(p.name for p in backup[0].glob("database.*"))}
    assert all(len(digest) == 64 for digest in manifest["files"].values())
    assert backup[0].stat().st_mode & 0o077 == 0  # for the server's user alone


def test_a_database_in_use_is_replaced_only_when_forced(
    source: Place, backup: tuple[Path, int], restored: Place
):
    refused = restored.run("restore", str(backup[0]))
    assert refused.returncode == 2
    assert "--force" in refused.stderr and "Traceback" not in refused.stderr
    forced = restored.run("restore", str(backup[0]), "--force")
    assert forced.returncode == 0, forced.stderr
    assert restored.tables() == source.tables()
    assert restored.files() == source.files()


def test_a_damaged_backup_is_refused(backup: tuple[Path, int], places, tmp_path: Path):
    damaged = tmp_path / backup[0].name
    shutil.copytree(backup[0], damaged)
    evidence = next(damaged.glob("media/task-evidence/**/*.pdf"))
    evidence.write_bytes(evidence.read_bytes() + b"x")
    place = places()
    refused = place.run("restore", str(damaged))
    assert refused.returncode == 2
    assert evidence.name in refused.stderr and "sha256" in refused.stderr
    evidence.unlink()
    assert "missing" in place.run("restore", str(damaged)).stderr
    assert "not a planwatch backup" in place.run("restore", str(tmp_path)).stderr
    assert not place.files()


@pytest.mark.skipif(POSTGRES, reason="a PostgreSQL server always has its database")
def test_a_data_directory_without_a_database_has_nothing_to_back_up(tmp_path: Path):
    done = Place(tmp_path / "empty").run("backup", str(tmp_path / "backups"))
    assert done.returncode == 2
    assert "no database here" in done.stderr
    assert not list((tmp_path / "backups").iterdir())


def test_a_missing_pg_dump_is_named(monkeypatch: pytest.MonkeyPatch):
    from planwatch.server.backup import pg_tool

    monkeypatch.setenv("PATH", "")
    with pytest.raises(InputError, match=r"pg_dump.*PostgreSQL"):
        pg_tool("pg_dump")


def seed(data_dir: Path) -> None:
    """The data a backup must keep: the demo's plan and figures, a department member's revision, progress
    reports with evidence, a pending upload, and the audit trail all of these leave."""
    from planwatch.server import runtime

    runtime.setup(data_dir)
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    from planwatch.server import uploads
    from planwatch.server.accounts.models import Department
    from planwatch.server.demo import load_demo
    from planwatch.server.monitoring.services import record_observation
    from planwatch.server.tasks.models import Status
    from planwatch.server.tasks.services import report_progress

    clerk = get_user_model().objects.create_user("tongji", password="统计局-2026-backup")
    Department.objects.create(name="区统计局").members.add(clerk)
    plan = load_demo()
    indicator = plan.indicators.order_by("id").first()
    record_observation(indicator, 2023, 101.5, user=clerk, source="统计公报", note="初步核算")
    record_observation(indicator, 2023, 102.0, user=clerk, source="统计年鉴", note="最终核实")
    for task in plan.tasks.order_by("id")[:2]:
        evidence = SimpleUploadedFile("佐证材料.pdf", EVIDENCE, content_type="application/pdf")
        report_progress(task, clerk, "已完成年度目标", Status.IN_PROGRESS, evidence)
    pending = uploads.root() / "a1b2c3"
    pending.mkdir(parents=True)
    (pending / "填报表.xlsx").write_bytes(b"PK\x03\x04 pending import")


if __name__ == "__main__":
    seed(Path(sys.argv[1]))
