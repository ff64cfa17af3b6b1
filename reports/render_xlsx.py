"""One openpyxl renderer for every report (write-only mode: memory stays flat for big lists).

Numbers stay numbers, percentages are fractions with a percent format, dates are dates shown
dd/mm/yyyy; every table gets a styled header, frozen panes, widths and a totals row, and a "Tham số"
sheet records the parameters. Text that Excel could run as a formula (= + - @ tab CR at the start)
is written as a string cell with the quote prefix, so it is shown, never evaluated."""

import datetime
import io
import re
from copy import copy
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from .formatting import nfc
from .structure import DECIMAL, INT, PERCENT, Report, Table

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "dd/mm/yyyy"
INT_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.0"
PERCENT_FORMAT = "0.00%"
THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FONT = Font(name="Times New Roman", bold=True, size=11)
HEADER_FILL = PatternFill("solid", fgColor="E8E8E8")
BODY_FONT = Font(name="Times New Roman", size=11)
BOLD_FONT = Font(name="Times New Roman", bold=True, size=11)
TITLE_FONT = Font(name="Times New Roman", bold=True, size=14)
WRAP = Alignment(wrap_text=True, vertical="top")
HEADER_ALIGN = Alignment(wrap_text=True, horizontal="center", vertical="center")
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def _sheet_title(name: str, used: set[str]) -> str:
    base = _SHEET_BAD.sub("-", nfc(name))[:31] or "Sheet"
    title, i = base, 2
    while title.lower() in used:
        title = f"{base[:28]} {i}"
        i += 1
    used.add(title.lower())
    return title


def _cell(ws, value, font=BODY_FONT, number_format=None, alignment=None, quote=False) -> WriteOnlyCell:
    """A cell with its style. Styles are resolved once per workbook and copied (openpyxl would otherwise
    hash the font, format and alignment again for every one of tens of thousands of cells)."""
    cell = WriteOnlyCell(ws, value=value)
    cache = ws.parent.__dict__.setdefault("_report_styles", {})
    key = (id(font), number_format, id(alignment), quote)
    style = cache.get(key)
    if style is None:
        cell.font = font
        if number_format:
            cell.number_format = number_format
        if alignment is not None:
            cell.alignment = alignment
        if quote:
            cell.quotePrefix = True
        cache[key] = copy(cell._style)
    else:
        cell._style = copy(style)
    return cell


def text_cell(ws, value: str, font=BODY_FONT, alignment=None) -> WriteOnlyCell:
    """A string cell; one that starts like a formula is forced to text with the quote prefix."""
    value = nfc(value)
    risky = value.startswith(FORMULA_START)
    cell = _cell(ws, value, font, alignment=alignment, quote=risky)
    if risky:
        cell.data_type = "s"
    return cell


def value_cell(ws, value, kind: str, font=BODY_FONT) -> WriteOnlyCell:
    if value is None or value == "":
        return _cell(ws, None, font)
    if kind == PERCENT and isinstance(value, int | float | Decimal):
        return _cell(ws, float(Decimal(value) / 100), font, PERCENT_FORMAT)
    if isinstance(value, datetime.datetime):
        return _cell(ws, value.replace(tzinfo=None), font, "dd/mm/yyyy hh:mm")
    if isinstance(value, datetime.date):
        return _cell(ws, value, font, DATE_FORMAT)
    if isinstance(value, bool):
        return text_cell(ws, "Có" if value else "Không", font)
    if isinstance(value, int):
        return _cell(ws, value, font, INT_FORMAT)
    if isinstance(value, Decimal | float):
        return _cell(ws, float(value), font, DECIMAL_FORMAT if kind in (DECIMAL, INT) else "General")
    return text_cell(ws, str(value), font, WRAP)


def _write_table(wb: Workbook, report: Report, table: Table, used: set[str]) -> None:
    ws = wb.create_sheet(_sheet_title(table.sheet, used))
    for i, column in enumerate(table.columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = column.width
    # Two title rows, a blank row, then the header: the panes freeze under the header.
    header_row = 4
    ws.freeze_panes = f"A{header_row + 1}"
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.append([text_cell(ws, report.title, TITLE_FONT)])
    ws.append(
        [
            text_cell(
                ws, f"{table.title} — {report.unit_name}" + (f" — {report.period_label}" if report.period_label else "")
            )
        ]
    )
    ws.append([])
    header = []
    for column in table.columns:
        cell = text_cell(ws, column.label, HEADER_FONT, HEADER_ALIGN)
        cell.fill = HEADER_FILL
        cell.border = BORDER
        header.append(cell)
    ws.append(header)
    kinds = [c.kind for c in table.columns]
    for row in table.rows:
        ws.append([value_cell(ws, v, k) for v, k in zip(row, kinds, strict=True)])
    if not table.rows:
        ws.append([text_cell(ws, table.empty)])
    if table.totals:
        ws.append([value_cell(ws, v, k, BOLD_FONT) for v, k in zip(table.totals, kinds, strict=True)])


def render_xlsx(report: Report) -> bytes:
    wb = Workbook(write_only=True)
    used: set[str] = set()
    for table in report.tables:
        _write_table(wb, report, table, used)
    params = wb.create_sheet(_sheet_title("Tham số", used))
    params.column_dimensions["A"].width = 22
    params.column_dimensions["B"].width = 60
    params.append([text_cell(params, "Tham số", HEADER_FONT), text_cell(params, "Giá trị", HEADER_FONT)])
    params.append([text_cell(params, "Báo cáo"), text_cell(params, report.title)])
    for label, value in report.parameters:
        params.append([text_cell(params, label), text_cell(params, value)])
    if report.generated_at:
        params.append([text_cell(params, "Thời điểm lập (giá trị)"), value_cell(params, report.generated_at, "")])
    for note in report.notes:
        params.append([text_cell(params, "Ghi chú"), text_cell(params, note)])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
