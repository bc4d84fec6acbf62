"""Readers: one module per file format, each turning a file into a `Document` of blocks.

A reader claims a file by its suffix, or by its first bytes where the suffix
says nothing (a .docx saved as .bin still starts with a zip header).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from planwatch.errors import InputError
from planwatch.ingest.blocks import Document
from planwatch.ingest.limits import Limits, check_size

from . import docx, html, pdf, text

Reader = Callable[[Path], Document]

BY_SUFFIX: dict[str, Reader] = {
    ".txt": text.read,
    ".text": text.read,
    ".docx": docx.read,
    ".html": html.read,
    ".htm": html.read,
    ".pdf": pdf.read,
}


def _sniff(head: bytes) -> Reader | None:
    if head.startswith(b"%PDF"):
        return pdf.read
    if head.startswith(b"PK\x03\x04"):
        return docx.read
    lowered = head[:512].lstrip().lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered:
        return html.read
    return None


def read_document(path: Path) -> Document:
    """Read any supported file into blocks, or raise InputError naming the file."""
    if not path.exists():
        raise InputError(str(path), *text.unreadable(FileNotFoundError()))
    if path.is_dir():
        raise InputError(str(path), "是文件夹，不是文件。", "This is a folder, not a file.")
    check_size(path, Limits.from_environment().document_mb)
    try:
        with path.open("rb") as f:
            head = f.read(1024)
    except OSError as e:
        raise InputError(str(path), *text.unreadable(e)) from None
    reader = BY_SUFFIX.get(path.suffix.lower()) or _sniff(head)
    if reader is None:
        if path.suffix.lower() in {".doc", ".wps", ".xls", ".xlsx", ".pptx", ".ppt"}:
            raise InputError(
                str(path),
                f"无法读取 {path.suffix} 格式的文件，请另存为 .docx、.pdf、.html 或 .txt 后再上传。",
                f"A {path.suffix} file cannot be read: save it as .docx, .pdf, .html or .txt and upload it again.",
            )
        reader = text.read
    return reader(path)
