"""Several plan documents uploaded at once: each is kept as a pending upload of its own and read in turn, and the
batch's table (what read well, what needs review, what could not be read) waits in the session. The office then
reviews and confirms each document through the one-document review: opening a row makes its document the upload
under review, and confirming it stores that plan and marks the row with it. One broken file is one row saying
why; it never stops the others."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest

from planwatch.bulk import UNEXPECTED, Outcome, level_text, period_text, read_one, verdict_text
from planwatch.server.translations import page_lang
from planwatch.server.uploads import Pending, Uploads, root

SESSION_KEY = "upload.plan.batch"


@dataclass
class Row:
    """A document of the batch as its table shows it."""

    name: str
    title: str
    region: str
    period: str
    chapters: int
    indicators: int
    confidence: str  # 高/中/低
    warnings: int
    verdict: str  # good, review or failed
    result: str  # 读取良好 / 需人工核对 / 未能读取
    reason: str  # why it was not read
    folder: str  # its pending upload, while it waits for review and confirmation
    plan: int | None  # the plan stored from it once confirmed


def read_batch(request: HttpRequest, uploads: Uploads, documents: list[UploadedFile]) -> None:
    """Keep and read each document in turn; the batch replaces the one before it, and its unconfirmed uploads."""
    _drop(request, uploads)
    entries = []
    for document in documents:
        pending = uploads.start(document)
        outcome = read_one(pending.file)
        if outcome.plan is None:
            pending.discard()
        entries.append(_entry(document.name, outcome, pending.entry if outcome.plan else None))
    request.session[SESSION_KEY] = entries


def _entry(name: str, outcome: Outcome, pending: dict | None) -> dict:
    """What the session keeps of a document read: its figures for the table, and its pending upload."""
    plan = outcome.plan
    return {
        "name": name,
        "title": (plan.title if plan else None) or "",
        "region": (plan.region if plan else None) or "",
        "period": period_text(plan),
        "chapters": outcome.chapters,
        "indicators": outcome.indicators,
        "level": outcome.level,
        "warnings": outcome.warnings,
        "verdict": outcome.verdict,
        "reason": outcome.reason,
        "english": outcome.english,
        "unexpected": outcome.unexpected,
        "pending": pending,
        "plan": None,
    }


def rows(request: HttpRequest) -> list[Row]:
    """The batch in the session, in the page's language; a row can be opened while its upload is still kept."""
    lang = page_lang()
    found = []
    for entry in request.session.get(SESSION_KEY) or []:
        folder = (entry.get("pending") or {}).get("folder", "")
        waiting = bool(folder) and entry.get("plan") is None and (root() / folder).is_dir()
        found.append(
            Row(
                name=entry["name"],
                title=entry["title"],
                region=entry["region"],
                period=entry["period"],
                chapters=entry["chapters"],
                indicators=entry["indicators"],
                confidence=level_text(entry["level"], lang),
                warnings=entry["warnings"],
                verdict=entry["verdict"],
                result=verdict_text(entry["verdict"], lang),
                reason=_reason(entry, lang),
                folder=folder if waiting else "",
                plan=entry.get("plan"),
            )
        )
    return found


def _reason(entry: dict, lang: str) -> str:
    """Why a document was not read, in the page's language."""
    if entry["unexpected"]:
        return UNEXPECTED[1 if lang == "en" else 0]
    return (entry.get("english") or entry["reason"]) if lang == "en" else entry["reason"]


def _pending_entry(request: HttpRequest, folder: str) -> dict | None:
    """The batch's entry whose upload is kept in `folder`, while it is not yet stored."""
    for entry in request.session.get(SESSION_KEY) or []:
        if folder and (entry.get("pending") or {}).get("folder") == folder and entry.get("plan") is None:
            return entry
    return None


def open_review(request: HttpRequest, uploads: Uploads, folder: str) -> bool:
    """Make the batch's document kept in `folder` the upload under review; False when it is gone."""
    entry = _pending_entry(request, folder)
    if entry is None or not (root() / folder).is_dir():
        return False
    park(request, uploads)  # the one under review before keeps what the office did on it
    uploads.save(request, Pending(root() / folder, entry["pending"]))
    return True


def park(request: HttpRequest, uploads: Uploads) -> None:
    """Take the upload under review out of the session: a batch's document goes back to its row with what the
    office did on it (column roles, an indicator spreadsheet); any other is discarded, as a new upload does."""
    current = uploads.take(request)
    if current is None:
        return
    entry = _pending_entry(request, current.entry["folder"])
    if entry is None:
        current.discard()
        return
    entry["pending"] = current.entry
    request.session.modified = True


def stored(request: HttpRequest, folder: str, plan: int) -> bool:
    """Mark the batch's row of the upload just confirmed with the plan stored from it; False when none is."""
    entry = _pending_entry(request, folder)
    if entry is None:
        return False
    entry["pending"], entry["plan"] = None, plan
    request.session.modified = True
    return True


def _drop(request: HttpRequest, uploads: Uploads) -> None:
    """Discard the upload under review, the batch in the session and every upload of it not yet confirmed."""
    uploads.drop(request)
    for entry in request.session.pop(SESSION_KEY, None) or []:
        folder = (entry.get("pending") or {}).get("folder", "")
        if folder and Path(folder).name == folder:
            Pending(root() / folder, entry["pending"]).discard()


def limits() -> dict[str, int]:
    """How many documents may be uploaded at once, and their MB together, as the upload page says."""
    return {"files": settings.PLAN_UPLOAD_MAX_FILES, "mb": settings.PLAN_UPLOAD_MAX_MB}
