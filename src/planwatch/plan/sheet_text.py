"""Text in an exported spreadsheet stays text: what a department typed or a plan printed never runs.

Excel, WPS and LibreOffice take a cell that starts with = + - @ as a formula (Excel the full-width
＝＋－＠ too), and a TAB or CR in front of one hides it, so a progress note such as
=HYPERLINK(...) would act on the office's machine when it opens the workbook. Such text is written as
text: in .xlsx as a string cell marked as typed with a leading apostrophe, in .csv behind a single
quote (the OWASP rule). A number stays a number, a negative one too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openpyxl import Workbook

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
# A figure as text ('-3.5', '+2', '12%'): a spreadsheet reads it as the number it is, not as a formula.
_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?%?")


def formula_like(text: str) -> bool:
    """Text a spreadsheet would run as a formula: it starts with a formula sign and is no plain figure."""
    return text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text)


def csv_field(value: object) -> object:
    """A CSV field as written: formula-like text behind a single quote, anything else as it is."""
    return "'" + value if isinstance(value, str) and formula_like(value) else value


def csv_rows(rows: Iterable[Sequence[object]]) -> list[list[object]]:
    """Rows for csv.writer with every field made safe by `csv_field`."""
    return [[csv_field(value) for value in row] for row in rows]


def text_cells(book: Workbook) -> None:
    """Every formula-like text cell of `book` kept as the text it is, just before the book is saved.

    openpyxl stores a string that starts with '=' as a formula; the string type and Excel's quote prefix
    keep it text when the file is opened and when a clerk edits the cell.
    """
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and formula_like(cell.value):
                    cell.data_type = "s"
                    cell.quotePrefix = True
