"""Indicators and yearly observations from spreadsheets, and the template departments fill in.

A planning office keeps its indicator table and collects the yearly figures in
Excel, or in CSV that Excel on Chinese Windows writes in GBK. Both are read
here into the evaluation model, every value cell through the one cell grammar,
so a target typed in a spreadsheet reads as it would in the plan document.

Headers are matched leniently (Chinese or English, any width, case, spacing or
brackets) because every office names its columns a little differently. Rows
are named as Excel numbers them, and an import is all or nothing: every bad
row is reported at once, and nothing partial is returned.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import openpyxl
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from planwatch.errors import InputError
from planwatch.ingest.limits import Limits, check_package, check_size, too_many_cells
from planwatch.ingest.readers.text import decode, unreadable
from planwatch.plan.cells import normalize, read_cell
from planwatch.plan.model import Indicator, Observation, Reading
from planwatch.plan.sheet_text import text_cells
from planwatch.plan.vocabulary import (
    ATTRIBUTE_EN,
    ATTRIBUTE_SHORT,
    ATTRIBUTES,
    BINDING,
    EXPECTED,
    PERCENT,
    VINTAGE_EN,
    VINTAGE_WORDS,
    VINTAGE_ZH,
    Attribute,
    Vintage,
    exact_text,
    is_rate_name,
    target_text,
)

# Column names ---------------------------------------------------------------

# field -> the header texts that name it; compared after _header_key.
_INDICATOR_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("序号", "id"),
    "name": ("指标", "指标名称", "indicator", "name"),
    "unit": ("单位", "unit"),
    "attribute": ("属性", "指标属性", "attribute"),
    "category": ("类别", "category"),
    "baseline": ("基期值", "基数", "baseline"),
    "target": ("目标值", "目标", "target"),
    "baseline_growth": ("基期年均增长", "baseline_growth"),
    "target_growth": ("目标年均增长", "target_growth"),
    "base_year": ("基期年", "基期年份", "base_year"),
    "target_year": ("目标年", "目标年份", "target_year"),
}

_OBSERVATION_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("序号", "id"),
    "indicator": ("指标", "指标名称", "indicator", "name"),
    "year": ("年份", "年度", "year"),
    "value": ("值", "监测值", "数值", "value"),
    "source": ("来源", "数据来源", "source"),
    "note": ("备注", "note"),
    "annual_target": ("年度目标", "annual_target"),
    "vintage": ("数据类型", "口径", "数据口径", "vintage"),
    "published": ("发布日期", "公布日期", "发布时间", "published"),
}

_TEMPLATE_COLUMNS: tuple[tuple[str, int], ...] = (
    ("序号", 8),
    ("指标", 36),
    ("单位", 10),
    ("属性", 8),
    ("基期值", 14),
    ("目标值", 18),
    ("年份", 8),
    ("值", 12),
    ("来源", 24),
    ("备注", 30),
    ("年度目标", 14),
    ("数据类型", 12),
    ("发布日期", 12),
)
_TEMPLATE_SHEET = "监测数据填报"

# An attribute as a spreadsheet may write it: 预期性, 预期 or expected.
_ATTRIBUTES: dict[str, Attribute] = {
    **{attribute: attribute for attribute in ATTRIBUTES},
    **ATTRIBUTE_SHORT,
    **{english: attribute for attribute, english in ATTRIBUTE_EN.items()},
}

_YEARS = (1949, 2100)

_BRACKETS = "()[]【】〔〕{}<>《》"
_QUOTES = "\"'“”‘’「」『』"
_DROP = str.maketrans("", "", _BRACKETS + _QUOTES)
_TRAILING_BRACKET = re.compile(r"[(\[【〔][^()\[\]【】〔〕]*[)\]】〕]$")


# Public API -----------------------------------------------------------------


def read_indicators(
    path: Path, base_year: int | None = None, target_year: int | None = None
) -> list[Indicator]:
    """The indicators of an .xlsx or .csv indicator table.

    Base and final years come from per-row columns, else from the arguments
    (the CLI's --base-year/--target-year), because many tables print them only
    in a title. A row with a name and nothing else is kept: it is assessable
    as 'unknown' until a target is entered.
    """
    where, header_row, header, columns, body = _table(path, _INDICATOR_COLUMNS)
    if "name" not in columns:
        raise where.refuse(
            f"表头（第{header_row}行）没有“指标”或“指标名称”列。",
            f"The header (row {header_row}) has no “指标” or “指标名称” (indicator) column.",
        )
    if "baseline" not in columns and "target" not in columns:
        raise where.refuse(
            f"表头（第{header_row}行）没有“基期值”列，也没有“目标值”列。",
            f"The header (row {header_row}) has neither a “基期值” (baseline) nor a “目标值” (target) column.",
        )
    for field, given, option in (
        ("base_year", base_year, "--base-year"),
        ("target_year", target_year, "--target-year"),
    ):
        if field not in columns and given is None:
            label, english = _INDICATOR_COLUMNS[field][0], _INDICATOR_COLUMNS[field][-1]
            raise where.refuse(
                f"表中没有“{label}”列：请加上这一列，或在命令行用 {option} 给出{label}。",
                f"The table has no “{label}” ({english}) column: add it, or give the year with {option} on the "
                "command line.",
            )

    indicators: list[Indicator] = []
    problems: list[tuple[int, Said]] = []
    rows_by_id: dict[str, int] = {}
    for number, cells in body:
        cell = _Cells(cells, header, columns, _INDICATOR_COLUMNS)
        if not cell("name"):
            continue
        errors: list[Said] = []
        ident = cell("id") or cell("name")
        if ident in rows_by_id:
            errors.append(_repeated(ident, rows_by_id[ident], "id" in columns))
        else:
            rows_by_id[ident] = number
        indicator = _indicator(ident, cell, (base_year, target_year), errors)
        if indicator is None:
            problems.append((number, _together(errors)))
        else:
            indicators.append(indicator)
    _raise_problems(where, problems)
    return indicators


def _repeated(ident: str, first: int, serials: bool) -> Said:
    """Why a row whose serial number (or, in a table without one, name) an earlier row has is refused."""
    if serials:
        return f"序号“{ident}”与第{first}行重复", f"the serial number “{ident}” repeats row {first}"
    return (
        f"指标“{ident}”与第{first}行重复；同名的指标请加“序号”列加以区分",
        f"the indicator “{ident}” repeats row {first}; add a “序号” (serial number) column to tell indicators "
        "of the same name apart",
    )


def _indicator(
    ident: str, cell: _Cells, years: tuple[int | None, int | None], errors: list[Said]
) -> Indicator | None:
    """One row's indicator; None when the row has a mistake (each is added to `errors`).

    `years` are the base and final years given for the whole file.
    """
    attribute = _attribute(cell, errors)
    first = _row_year(cell, years[0], "base_year", "--base-year", errors)
    last = _row_year(cell, years[1], "target_year", "--target-year", errors)
    if first is not None and last is not None and last <= first:
        errors.append(
            (
                f"目标年{last}年不在基期年{first}年之后",
                f"the final year {last} is not after the base year {first}",
            )
        )
    if errors or first is None or last is None:
        return None
    return Indicator(
        id=ident,
        name=cell("name"),
        unit=cell("unit") or None,
        category=cell("category") or None,
        attribute=attribute,
        base_year=first,
        target_year=last,
        rate=is_rate_name(cell("name")),
        **_reading("baseline", cell("baseline")),
        **_reading("baseline_growth", cell("baseline_growth")),
        **_reading("target", cell("target")),
        **_reading("target_growth", cell("target_growth")),
    )


def read_observations(path: Path, indicators: list[Indicator]) -> list[Observation]:
    """The yearly figures of an .xlsx or .csv file, each tied to one of `indicators`.

    Rows with an empty value are skipped (a department left them blank). Any
    bad row fails the whole import, with every bad row named, so a file is
    never half used.
    """
    where, rows, problems = _observation_rows(path, indicators)
    _raise_problems(where, [(bad.row, (bad.reason, bad.english)) for bad in problems])
    return [observation for _, observation in rows]


@dataclass(frozen=True)
class BadRow:
    """A row refused, with its number as Excel shows it, why (in Chinese, and in English beside it), and the
    indicator and year it names as far as they could be read (the indicator's name as the plan writes it, else
    as the row does)."""

    row: int
    reason: str
    indicator: str = ""
    year: int | None = None
    english: str = ""

    def text(self, lang: str = "zh") -> str:
        """Why the row is refused, in `lang` (zh or en)."""
        return self.english if lang == "en" else self.reason


def read_observation_rows(
    path: Path, indicators: list[Indicator]
) -> tuple[list[tuple[int, Observation]], list[BadRow]]:
    """Every good row and every bad row with its reason, each with its number as Excel shows it.

    For a caller that checks more than the file itself (who may change which
    indicator) and wants to list every refused row at once. A file that cannot
    be read as a table at all still raises InputError.
    """
    _, rows, problems = _observation_rows(path, indicators)
    return rows, problems


def _observation_rows(
    path: Path, indicators: list[Indicator]
) -> tuple[_Where, list[tuple[int, Observation]], list[BadRow]]:
    """Where the rows are (the file, and the sheet of a workbook), and its good rows and bad ones."""
    where, header_row, header, columns, body = _table(path, _OBSERVATION_COLUMNS)
    missing = [field for field in ("indicator", "year", "value") if field not in columns]
    if missing:
        names = "、".join(f"“{_OBSERVATION_COLUMNS[field][0]}”" for field in missing)
        english = ", ".join(f"“{_OBSERVATION_COLUMNS[field][0]}” ({field})" for field in missing)
        raise where.refuse(
            f"表头（第{header_row}行）缺少{names}列。",
            f"The header (row {header_row}) lacks the columns {english}.",
        )

    matcher = _Matcher(indicators)
    observations: list[tuple[int, Observation]] = []
    problems: list[BadRow] = []
    seen: dict[tuple[str, int], list[tuple[int, dt.date | None]]] = {}
    for number, cells in body:
        cell = _Cells(cells, header, columns, _OBSERVATION_COLUMNS)
        if not cell("value"):
            continue
        errors: list[Said] = []
        indicator = matcher.find(cell, errors)
        year = _year(cell, "year", errors)
        value = _number(cell, errors)
        vintage = _vintage(cell, errors)
        published = _date(cell, errors)
        if indicator is not None and year is not None:
            earlier = seen.setdefault((indicator.id, year), [])
            _once(
                earlier,
                number,
                published,
                (f"{indicator.name}{year}年", f"“{indicator.name}” in {year}"),
                errors,
            )
        if errors or indicator is None or year is None or value is None:
            named = indicator.name if indicator is not None else cell("indicator")
            reason, english = _together(errors)
            problems.append(BadRow(number, reason, named, year, english))
            continue
        observations.append(
            (
                number,
                Observation(
                    indicator=indicator.id,
                    year=year,
                    value=value,
                    source=cell("source") or None,
                    note=cell("note") or None,
                    vintage=vintage,
                    published=published,
                    **_reading("annual_target", cell("annual_target")),
                ),
            )
        )
    return where, observations, problems


def write_template(indicators: list[Indicator], years: list[int], path: Path) -> None:
    """The .xlsx an office sends to departments: one row per indicator and year to fill in.

    Its header names are the ones `read_observations` reads, so a filled
    template comes straight back; the value column only takes numbers, so a
    typo is caught in Excel rather than at import.
    """
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = _TEMPLATE_SHEET
    sheet.append([title for title, _ in _TEMPLATE_COLUMNS])
    for position, indicator in enumerate(indicators, start=1):
        serial = indicator.id if indicator.id != indicator.name else str(position)
        unit = indicator.unit or (PERCENT if indicator.rate else None)
        # What a department sees of a baseline or target: the figure, with the annual growth if any.
        baseline = target_text(indicator.baseline_raw, indicator.baseline_growth_raw) or None
        target = target_text(indicator.target_raw, indicator.target_growth_raw) or None
        for year in years:
            sheet.append([serial, indicator.name, unit, indicator.attribute, baseline, target, year])
    _style_template(sheet, rows=len(indicators) * len(years))
    _add_instructions(book.create_sheet("说明"))
    text_cells(book)
    book.save(path)


# Reading a table ------------------------------------------------------------

_Row = tuple[int, list[str]]
Said = tuple[str, str]  # a reason in Chinese, and in English


class _Where(NamedTuple):
    """The file, and the sheet of a workbook, in Chinese and in English."""

    zh: str
    en: str

    def refuse(self, reason: str, english: str) -> InputError:
        return InputError(self.zh, reason, english, where_en=self.en)


def _table(
    path: Path, aliases: Mapping[str, tuple[str, ...]]
) -> tuple[_Where, int, list[str], dict[str, int], list[_Row]]:
    """Where the table is (the file, and the sheet of a workbook), the header row's number and texts, the
    column of each field it names, and the rows below it.

    The header is the first non-empty row; columns it does not name are ignored.
    """
    sheet, found = _rows(path)
    where = (
        _Where(f"{path}（工作表“{sheet}”）", f"{path} (sheet “{sheet}”)")
        if sheet
        else _Where(str(path), str(path))
    )
    rows = [(number, cells) for number, cells in found if any(cells)]
    if not rows:
        raise where.refuse("表中没有任何内容。", "The table is empty.")
    (header_row, header), body = rows[0], rows[1:]
    lookup = {_header_key(alias): field for field, names in aliases.items() for alias in names}
    columns: dict[str, int] = {}
    for index, text in enumerate(header):
        field = _field(text, lookup)
        if field is None:
            continue
        if field in columns:
            raise where.refuse(
                f"表头（第{header_row}行）的“{header[columns[field]]}”列和“{text}”列都是“{aliases[field][0]}”，"
                "请只留一列。",
                f"The header (row {header_row}) has two columns for “{aliases[field][0]}” ({field}): "
                f"“{header[columns[field]]}” and “{text}”; keep only one.",
            )
        columns[field] = index
    return where, header_row, header, columns, body


def _rows(path: Path) -> tuple[str | None, Iterable[_Row]]:
    """The name of the sheet read (None for CSV), and every row as Excel numbers it, each cell as stripped text."""
    suffix = path.suffix.lower()
    limits = Limits.from_environment()
    if suffix in (".xlsx", ".xlsm", ".csv"):
        check_size(path, limits.spreadsheet_mb)
    if suffix in (".xlsx", ".xlsm"):
        check_package(path, limits)
        return _xlsx_rows(path)
    if suffix == ".csv":
        return None, _csv_rows(path, limits.cells)
    if suffix == ".xls":
        raise InputError(
            str(path),
            "是旧版 .xls 工作簿，请在 Excel 中另存为 .xlsx 后再导入。",
            "This is an old .xls workbook: save it as .xlsx in Excel and import it again.",
        )
    raise InputError(
        str(path),
        "格式无法识别，应为 .xlsx 或 .csv 文件。",
        "Unknown format: it should be an .xlsx or .csv file.",
    )


def _csv_rows(path: Path, most: int) -> list[_Row]:
    """CSV in UTF-8 (with or without BOM) or GBK/GB18030, detected from the bytes; at most `most` cells."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(str(path), *unreadable(e)) from None
    text, _ = decode(data, str(path))
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[_Row] = []
    count = 0
    try:
        for number, cells in enumerate(reader, start=1):
            count += len(cells)
            if count > most:
                raise InputError(str(path), *too_many_cells(most))
            rows.append((number, [cell.strip() for cell in cells]))
    except csv.Error:
        raise InputError(
            str(path),
            f"第{reader.line_num}行不是正确的 CSV 格式，请在 Excel 中另存为 CSV 或 .xlsx。",
            f"Row {reader.line_num} is not proper CSV: save the file again from Excel as CSV or .xlsx.",
        ) from None
    return rows


def _xlsx_rows(path: Path) -> tuple[str, list[_Row]]:
    """The first sheet's name, and its cached values (not formulas), a vertically merged cell repeated down
    its rows.

    Indicator tables merge a category over its rows; each row means that category.
    """
    try:
        book = openpyxl.load_workbook(path, data_only=True)
        formulas = openpyxl.load_workbook(path, data_only=False).worksheets[0]
    except FileNotFoundError as e:
        raise InputError(str(path), *unreadable(e)) from None
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError):
        raise InputError(
            str(path),
            "不是能读取的 .xlsx 工作簿，文件可能已损坏。",
            "This is not an .xlsx workbook that can be read; the file may be damaged.",
        ) from None
    sheet = book.worksheets[0]
    merged: dict[tuple[int, int], str] = {}
    for cells in sheet.merged_cells.ranges:
        top = _text(sheet.cell(cells.min_row, cells.min_col))
        for row in range(cells.min_row + 1, cells.max_row + 1):
            merged[row, cells.min_col] = top
    return sheet.title, [
        (cells[0].row, [merged.get((cell.row, cell.column)) or _saved(cell, formulas) for cell in cells])
        for cells in sheet.iter_rows()
    ]


def _saved(cell: Cell, formulas: Worksheet) -> str:
    """A cell's text; a formula whose result the file does not keep (written by a program, never opened
    in Excel) is its formula's text, so its row is refused with the reason, not skipped as empty."""
    text = _text(cell)
    if text or cell.value is not None:
        return text
    written = formulas.cell(cell.row, cell.column).value
    return written if isinstance(written, str) and written.startswith("=") else ""


def _text(cell: object) -> str:
    """A cell's value as the text a person sees: 65.0 is '65', and a %-formatted 0.065 is '6.5%'."""
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        if "%" in (getattr(cell, "number_format", "") or ""):
            return exact_text(value * 100) + "%"
        return exact_text(value)
    return str(value).strip()


def _header_key(text: str) -> str:
    """A header text as compared: any width and case, without spaces, brackets or separators."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[\s_\-]+", "", text).translate(_DROP)


def _field(text: str, lookup: Mapping[str, str]) -> str | None:
    """The field a header names; a bracketed note at its end, as in 基期值（2020年）, is ignored."""
    if not text:
        return None
    short = _TRAILING_BRACKET.sub("", unicodedata.normalize("NFKC", text).strip())
    return lookup.get(_header_key(text)) or lookup.get(_header_key(short))


class _Cells:
    """One row of a sheet: each field's cell, and each field's column named as the header prints it, so that
    an error names the column the office sees (“数值”列), not the field."""

    def __init__(
        self,
        cells: list[str],
        header: list[str],
        columns: Mapping[str, int],
        aliases: Mapping[str, tuple[str, ...]],
    ) -> None:
        self.cells, self.header, self.columns, self.aliases = cells, header, columns, aliases

    def __call__(self, field: str) -> str:
        """The field's cell as text; a short row or an absent column is an empty cell."""
        index = self.columns.get(field)
        return self.cells[index] if index is not None and index < len(self.cells) else ""

    def column(self, field: str) -> Said:
        """The field's column in words: “数值”列 (column “数值”), its header as printed (the usual header where
        there is none)."""
        index = self.columns.get(field)
        heading = self.header[index] if index is not None else self.aliases[field][0]
        return f"“{heading}”列", f"column “{heading}”"


# Reading cells --------------------------------------------------------------


def _reading(field: str, raw: str) -> dict[str, Reading | str | None]:
    """A value cell read with the grammar, beside its raw text; an empty cell reads as nothing."""
    return {field: read_cell(raw) if raw else None, f"{field}_raw": raw}


def _attribute(cell: _Cells, errors: list[Said]) -> Attribute | None:
    """An attribute (预期性, 约束性, in English or short); anything else is a mistake worth stopping for."""
    text = cell("attribute")
    if not text:
        return None
    attribute = _ATTRIBUTES.get(_header_key(text))
    if attribute is None:
        zh, en = cell.column("attribute")
        expected, binding = ATTRIBUTE_EN[EXPECTED], ATTRIBUTE_EN[BINDING]
        errors.append(
            (
                f"{zh}的“{text}”应为“{EXPECTED}”或“{BINDING}”",
                f"“{text}” in {en} should be “{expected}” or “{binding}”",
            )
        )
    return attribute


def _row_year(cell: _Cells, default: int | None, field: str, option: str, errors: list[Said]) -> int | None:
    """The row's own year, else the one given for the whole file."""
    if cell(field):
        return _year(cell, field, errors)
    if default is None:
        zh, en = cell.column(field)
        errors.append(
            (
                f"{zh}没有填写（命令行也可用 {option} 给出）",
                f"{en} is empty ({option} on the command line may give it)",
            )
        )
    return default


def _year(cell: _Cells, field: str, errors: list[Said]) -> int | None:
    """A year such as 2023 or 2023年, within the years a plan can be about."""
    text = cell(field)
    zh, en = cell.column(field)
    if not text:
        errors.append((f"{zh}没有填写年份", f"{en} has no year"))
        return None
    digits = normalize(text).removesuffix("年")
    if digits.isascii() and digits.isdigit() and _YEARS[0] <= int(digits) <= _YEARS[1]:
        return int(digits)
    first, last = _YEARS
    errors.append(
        (
            f"{zh}的“{text}”不是{first}—{last}年间的年份",
            f"“{text}” in {en} is not a year from {first} to {last}",
        )
    )
    return None


def _number(cell: _Cells, errors: list[Said]) -> float | None:
    """A plain figure: 6.5, ６．５, 1,234 or 6.5% (a rate's yearly figure is written in %).

    A bound, range or figure in another unit is not one year's value: it would
    be read as a different quantity than the department meant.
    """
    text = cell("value")
    reading = read_cell(text)
    plain = (
        reading.kind == "number"
        and not reading.uncertain
        and reading.comparator is None
        and reading.upper is None
        and reading.per is None
        and reading.unit in (None, "%")
    )
    zh, en = cell.column("value")
    if not plain and text.startswith("="):
        errors.append(
            (
                f"{zh}是公式“{text}”，文件中没有保存它的计算结果：请在Excel中打开并保存后再导入，或直接填写数值",
                f"{en} holds the formula “{text}” but the file keeps no result of it: open and save the file in "
                "Excel before importing it, or type the figure itself",
            )
        )
        return None
    if not plain:
        errors.append((f"{zh}的“{text}”不是数字", f"“{text}” in {en} is not a number"))
        return None
    return reading.value


def _vintage(cell: _Cells, errors: list[Said]) -> Vintage | None:
    """A 数据类型 cell: 初步核算 or 快报 is preliminary, 最终核实 or 年鉴 final; empty says nothing."""
    text = cell("vintage")
    if not text:
        return None
    vintage = VINTAGE_WORDS.get(_header_key(text).removesuffix("数据"))
    if vintage is None:
        zh, en = cell.column("vintage")
        choices = "、".join(_VINTAGE_CHOICES[:-1])
        english = " or ".join(f"“{word}”" for word in VINTAGE_EN.values())
        errors.append(
            (
                f"{zh}的“{text}”无法识别，应填{choices}或{_VINTAGE_CHOICES[-1]}",
                f"“{text}” in {en} is not recognised: write {english}",
            )
        )
    return vintage


_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+00:00(?::00)?)?")


def _date(cell: _Cells, errors: list[Said]) -> dt.date | None:
    """A 发布日期 cell: 2024-02-28, 2024/2/28, 2024.2.28 or 2024年2月28日 (a date cell of Excel reads as the first)."""
    text = cell("published")
    if not text:
        return None
    found = _DATE.fullmatch(normalize(text))
    try:
        day = dt.date(*(int(part) for part in found.groups())) if found else None
    except ValueError:
        day = None
    if day is None or not _YEARS[0] <= day.year <= _YEARS[1]:
        zh, en = cell.column("published")
        errors.append(
            (
                f"{zh}的“{text}”不是日期，应写作 2024-02-28",
                f"“{text}” in {en} is not a date: write it as 2024-02-28",
            )
        )
        return None
    return day


def _once(
    earlier: list[tuple[int, dt.date | None]],
    number: int,
    published: dt.date | None,
    what: Said,
    errors: list[Said],
) -> None:
    """A year's figure is given once, or once per publication date: each dated row a vintage of its own."""
    for row, day in earlier:
        if day is None or published is None or day == published:
            errors.append(
                (
                    f"{what[0]}的数值填了两次（第{row}行和第{number}行）",
                    f"the figure for {what[1]} is given twice (rows {row} and {number})",
                )
            )
            return
    earlier.append((number, published))


def _together(errors: list[Said]) -> Said:
    """A row's reasons joined into one, in each language."""
    return "；".join(zh for zh, _ in errors), "; ".join(en for _, en in errors)


def _raise_problems(where: _Where, problems: list[tuple[int, Said]]) -> None:
    """One error for the whole file: the row itself when one is bad, else a count and every row."""
    if not problems:
        return
    listed = "；".join(f"第{number}行{_joined(zh)}" for number, (zh, _) in problems)
    english = "; ".join(f"row {number}: {en}" for number, (_, en) in problems)
    if len(problems) == 1:
        raise where.refuse(f"{listed}。", f"{english[0].upper()}{english[1:]}.")
    raise where.refuse(
        f"有{len(problems)}行填写有误：{listed}。", f"{len(problems)} rows are filled in wrongly: {english}."
    )


def _joined(message: str) -> str:
    """A row's reason after its number: 第3行“数值”列的… runs on; 第3行：指标… takes a colon."""
    return message if message.startswith("“") else f"：{message}"


# Matching indicators --------------------------------------------------------


def _name_keys(text: str) -> tuple[str, str]:
    """A name as compared: the whole name, and the name without a bracketed unit at its end.

    NFKC, case, spaces, brackets and quotes are ignored, so 地区生产总值增长（%）
    is 地区生产总值增长.
    """
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()
    return text.translate(_DROP), _TRAILING_BRACKET.sub("", text).translate(_DROP)


class _Matcher:
    """Finds the indicator a row names: by exact id, then by name, the whole name before a shortened one."""

    def __init__(self, indicators: list[Indicator]) -> None:
        self.by_id = {indicator.id: indicator for indicator in indicators}
        self.by_key: tuple[dict[str, list[Indicator]], dict[str, list[Indicator]]] = ({}, {})
        for indicator in indicators:
            for table, key in zip(self.by_key, _name_keys(indicator.name), strict=True):
                table.setdefault(key, []).append(indicator)

    def find(self, cell: _Cells, errors: list[Said]) -> Indicator | None:
        """The one indicator the row names; its serial number (序号) settles a name shared by several."""
        text, serial = cell("indicator"), cell("id")
        if not text:
            zh, en = cell.column("indicator")
            errors.append((f"{zh}没有填写指标", f"{en} names no indicator"))
            return None
        if text in self.by_id:
            return self.by_id[text]
        for table, key in zip(self.by_key, _name_keys(text), strict=True):
            found = table.get(key, [])
            if len(found) == 1:
                return found[0]
            if found:
                chosen = [indicator for indicator in found if indicator.id == serial]
                if len(chosen) == 1:
                    return chosen[0]
                ids = [f"“{indicator.id}”" for indicator in found]
                errors.append(
                    (
                        f"规划中有多个指标名为“{text}”（序号{'、'.join(ids)}），请在“序号”列填写序号",
                        f"the plan has several indicators named “{text}” (serial numbers {', '.join(ids)}): write "
                        "the serial number in the “序号” column",
                    )
                )
                return None
        errors.append((f"规划中没有名为“{text}”的指标", f"the plan has no indicator named “{text}”"))
        return None


# Writing the template -------------------------------------------------------


def _style_template(sheet: Worksheet, rows: int) -> None:
    """Bold frozen header, readable widths, and a number-only value column."""
    fill = PatternFill("solid", start_color="DDEBF7")
    for index, (_, width) in enumerate(_TEMPLATE_COLUMNS, start=1):
        header = sheet.cell(1, index)
        header.font = Font(bold=True)
        header.fill = fill
        header.alignment = Alignment(horizontal="center")
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    value_column = get_column_letter([title for title, _ in _TEMPLATE_COLUMNS].index("值") + 1)
    validation = DataValidation(
        type="decimal",
        operator="between",
        formula1="-1000000000000",
        formula2="1000000000000",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="请输入数字",
        error="“值”只能填写数字，如 6.5；不要填写单位或文字，说明请写在“备注”中。",
        showInputMessage=True,
        promptTitle="填写当年数值",
        prompt="水平类指标填当年数值；增长、下降类指标填当年增速或降幅（%），只填数字。",
    )
    validation.add(f"{value_column}2:{value_column}{max(rows, 1) + 1}")
    sheet.add_data_validation(validation)
    _vintage_choices(sheet, rows)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(_TEMPLATE_COLUMNS))}{rows + 1}"


def _vintage_choices(sheet: Worksheet, rows: int) -> None:
    """The 数据类型 column offers its words in a list; a word typed by hand is still read (VINTAGE_WORDS)."""
    column = get_column_letter([title for title, _ in _TEMPLATE_COLUMNS].index("数据类型") + 1)
    choices = DataValidation(
        type="list",
        formula1=f'"{",".join(_VINTAGE_CHOICES)}"',
        allow_blank=True,
        showErrorMessage=False,
        showInputMessage=True,
        promptTitle="数据类型",
        prompt="初步核算、快报为初步数；最终核实、年鉴为最终数。",
    )
    choices.add(f"{column}2:{column}{max(rows, 1) + 1}")
    sheet.add_data_validation(choices)


_VINTAGE_CHOICES = (VINTAGE_ZH["preliminary"], "快报", VINTAGE_ZH["final"], "年鉴")

_INSTRUCTIONS = (
    "填报说明",
    "1. 请在“监测数据填报”表中填写，每一行是一个指标在一个年份的数据。",
    "2. “值”：填写该年度的实际数值。水平类指标填当年数值（单位见“单位”列）；"
    "增长、下降类指标（名称含“增长”“增速”“降低”“下降”等）填当年的增速或降幅，单位为%，"
    "只填数字，如增长6.5%填 6.5，下降3.2%填 3.2。",
    "3. “来源”：填写数据的统计来源，如统计公报、统计年鉴或部门统计报表。",
    "4. “备注”：需要说明的情况，如快报数、统计口径调整。",
    "5. “年度目标”：当年政府工作报告等确定的年度目标（如有），如“7左右”。",
    "6. “数据类型”：统计公报等的初步核算数、快报数填“初步核算”或“快报”，经最终核实或统计年鉴公布的数填"
    "“最终核实”或“年鉴”；“发布日期”：该数据公布的日期，如 2024-02-28。"
    "同一指标同一年份的初步数和最终数可各填一行，须各自写明发布日期，原数据不会被覆盖。",
    "7. 请勿修改表头和“序号”“指标”“年份”列；暂无数据的“值”留空。",
    "8. 填写完毕后保存为 .xlsx 文件，按时报送。",
)


def _add_instructions(sheet: Worksheet) -> None:
    """Short instructions in Chinese, one per line."""
    for line in _INSTRUCTIONS:
        sheet.append([line])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.column_dimensions["A"].width = 110
    for (cell,) in sheet.iter_rows(min_row=2):
        cell.alignment = Alignment(wrap_text=True, vertical="top")
