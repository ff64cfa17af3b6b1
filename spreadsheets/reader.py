"""Read the bytes of an uploaded spreadsheet into plain rows, whatever the office saved it as.

The format is recognized by content, never by the file name: .xlsx is a zip holding
[Content_Types].xml, .ods a zip whose `mimetype` names an OpenDocument spreadsheet, .xls is an
OLE2 compound file (D0 CF 11 E0 …), anything else must be UTF-8 text (CSV, with or without BOM).

Spreadsheets are read by python-calamine (Rust; about ten times faster than openpyxl, no formula
is ever evaluated: a formula cell gives the value Excel saved with it). Before that, the zip's
XML parts are checked once: a document type declaration (entity tricks) refuses the file, and an
.xlsx holding formulas is read by openpyxl with defusedxml instead, so that a formula comes back
as its text "=…" as it always has (calamine has no formula text).
"""

import csv
import datetime
import io
import itertools
import re
import struct
import zipfile
from dataclasses import dataclass
from xml.parsers import expat

import openpyxl
import openpyxl.xml
import python_calamine
import xlrd
from django.conf import settings

from vietnamese.text import clean_text, format_int

from . import limits as grid_limits

OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURE = b"PK\x03\x04"
# A zip may expand this many times its own size (xlsx XML compresses ~5-20x), and never past
# the absolute cap; anything more is treated as a zip bomb.
MAX_ZIP_RATIO = 100
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024


class ImportFileError(Exception):
    """The file as a whole cannot be read (not a row error)."""


@dataclass
class Sheet:
    name: str
    # (spreadsheet row number, cell values) for every row, blank ones included
    rows: list[tuple[int, list]]
    file_format: str


def max_upload_bytes() -> int:
    return getattr(settings, "IMPORT_MAX_UPLOAD_BYTES", 10 * 1024 * 1024)


def detect_format(data: bytes) -> str:
    if not data:
        raise ImportFileError("Tệp rỗng.")
    if data.startswith(OLE2_SIGNATURE):
        return "xls"
    if data.startswith(ZIP_SIGNATURE):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            raise ImportFileError("Tệp nén bị hỏng, không đọc được.") from None
        if "[Content_Types].xml" in names:
            return "xlsx"
        if "mimetype" in names and "content.xml" in names:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if archive.read("mimetype").strip() == b"application/vnd.oasis.opendocument.spreadsheet":
                    return "ods"
        raise ImportFileError("Tệp nén này không phải bảng tính Excel (.xlsx) hay OpenDocument (.ods).")
    if b"\x00" in data[:4096]:
        raise ImportFileError("Tệp không phải bảng tính (.xlsx, .xls, .ods) hoặc CSV (UTF-8).")
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(
            "Tệp không phải bảng tính (.xlsx, .xls, .ods) hoặc CSV mã UTF-8. "
            "Hãy lưu lại bằng Excel dưới dạng .xlsx hoặc “CSV UTF-8”."
        ) from None
    return "csv"


def size_text(size: int) -> str:
    """A size the Vietnamese way: 10 MB, 10,5 MB (one decimal when not whole), 1 KB to 1.023 KB below."""
    if size < 1024 * 1024:
        return f"{format_int(max(1, round(size / 1024)))} KB"
    return f"{size / 1024 / 1024:.1f}".replace(".", ",").removesuffix(",0") + " MB"


def too_large_message(size: int, limit: int) -> str:
    return f"Tệp quá lớn ({size_text(size)}); giới hạn là {size_text(limit)}."


def check_size(data: bytes) -> None:
    limit = max_upload_bytes()
    if len(data) > limit:
        raise ImportFileError(too_large_message(len(data), limit))


def _check_zip(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
    uncompressed = sum(info.file_size for info in infos)
    if uncompressed > MAX_UNCOMPRESSED_BYTES or uncompressed > max(len(data), 1) * MAX_ZIP_RATIO:
        raise ImportFileError("Tệp nén có kích thước giải nén bất thường (nghi là “bom nén”), không đọc.")


def _plain(value):
    """Spreadsheet value -> str / int / float / date / None (text NFC, control characters removed)."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date() if not (value.hour or value.minute or value.second) else value
    if isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int | float | datetime.date | datetime.time):
        return value
    text = clean_text(value)
    return text or None


def check_grid(data: bytes, file_format: str) -> "grid_limits.XlsxScan | None":
    """The grid limits (rows, columns, cells, sheets) from the file's own metadata and cell addresses,
    before any parser reads values (spreadsheets.limits). CSV is checked while it is read."""
    try:
        if file_format == "xlsx":
            return grid_limits.check_xlsx(data)
        elif file_format == "xls":
            try:
                book = xlrd.open_workbook(file_contents=data, on_demand=True)
            except Exception as exc:
                raise ImportFileError(f"Không đọc được tệp .xls ({type(exc).__name__}).") from None
            try:
                grid_limits.check_xls_book(book, lambda i: book.sheet_names()[i])
            finally:
                book.release_resources()
    except grid_limits.LimitExceeded as exc:
        raise ImportFileError(str(exc)) from None
    except (zipfile.BadZipFile, ValueError, struct.error, expat.ExpatError) as exc:
        raise ImportFileError(f"Không đọc được tệp .{file_format} ({type(exc).__name__}).") from None


def _read_xlsx(data: bytes) -> list[Sheet]:
    _check_zip(data)
    check_grid(data, "xlsx")
    if not openpyxl.xml.DEFUSEDXML:  # pragma: no cover - defusedxml is a pinned requirement
        raise ImportFileError("Máy chủ thiếu defusedxml: không đọc tệp .xlsx khi chưa an toàn.")
    try:
        # data_only=False: a formula cell comes back as its text ("=…"), never evaluated.
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise ImportFileError(f"Không đọc được tệp .xlsx ({type(exc).__name__}).") from None
    sheets = []
    tally = grid_limits.Tally(grid_limits.Limits.from_settings())
    try:
        for ws in book.worksheets:
            rows = []
            sheet = tally.sheet(ws.title)
            for number, row in enumerate(ws.iter_rows(values_only=True), start=1):
                sheet.extent(number, max(len(row), 1))  # again while streaming, whatever the metadata said
                rows.append((number, [_plain(v) for v in row]))
            sheets.append(Sheet(ws.title, rows, "xlsx"))
    except grid_limits.LimitExceeded as exc:
        raise ImportFileError(str(exc)) from None
    except Exception as exc:
        raise ImportFileError(f"Không đọc được tệp .xlsx ({type(exc).__name__}).") from None
    finally:
        book.close()
    return sheets


_DOCTYPE = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_FORMULA = grid_limits.FORMULA


def _scan_xml(data: bytes, file_format: str, scanned: set = frozenset()) -> bool:
    """Refuse XML with a document type declaration (no office program writes one: it is how
    entity-expansion attacks begin); tell whether an .xlsx's worksheets hold formulas. The parts in
    `scanned` were read whole by the grid check already (which refuses a DTD and notes formulas)."""
    formulas = False
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if not info.filename.endswith(".xml") or info.filename in scanned:
                continue
            sheet = file_format == "xlsx" and info.filename.startswith("xl/worksheets/")
            with archive.open(info) as part:
                tail = b""
                while chunk := part.read(1 << 20):
                    window = tail + chunk
                    if _DOCTYPE.search(window):
                        raise ImportFileError(f"Không đọc được tệp .{file_format} (có khai báo DOCTYPE).")
                    if sheet and not formulas and _FORMULA.search(window):
                        formulas = True
                    tail = chunk[-32:]
    return formulas


def _plain_row(values: list) -> list:
    """_plain for a row from calamine: '' is an empty cell, numbers are floats."""
    out = []
    append = out.append
    for v in values:
        t = type(v)
        if t is str:
            append(clean_text(v) or None)
        elif t is float:
            append(int(v) if v.is_integer() else v)
        else:
            append(_plain(v))
    return out


def _plain_cell(value):
    """_plain_row of one cell from calamine."""
    t = type(value)
    if t is str:
        return clean_text(value) or None
    if t is float:
        return int(value) if value.is_integer() else value
    return _plain(value)


def _plain_grid(rows: list[list]) -> list[list]:
    """_plain_row over a whole sheet, column by column: each distinct value of a column is converted
    once and the column mapped through the results at C speed (a list repeats its cell codes, words
    and dates row after row). calamine's rows are all as wide as the sheet. A column holding both
    yes/no cells and numbers is converted cell by cell (True == 1 would mix them up)."""
    if not rows:
        return []
    columns = []
    for column in itertools.zip_longest(*rows, fillvalue=""):
        types = set(map(type, column))
        if bool in types and len(types) > 1:
            columns.append(_plain_row(column))
            continue
        memo = {value: _plain_cell(value) for value in set(column)}
        columns.append(map(memo.__getitem__, column))
    return list(map(list, zip(*columns, strict=True)))


def read_calamine(data: bytes, file_format: str) -> list[Sheet]:
    """Every worksheet (in workbook order) read by calamine. The grid limits are checked by the
    caller before from the file's metadata (check_grid), and here again on each sheet's extent
    before its cells become Python values."""
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine raises its own kinds on a damaged file
        raise ImportFileError(f"Không đọc được tệp .{file_format} ({type(exc).__name__}).") from None
    sheets = []
    tally = grid_limits.Tally(grid_limits.Limits.from_settings())
    try:
        for meta in book.sheets_metadata:
            if meta.typ != python_calamine.SheetTypeEnum.WorkSheet:
                continue
            sheet = book.get_sheet_by_name(meta.name)
            end_row, end_col = sheet.end or (0, 0)  # 0-based; None for an empty sheet
            tally.sheet(meta.name).extent(end_row + 1, end_col + 1)
            rows = sheet.to_python(skip_empty_area=False)
            sheets.append(Sheet(meta.name, list(enumerate(_plain_grid(rows), start=1)), file_format))
    except grid_limits.LimitExceeded as exc:
        raise ImportFileError(str(exc)) from None
    except Exception as exc:
        raise ImportFileError(f"Không đọc được tệp .{file_format} ({type(exc).__name__}).") from None
    finally:
        book.close()
    return sheets


def _read_xlsx_fast(data: bytes) -> list[Sheet]:
    _check_zip(data)
    grid = check_grid(data, "xlsx")
    if _scan_xml(data, "xlsx", grid.parts) or grid.formulas:
        return _read_xlsx(data)
    return read_calamine(data, "xlsx")


def _read_ods(data: bytes) -> list[Sheet]:
    _check_zip(data)
    _scan_xml(data, "ods")
    return read_calamine(data, "ods")


def _read_xls(data: bytes) -> list[Sheet]:
    check_grid(data, "xls")
    return read_calamine(data, "xls")


def _read_csv(data: bytes) -> list[Sheet]:
    text = data.decode("utf-8-sig")
    # The sniffer's delimiter guess grows with lines × characters: a few lines are enough (8 KB of
    # one-character lines took it over a second).
    sample = "\n".join(text[:8192].splitlines()[:20])
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = []
    try:
        grid_limits.check_csv(text, dialect)
        for number, row in grid_limits.csv_rows(text, dialect):
            rows.append((number, [_plain(v) for v in row]))
    except grid_limits.LimitExceeded as exc:
        raise ImportFileError(str(exc)) from None
    return [Sheet("CSV", rows, "csv")]


def read_sheets(data: bytes) -> list[Sheet]:
    """Every worksheet of the file as rows of plain values. Raises ImportFileError."""
    check_size(data)
    file_format = detect_format(data)
    reader = {"xlsx": _read_xlsx_fast, "xls": _read_xls, "ods": _read_ods, "csv": _read_csv}[file_format]
    sheets = reader(data)
    if not any(any(v is not None for v in values) for sheet in sheets for _, values in sheet.rows):
        raise ImportFileError("Tệp không có dữ liệu.")
    return sheets
