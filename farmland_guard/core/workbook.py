"""An xlsx workbook of tables, as county reports are handed in: a sheet per table, a Chinese
header row with the national field code under it (both frozen and printed on every page),
numbers as numbers — 亩 to 4 decimals, ratios as percentages —, columns wide enough to read.
Written under a temporary name and renamed, so a half-written file never has the name."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import FarmlandGuardError
from .language import say

MU, RATIO, INTEGER, TEXT = "mu", "ratio", "integer", "text"  # kinds of column
SCORE = "score"  # a score of 0–100 to 2 decimals (红黑榜)
FORMATS = {MU: "0.0000", RATIO: "0.00%", INTEGER: "0", SCORE: "0.00"}
HEADER_ROWS = 2  # the Chinese name, then the field code
WIDEST = 40  # characters


class WorkbookError(FarmlandGuardError, RuntimeError):
    code = "workbook"


@dataclass(frozen=True)
class Column:
    code: str  # the national field name
    label: str  # its Chinese name, as reports head the column
    kind: str = TEXT


@dataclass
class Sheet:
    name: str
    columns: list[Column]
    rows: list[dict]  # keyed by column code


def cell_value(value, kind: str):
    """A value as the cell holds it: decimals as floats (formatted by the cell), text as text."""
    if value is None:
        return None
    if kind in (MU, RATIO, SCORE):
        return float(value)
    if kind == INTEGER:
        return int(value)
    return value if isinstance(value, (int, float)) else str(value)


def _width(text) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in str(text))


def write(path, sheets: list[Sheet]) -> Path:
    """Write ``sheets`` to the xlsx file ``path`` (replaced if it exists)."""
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font, PatternFill
        from openpyxl.utils import get_column_letter
    except ImportError as error:
        raise WorkbookError(say("writing an xlsx workbook needs the Python package openpyxl "
                                "(python -m pip install openpyxl)",
                                "写出 xlsx 工作簿需要 Python 依赖包 openpyxl"
                                "（python -m pip install openpyxl）")) from error
    path = Path(path)
    book = Workbook()
    book.remove(book.active)
    bold, code_font = Font(bold=True), Font(italic=True, color="666666")
    fill = PatternFill("solid", fgColor="DDEBF7")
    for sheet in sheets:
        ws = book.create_sheet(sheet.name)
        ws.append([c.label for c in sheet.columns])
        ws.append([c.code for c in sheet.columns])
        for row in sheet.rows:
            ws.append([cell_value(row.get(c.code), c.kind) for c in sheet.columns])
        last_row = ws.max_row
        for index, column in enumerate(sheet.columns, 1):
            letter = get_column_letter(index)
            ws[f"{letter}1"].font, ws[f"{letter}1"].fill = bold, fill
            ws[f"{letter}1"].alignment = Alignment(horizontal="center", wrap_text=True)
            ws[f"{letter}2"].font = code_font
            number_format = FORMATS.get(column.kind)
            widest = max([_width(column.label), _width(column.code)]
                         + [_width(cell_value(r.get(column.code), column.kind) or "")
                            for r in sheet.rows[:1000]])
            if number_format:
                for (cell,) in ws.iter_rows(min_row=HEADER_ROWS + 1, max_row=last_row,
                                            min_col=index, max_col=index):
                    cell.number_format = number_format
                widest = max(widest, 12)
            ws.column_dimensions[letter].width = min(widest + 2, WIDEST)
        ws.freeze_panes = f"A{HEADER_ROWS + 1}"
        ws.print_title_rows = f"1:{HEADER_ROWS}"
        ws.print_area = f"A1:{get_column_letter(max(len(sheet.columns), 1))}{last_row}"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    partial = path.with_name(f".{path.name}.partial")
    try:
        book.save(partial)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return path
