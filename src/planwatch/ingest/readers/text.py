"""Plain text, including text scraped from document-sharing sites.

Encodings are detected, not assumed: a byte-order mark, then strict UTF-8,
then UTF-16 and GB18030 (a superset of GBK and GB2312, what Chinese Windows
writes), each accepted only where the result reads as text.

A scraped copy (like the sample) starts with a site header line and is cut
into chunks, each line opening with a running marker `12、`; the cuts fall
anywhere, inside words, headings and table cells. The markers are removed and
the cuts joined, so the text reads as one run again.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from planwatch.errors import InputError
from planwatch.ingest.blocks import Document, Paragraph
from planwatch.ingest.furniture import PAGE_NUMBER, strip_furniture

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# A site header names the file in 《》 and says how it is shared.
_SITE_HEADER = re.compile(r"^《[^》]{4,200}》.{0,80}(分享|在线阅读|下载|搜索|文档|文库)")
_CHUNK = re.compile(r"^(\d{1,4})、")


def unreadable(error: OSError) -> tuple[str, str]:
    """Why a file the system would not hand over is refused, as an office reads it: in Chinese, in English."""
    if isinstance(error, FileNotFoundError):
        return "文件不存在。", "The file does not exist."
    return (
        "无法读取该文件（没有读取权限或磁盘出错）。",
        "The file cannot be read (no permission to read it, or a disk error).",
    )


def decode(data: bytes, where: str) -> tuple[str, str]:
    """Return the text and the name of the encoding it was found in."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                shown = name.removesuffix("-sig").upper()
                raise InputError(
                    where,
                    f"文件开头标明为 {shown} 编码，内容却不是 {shown} 文本，无法读取。",
                    f"The file starts with a {shown} mark but its content is not {shown} text; it cannot be read.",
                ) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Text never holds NUL bytes, but UTF-16 does wherever a character is ASCII.
    order = (
        ("utf-16-le", "utf-16-be", "gb18030") if b"\x00" in data else ("gb18030", "utf-16-le", "utf-16-be")
    )
    for name in order:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text, name
    if b"\x00" in data:
        raise InputError(
            where,
            "格式无法识别：不是文本，也不是 .docx、.pdf 或 .html 文件。",
            "Unknown format: not text, and not a .docx, .pdf or .html file.",
        )
    raise InputError(
        where,
        "无法识别文字编码：不是 UTF-8、UTF-16 或 GB18030/GBK 编码的文本。",
        "Unknown text encoding: not text in UTF-8, UTF-16 or GB18030/GBK.",
    )


def _looks_like_text(text: str) -> bool:
    """GB18030 decodes most byte soup; real text is mostly common CJK, ASCII and punctuation."""
    if not text:
        return True
    common = sum(
        1
        for ch in text
        if ch.isascii()
        or "\u4e00" <= ch <= "\u9fff"
        or "\u3000" <= ch <= "\u303f"
        or "\uff00" <= ch <= "\uffef"
        or "\u2000" <= ch <= "\u206f"
    )
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t\f")
    return common / len(text) > 0.85 and controls / len(text) < 0.01


def join_scraped(lines: list[str]) -> tuple[list[str], list[str]]:
    """Remove a site header and the running chunk markers, joining the cut lines.

    Returns the lines of text (one run per stretch of consecutive chunks) and
    notes on what was removed. A line whose leading `N、` does not continue the
    running count is text, not a marker (a list item such as `1、加强…`). A page
    number between or inside chunks (`- 5 -`) is dropped and the run goes on.
    """
    notes: list[str] = []
    body = list(lines)
    while body and not body[0].strip():
        body.pop(0)
    if body and _SITE_HEADER.match(body[0].strip()):
        notes.append(f"removed the site header line: {body[0].strip()[:60]}…")
        body.pop(0)
    markers = [_CHUNK.match(line) for line in body]
    numbered = [int(m.group(1)) for m in markers if m]
    if len(numbered) < 3 or numbered[:3] != list(range(numbered[0], numbered[0] + 3)):
        return body, notes
    runs: list[list[str]] = []
    expected = numbered[0]
    joined = 0
    cut = False
    for line, m in zip(body, markers, strict=True):
        if PAGE_NUMBER.match(line):
            cut = True  # a page number between chunks, or cutting one: the run goes on after it
            continue
        if m and int(m.group(1)) == expected:
            piece = line[m.end() :]
            if runs and joined:
                runs[-1].append(piece)
            else:
                runs.append([piece])
            expected += 1
            joined += 1
        elif cut and joined:
            runs[-1].append(line)
        else:
            runs.append([line])
            joined = 0
        cut = False
    out = ["".join(run) for run in runs]
    notes.append(
        f"joined {expected - numbered[0]} scraped chunks (markers {numbered[0]}、 to {expected - 1}、)"
    )
    return out, notes


def read(path: Path) -> Document:
    """Read a text file into one paragraph a line (a scraped copy becomes one long paragraph).

    Page numbers and running headers are taken out of the lines (see `furniture`).
    """
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(str(path), *unreadable(e)) from None
    text, encoding = decode(data, str(path))
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines, notes = join_scraped(lines)
    lines, removed = strip_furniture(lines)
    notes.extend(f"removed {n} {what}" for what, n in removed.items())
    paragraphs = [Paragraph(line.strip()) for line in lines if line.strip()]
    return Document(paragraphs, format="text", source=str(path), notes=[f"encoding {encoding}", *notes])
