"""The error workbook of a partial import: the rejected rows as they were in the file, with a last
column "Lỗi" saying what is wrong, to be fixed and imported again."""

import datetime
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

ERROR_HEADER = "Lỗi"
# Text Excel would run as a formula is written as text (never as a formula).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def error_workbook(header: list, rows: list[tuple[list, list[str]]], *, sheet_title: str = "Dòng lỗi") -> bytes:
    """`header`: the header row of the file; `rows`: (cells as read, reasons) of each rejected row."""
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title[:31]
    width = max([len(header)] + [len(values) for values, _ in rows])
    head = list(header) + [None] * (width - len(header)) + [ERROR_HEADER]
    _append(sheet, head)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for values, reasons in rows:
        _append(sheet, list(values) + [None] * (width - len(values)) + ["\n".join(reasons)])
        sheet.cell(row=sheet.max_row, column=width + 1).alignment = Alignment(wrap_text=True, vertical="top")
    for index in range(1, width + 2):
        sheet.column_dimensions[get_column_letter(index)].width = 60 if index == width + 1 else 16
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _append(sheet, values: list) -> None:
    sheet.append([None for _ in values])
    row = sheet.max_row
    for column, value in enumerate(values, start=1):
        if value is None:
            continue
        cell = sheet.cell(row=row, column=column)
        cell.value = value
        if isinstance(value, str) and value.startswith(FORMULA_START):
            cell.data_type = "s"
        elif isinstance(value, datetime.date):
            cell.number_format = "DD/MM/YYYY"
