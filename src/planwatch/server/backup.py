"""Backups an office can restore: the database copied consistently while the server runs, the media files (task
evidence, pending uploads) beside it, and a manifest that lets a restore check every file before it replaces
anything.

A SQLite file is copied with SQLite's backup API, never as a file: figures committed but not yet checkpointed
live in the write-ahead log, which a plain copy of the .sqlite3 file leaves out. PostgreSQL is dumped with
pg_dump (custom format) and read back with pg_restore, both from the PATH. The secret key is not copied:
a restored server makes its own, and everyone logs in again.

Used by `planwatch backup DIR` and `planwatch restore DIR/<backup>`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection, connections

from planwatch import __version__
from planwatch.errors import InputError

MANIFEST = "manifest.json"
MEDIA = "media"
DUMPS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
# Tables Django fills by itself on a fresh database: rows there do not make a database one worth keeping.
_BOOKKEEPING = {"django_migrations", "django_content_type", "auth_permission"}
_CHUNK = 1 << 20


def database_kind() -> str:
    """`sqlite` or `postgresql`: what the data directory's settings point at."""
    engine = settings.DATABASES["default"]["ENGINE"]
    if engine.endswith("sqlite3"):
        return "sqlite"
    if "postgresql" in engine:
        return "postgresql"
    raise InputError("DATABASE_URL", f"备份只支持 SQLite 和 PostgreSQL only SQLite and PostgreSQL ({engine})")


def back_up(into: Path) -> Path:
    """Copy the database and the media files into a new folder under `into`, named by the time; the folder
    appears only once it is complete, so a backup cut short never passes for one."""
    kind = database_kind()
    name = _free_name(into)
    staging = into / f".{name}.partial"
    into.mkdir(parents=True, exist_ok=True)
    staging.mkdir(mode=0o700)  # it holds the password hashes: for the server's user alone
    try:
        dump = staging / DUMPS[kind]
        if kind == "sqlite":
            _dump_sqlite(dump)
        else:
            _dump_postgresql(dump)
        files = {DUMPS[kind]: _sha256(dump)}
        files |= _copy_media(Path(settings.MEDIA_ROOT), staging / MEDIA)
        manifest = {
            "created": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            "planwatch": __version__,
            "database": kind,
            "files": files,
        }
        text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
        (staging / MANIFEST).write_text(text, encoding="utf-8")
        staging.rename(into / name)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return into / name


def restore(folder: Path, force: bool = False) -> dict:
    """Check the backup against its manifest, then replace the database and the media files with it and bring
    the schema up to date. A database or media folder that holds anything is replaced only with `force`."""
    manifest = verify(folder)
    kind = database_kind()
    if manifest["database"] != kind:
        raise InputError(
            str(folder),
            f"这是 {manifest['database']} 数据库的备份，当前使用 {kind} "
            f"a {manifest['database']} backup cannot be restored into {kind}",
        )
    if not force and (_holds_data() or _holds_files(Path(settings.MEDIA_ROOT))):
        raise InputError(
            str(settings.DATA_DIR),
            "数据库或上传文件已有内容，如确需覆盖请加 --force "
            "the database or the media folder is not empty: give --force to replace them",
        )
    connections.close_all()
    dump = folder / DUMPS[kind]
    if kind == "sqlite":
        _load_sqlite(dump)
    else:
        _load_postgresql(dump)
    call_command("migrate", interactive=False, verbosity=0)
    connections.close_all()
    _replace_media(folder / MEDIA, Path(settings.MEDIA_ROOT))
    return manifest


def verify(folder: Path) -> dict:
    """The backup's manifest, once every file it lists is there with its sha256 and nothing else is."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        listed: dict[str, str] = manifest["files"]
        kind = manifest["database"]
    except FileNotFoundError:
        raise InputError(
            str(folder), f"不是 planwatch 备份：没有 {MANIFEST} not a planwatch backup"
        ) from None
    except (ValueError, KeyError, TypeError):
        raise InputError(str(folder / MANIFEST), "清单无法读取 not a backup manifest") from None
    if kind not in DUMPS or DUMPS[kind] not in listed:
        raise InputError(str(folder / MANIFEST), "清单未列出数据库文件 the manifest names no database copy")
    present = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} - {MANIFEST}
    unlisted = sorted(present - set(listed))
    if unlisted:
        raise InputError(str(folder / unlisted[0]), "清单中没有此文件 not in the manifest")
    for name, digest in sorted(listed.items()):
        if name not in present:
            raise InputError(str(folder / name), "备份缺少此文件 listed in the manifest but missing")
        if _sha256(folder / name) != digest:
            raise InputError(
                str(folder / name), "校验值不符，文件已损坏或被改动 sha256 differs from the manifest"
            )
    return manifest


def _free_name(into: Path) -> str:
    """`planwatch-YYYYMMDD-HHMMSS`, with a number after it when a backup of the same second exists."""
    stamp = f"planwatch-{dt.datetime.now():%Y%m%d-%H%M%S}"
    name, n = stamp, 1
    while (into / name).exists() or (into / f".{name}.partial").exists():
        n += 1
        name = f"{stamp}-{n}"
    return name


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _sqlite_path() -> Path:
    return Path(settings.DATABASES["default"]["NAME"])


def _dump_sqlite(dump: Path) -> None:
    """A consistent copy through the backup API (the log's figures included), as one self-contained file."""
    source = _sqlite_path()
    if not source.exists():
        raise InputError(str(source), "没有数据库 no database here: check --data-dir")
    with closing(sqlite3.connect(source, timeout=20)) as src, closing(sqlite3.connect(dump)) as dst:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")


def _load_sqlite(dump: Path) -> None:
    with (
        closing(sqlite3.connect(f"{dump.resolve().as_uri()}?mode=ro", uri=True)) as src,
        closing(sqlite3.connect(_sqlite_path(), timeout=20)) as dst,
    ):
        src.backup(dst)


def pg_tool(name: str) -> str:
    """The PostgreSQL client program's path, or the reason it cannot be run."""
    found = shutil.which(name)
    if found is None:
        raise InputError(
            name,
            f"找不到 {name}，请安装 PostgreSQL 客户端（Debian: postgresql-client） "
            f"not on the PATH: install the PostgreSQL client programs",
        )
    return found


def _pg_environment() -> dict[str, str]:
    """The connection as libpq's variables, so that no password shows in the process list."""
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    pairs = {"PGHOST": db.get("HOST"), "PGPORT": db.get("PORT"), "PGUSER": db.get("USER")}
    pairs |= {"PGPASSWORD": db.get("PASSWORD"), "PGDATABASE": db.get("NAME")}
    pairs["PGSSLMODE"] = db.get("OPTIONS", {}).get("sslmode")
    env.update({k: str(v) for k, v in pairs.items() if v})
    return env


def _run_pg(tool: str, *args: str) -> None:
    done = subprocess.run(
        [pg_tool(tool), *args], env=_pg_environment(), capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines() or [f"exit {done.returncode}"]
        raise InputError(tool, lines[-1])


def _dump_postgresql(dump: Path) -> None:
    _run_pg("pg_dump", "--format=custom", f"--file={dump}")


def _load_postgresql(dump: Path) -> None:
    """All or nothing: one transaction; objects the dump holds are dropped first where they exist."""
    _run_pg(
        "pg_restore",
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
        f"--dbname={settings.DATABASES['default']['NAME']}",
        str(dump),
    )


def _holds_data() -> bool:
    """Whether any table holds a row Django did not put there by itself."""
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table in _BOOKKEEPING:
                continue
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")
            if cursor.fetchone():
                return True
    return False


def _holds_files(folder: Path) -> bool:
    return folder.is_dir() and any(p.is_file() for p in folder.rglob("*"))


def _copy_media(media: Path, into: Path) -> dict[str, str]:
    """Copy every media file, hashing it as it is written; {path in the backup: sha256}."""
    files: dict[str, str] = {}
    for path in sorted(media.rglob("*")) if media.is_dir() else []:
        rel = path.relative_to(media).as_posix()
        target = into / rel
        try:
            if not path.is_file():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            digest = hashlib.sha256()
            with path.open("rb") as src, target.open("wb") as dst:
                while chunk := src.read(_CHUNK):
                    digest.update(chunk)
                    dst.write(chunk)
            shutil.copystat(path, target)
        except FileNotFoundError:  # an abandoned upload swept away while the backup ran
            target.unlink(missing_ok=True)
            continue
        files[f"{MEDIA}/{rel}"] = digest.hexdigest()
    return files


def _replace_media(backup: Path, media: Path) -> None:
    """Put the backup's media folder in place of the current one, the old one removed only at the end."""
    incoming = media.with_name(f"{media.name}.restoring")
    replaced = media.with_name(f"{media.name}.replaced")
    for left in (incoming, replaced):
        shutil.rmtree(left, ignore_errors=True)
    if backup.is_dir():
        shutil.copytree(backup, incoming)
    else:
        incoming.mkdir(parents=True)
    if media.exists():
        media.rename(replaced)
    incoming.rename(media)
    shutil.rmtree(replaced, ignore_errors=True)
