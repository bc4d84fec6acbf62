"""What reading one file may cost, checked before the work is done.

A hostile or broken file (a zip that unpacks to gigabytes, a sheet whose cells
span a million rows, a PDF stream that inflates to hundreds of megabytes, an
XML part with a DTD and nested entities) must end in one sentence naming the
file and the limit it passed, never in a server error or a machine out of
memory. The checks read the zip directory, the parts' bytes as a stream and the
PDF's streams in bounded pieces, so they cost little memory whatever the file
holds. The defaults are far above any plan or workbook an office meets; each is
set by an environment variable (PLANWATCH_MAX_*).
"""

from __future__ import annotations

import os
import re
import time
import zipfile
import zlib
from dataclasses import dataclass, fields
from pathlib import Path

from planwatch.errors import InputError

MB = 1024 * 1024
_PIECE = MB
_LARGE_PART = MB  # parts smaller than this are never judged by their compression ratio


@dataclass(frozen=True)
class Limits:
    """The ceilings; `from_environment` reads PLANWATCH_MAX_<NAME> for each field."""

    document_mb: int = 50  # a plan document (.docx .pdf .html .txt) on disk
    spreadsheet_mb: int = 20  # an indicator table, a figures workbook, a task list (.xlsx .csv)
    unpacked_mb: int = 500  # a zip's parts together, or a PDF's streams, once inflated
    ratio: int = 100  # unpacked over packed, for a zip part over a megabyte
    cells: int = 2_000_000  # a workbook's cells, or the rectangle they span
    pages: int = 2_000
    seconds: int = 120  # one file's reading, looked at between pages and parts

    @classmethod
    def from_environment(cls) -> Limits:
        values: dict[str, int] = {}
        for field in fields(cls):
            name = f"PLANWATCH_MAX_{field.name.upper()}"
            raw = os.environ.get(name, "").strip()
            if not raw:
                continue
            if not raw.isdigit() or int(raw) <= 0:
                raise InputError(
                    name, f"应为正整数，现为“{raw}”。", f"Should be a positive whole number, not “{raw}”."
                )
            values[field.name] = int(raw)
        return cls(**values)


class Clock:
    """The time one reading may take, looked at between pages, parts and pieces."""

    def __init__(self, where: str, limits: Limits) -> None:
        self.where = where
        self.seconds = limits.seconds
        self.end = time.monotonic() + limits.seconds

    def check(self) -> None:
        if time.monotonic() > self.end:
            raise InputError(
                self.where,
                f"读取超过 {self.seconds} 秒的上限，未导入。",
                f"Reading took longer than the limit of {self.seconds} seconds; not imported.",
            )


def check_size(path: Path, limit_mb: int) -> None:
    """The file on disk against its ceiling; a file that cannot be read is left to its reader to name."""
    try:
        size = path.stat().st_size
    except OSError:
        return
    if size > limit_mb * MB:
        raise InputError(
            str(path),
            f"文件大小 {size / MB:.0f} MB，超过 {limit_mb} MB 的上限，未导入。",
            f"The file is {size / MB:.0f} MB, over the limit of {limit_mb} MB; not imported.",
        )


def check_package(path: Path, limits: Limits) -> None:
    """A .docx or .xlsx before it is opened: the zip directory's sizes, then each part streamed once.

    Streamed, each part's real size is counted (never more than the directory says: zipfile stops
    there and then fails the checksum), an XML part's prolog is refused if it declares a DTD or
    entities, and a worksheet's cells are counted with the rows and columns they span.
    A file that is not a zip at all is left to its reader, which says what it is instead.
    """
    if not zipfile.is_zipfile(path):
        return
    where = str(path)
    try:
        with zipfile.ZipFile(path) as package:
            members = package.infolist()
            _check_directory(where, members, limits)
            clock = Clock(where, limits)
            cells = 0
            for info in members:
                if info.filename.lower().endswith((".xml", ".rels", ".vml")):
                    cells += _scan_part(where, package, info, limits, clock)
                    if cells > limits.cells:
                        raise InputError(where, *too_many_cells(limits.cells))
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as e:
        raise InputError(
            where,
            f"压缩包已损坏，无法读取（{e}），未导入。",
            f"The zip archive is damaged and cannot be read ({e}); not imported.",
        ) from None


def too_many_cells(most: int) -> tuple[str, str]:
    """A workbook over the cell ceiling, in Chinese and in English."""
    return (
        f"单元格超过 {most:,} 个的上限，未导入。",
        f"It has more cells than the limit of {most:,}; not imported.",
    )


def _check_directory(where: str, members: list[zipfile.ZipInfo], limits: Limits) -> None:
    """What the zip's directory declares: the total unpacked size and each large part's ratio."""
    if sum(info.file_size for info in members) > limits.unpacked_mb * MB:
        raise InputError(
            where,
            f"解压后超过 {limits.unpacked_mb} MB 的上限，未导入。",
            f"Unpacked, it is over the limit of {limits.unpacked_mb} MB; not imported.",
        )
    for info in members:
        if info.file_size > _LARGE_PART and info.file_size > limits.ratio * max(info.compress_size, 1):
            raise InputError(
                where,
                f"其中的 {info.filename} 压缩比超过 {limits.ratio} 倍的上限（疑为压缩炸弹），未导入。",
                f"Its part {info.filename} unpacks to over {limits.ratio} times its packed size "
                "(likely a zip bomb); not imported.",
            )


_ROOT = re.compile(rb"<[A-Za-z_]")
_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_WORKSHEET = re.compile(r"xl/worksheets/[^/]+\.xml", re.IGNORECASE)
_CELL = re.compile(rb"<(?:\w+:)?c[\s>/]")
_REF = re.compile(rb'\br="([A-Z]{0,3})([0-9]{1,9})"')
_MERGE = re.compile(rb'\bref="([A-Z]{1,3})([0-9]{1,9}):([A-Z]{1,3})([0-9]{1,9})"')


def _scan_part(
    where: str, package: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits, clock: Clock
) -> int:
    """Stream one part: refuse a DTD in its prolog; for a worksheet, return its cells (or their span)."""
    extent = _Extent() if _WORKSHEET.fullmatch(info.filename) else None
    prolog: bytes | None = b""
    tail = b""
    with package.open(info) as part:
        while piece := part.read(_PIECE):
            clock.check()
            if prolog is not None:
                prolog, piece = _prolog(where, info.filename, prolog + piece)
            if extent is not None:
                cut = (tail + piece).rfind(b"<")
                text, tail = ((tail + piece)[:cut], (tail + piece)[cut:]) if cut > 0 else (tail + piece, b"")
                extent.add(text)
                if extent.cells() > limits.cells:
                    break
    if extent is None:
        return 0
    extent.add(tail)
    if extent.cells() > limits.cells:
        sheet = info.filename.rsplit("/", 1)[-1]
        raise InputError(
            where,
            f"工作表 {sheet} 的单元格超过 {limits.cells:,} 个的上限，未导入。",
            f"The sheet {sheet} has more cells than the limit of {limits.cells:,}; not imported.",
        )
    return extent.count


def _prolog(where: str, name: str, text: bytes) -> tuple[bytes | None, bytes]:
    """The part's text before its root element is its prolog, where a DTD would stand."""
    root = _ROOT.search(text)
    prolog = text if root is None else text[: root.start()]
    if _DECLARATION.search(prolog):
        raise InputError(
            where,
            f"其中的 {name} 含有 DTD 或实体声明，出于安全原因不予读取，未导入。",
            f"Its part {name} declares a DTD or entities and is not read, for safety; not imported.",
        )
    if root is None and len(text) > _PIECE:
        raise InputError(
            where,
            f"其中的 {name} 不是正常的 XML，未导入。",
            f"Its part {name} is not proper XML; not imported.",
        )
    return (text, b"") if root is None else (None, text)


class _Extent:
    """A worksheet's cells as openpyxl would make them: those written, and the rectangle they span."""

    def __init__(self) -> None:
        self.count = 0
        self.rows = 0
        self.columns = 0

    def add(self, text: bytes) -> None:
        self.count += len(_CELL.findall(text))
        for letters, number in set(_REF.findall(text)):
            self.rows = max(self.rows, int(number))
            self.columns = max(self.columns, _column(letters))
        for first, top, last, bottom in _MERGE.findall(text):
            self.rows = max(self.rows, int(top), int(bottom))
            self.columns = max(self.columns, _column(first), _column(last))

    def cells(self) -> int:
        return max(self.count, self.rows * self.columns)


def _column(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


_STREAM = re.compile(rb"(?<!end)stream\r?\n")
_IMAGE = re.compile(rb"/Subtype\s*/Image")


def check_pdf(path: Path, limits: Limits) -> None:
    """Every compressed stream of a PDF but its pictures, inflated in pieces and counted, before any is read.

    A page's content stream is inflated whole when the page is read; pictures are not inflated at all.
    """
    try:
        data = path.read_bytes()
    except OSError:
        return
    budget = limits.unpacked_mb * MB
    clock = Clock(str(path), limits)
    total = 0
    for match in _STREAM.finditer(data):
        dictionary = data[max(0, match.start() - 4096) : match.start()]
        if _IMAGE.search(dictionary[dictionary.rfind(b" obj") :]):
            continue
        clock.check()
        total += _inflated(data, match.end(), budget - total)
        if total > budget:
            raise InputError(
                str(path),
                f"其中的数据流解压后超过 {limits.unpacked_mb} MB 的上限，未导入。",
                f"Its streams unpack to over the limit of {limits.unpacked_mb} MB; not imported.",
            )


def _inflated(data: bytes, start: int, budget: int) -> int:
    """How many bytes the zlib stream at `start` inflates to, stopping past `budget`; 0 if it is not one."""
    inflater = zlib.decompressobj()
    view = memoryview(data)[start:]
    pending: bytes | memoryview = view[:_PIECE]
    at = _PIECE
    size = 0
    try:
        while not inflater.eof and size <= budget:
            size += len(inflater.decompress(pending, _PIECE))
            pending = inflater.unconsumed_tail
            if not pending:
                if at >= len(view):
                    break
                pending, at = view[at : at + _PIECE], at + _PIECE
    except zlib.error:
        pass
    return size
