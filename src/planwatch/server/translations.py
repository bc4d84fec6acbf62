"""The pages' message catalogues, compiled where the application runs, and the language a page is shown in.

Only the .po sources ship with the code; the .mo files Django reads are built
from them with Babel, so an office's server needs no GNU gettext.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.utils.translation import get_language, gettext

SOURCES = Path(__file__).parent / "locale"


def compile_catalogues(target_dir: Path, source_dir: Path = SOURCES) -> list[Path]:
    """Compile each <lang>/LC_MESSAGES/<domain>.po of source_dir into the same place under target_dir.

    Returns the .mo files written. Each is replaced whole, so a server reading
    one while another process compiles never sees half a file.
    """
    written = []
    for po in sorted(source_dir.glob("*/LC_MESSAGES/*.po")):
        mo = target_dir / po.relative_to(source_dir).with_suffix(".mo")
        mo.parent.mkdir(parents=True, exist_ok=True)
        with po.open("rb") as f:
            catalog = read_po(f)
        fd, partial = tempfile.mkstemp(dir=mo.parent, prefix=".", suffix=".mo")
        try:
            with os.fdopen(fd, "wb") as out:
                write_mo(out, catalog)
            os.replace(partial, mo)
        except BaseException:
            Path(partial).unlink(missing_ok=True)
            raise
        written.append(mo)
    return written


def page_lang() -> str:
    """The language of what the library writes on a page (warnings, assessments, labels): the page's, so English
    only where the pages are translated."""
    english = (get_language() or "").startswith("en") and gettext("规划监测评估") != "规划监测评估"
    return "en" if english else "zh"
