"""One openpyxl renderer for every report (write-only mode: memory stays flat for big lists).

Numbers stay numbers, percentages are fractions with a percent format, dates are dates shown
dd/mm/yyyy; every table gets a styled header, frozen panes, widths and a totals row, and a "Tham số"
sheet records the parameters. Text that Excel could run as a formula (= + - @ tab CR at the start)
is written as a string cell with the quote prefix, so it is shown, never evaluated."""

import datetime
import io
import re
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from .formatting import nfc
from .structure import DATE, DECIMAL, INT, PERCENT, Report, Table

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


def text_cell(ws, value: str, font=BODY_FONT, alignment=None) -> WriteOnlyCell:
    """A string cell; one that starts like a formula is forced to text with the quote prefix."""
    value = nfc(value)
    cell = WriteOnlyCell(ws, value=value)
    if value.startswith(FORMULA_START):
        cell.data_type = "s"
        cell.quotePrefix = True
    cell.font = font
    if alignment is not None:
        cell.alignment = alignment
    return cell


def value_cell(ws, value, kind: str, font=BODY_FONT) -> WriteOnlyCell:
    if value is None or value == "":
        cell = WriteOnlyCell(ws, value=None)
    elif kind == PERCENT and isinstance(value, int | float | Decimal):
        cell = WriteOnlyCell(ws, value=float(Decimal(value) / 100))
        cell.number_format = PERCENT_FORMAT
    elif isinstance(value, datetime.datetime):
        cell = WriteOnlyCell(ws, value=value.replace(tzinfo=None))
        cell.number_format = "dd/mm/yyyy hh:mm"
    elif isinstance(value, datetime.date):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = DATE_FORMAT
    elif isinstance(value, bool):
        return text_cell(ws, "Có" if value else "Không", font)
    elif isinstance(value, int):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = INT_FORMAT
    elif isinstance(value, Decimal | float):
        cell = WriteOnlyCell(ws, value=float(value))
        cell.number_format = DECIMAL_FORMAT if kind in (DECIMAL, INT) else "General"
    else:
        return text_cell(ws, str(value), font, WRAP if kind not in (DATE,) else None)
    cell.font = font
    return cell


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
