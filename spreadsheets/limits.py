"""How much a spreadsheet may hold, checked before any parser builds rows from it.

A tiny hostile file can describe an enormous grid: one cell at XFD1048576, a `<dimension>` claiming
it, thousands of sheets, a million one-cell rows. The readers pad every row to the sheet's width, so
memory follows the grid's area, not the file's size. These checks read only the file's own metadata
and cell addresses, streamed in bounded chunks (for xlsx, regular expressions over the raw XML, and
expat with DTDs and entities refused where the expressions cannot vouch for every address; the BIFF
record headers for xls; the csv module with a field-size cap), and stop at the first limit exceeded.
They do not depend on the parser that later reads the values (calamine, or openpyxl for an xlsx with
formulas), so they keep guarding whatever reads the rows.

Limits (settings, with defaults): IMPORT_MAX_ROWS (rows per sheet, by the last row's number),
IMPORT_MAX_COLUMNS (columns per sheet, by the last column's number), IMPORT_MAX_CELLS (rows × columns
of one sheet), IMPORT_MAX_FILE_CELLS (the same summed over the file), IMPORT_MAX_SHEETS,
IMPORT_MAX_CELL_CHARS (characters in one cell; a CSV field over it is refused).
"""

import csv
import io
import struct
import zipfile
from dataclasses import dataclass, field
from xml.parsers import expat

from django.conf import settings

from vietnamese.text import format_int

from .xml_scan import (  # noqa: F401 - FAST_CHUNK, FORMULA, beyond_pattern: used by the reader and tests
    FAST_CHUNK,
    FORMULA,
    SheetScan,
    beyond_pattern,
    column_number,
    parse_ref,
    scan_sheet_fast,
)

DEFAULTS = {
    "IMPORT_MAX_ROWS": 100_000,
    "IMPORT_MAX_COLUMNS": 200,
    "IMPORT_MAX_CELLS": 1_000_000,
    "IMPORT_MAX_FILE_CELLS": 2_000_000,
    "IMPORT_MAX_SHEETS": 50,
    "IMPORT_MAX_CELL_CHARS": 32_767,  # Excel's own maximum for one cell
}


class LimitExceeded(Exception):
    """The file describes more than the limits allow (message in Vietnamese, for the user)."""


@dataclass(frozen=True)
class Limits:
    rows: int
    columns: int
    cells: int
    file_cells: int
    sheets: int
    cell_chars: int

    @classmethod
    def from_settings(cls) -> "Limits":
        def get(name):
            return int(getattr(settings, name, DEFAULTS[name]))

        return cls(
            rows=get("IMPORT_MAX_ROWS"),
            columns=get("IMPORT_MAX_COLUMNS"),
            cells=get("IMPORT_MAX_CELLS"),
            file_cells=get("IMPORT_MAX_FILE_CELLS"),
            sheets=get("IMPORT_MAX_SHEETS"),
            cell_chars=get("IMPORT_MAX_CELL_CHARS"),
        )


SPLIT = " Hãy xóa các dòng, cột thừa hoặc chia thành nhiều tệp nhỏ hơn."


class Tally:
    """Counts one file's sheets and grid, raising LimitExceeded at the first limit passed."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.sheets = 0
        self.file_cells = 0

    def check_sheet_count(self, count: int) -> None:
        if count > self.limits.sheets:
            raise LimitExceeded(
                f"Tệp có hơn {format_int(self.limits.sheets)} trang tính; giới hạn là "
                f"{format_int(self.limits.sheets)}. Hãy xóa các trang tính thừa hoặc chia thành nhiều tệp."
            )

    def sheet(self, name: str) -> "SheetTally":
        self.sheets += 1
        self.check_sheet_count(self.sheets)
        return SheetTally(self, name)


class SheetTally:
    def __init__(self, tally: Tally, name: str):
        self.tally = tally
        self.limits = tally.limits
        self.name = name
        self.max_row = 0
        self.max_col = 0
        self.counted = 0  # area already added to the file's total

    def _where(self) -> str:
        return f"Trang tính “{self.name}”" if self.name else "Tệp"

    def count_elements(self, rows: int, cells: int) -> None:
        """So many <row> and <c> elements seen so far in the sheet."""
        if rows > self.limits.rows:
            raise LimitExceeded(
                f"{self._where()} có hơn {format_int(self.limits.rows)} dòng; giới hạn là "
                f"{format_int(self.limits.rows)} dòng mỗi trang tính." + SPLIT
            )
        if cells > self.limits.cells:
            raise LimitExceeded(
                f"{self._where()} có hơn {format_int(self.limits.cells)} ô; giới hạn là "
                f"{format_int(self.limits.cells)} ô mỗi trang tính." + SPLIT
            )

    def refuse_dtd(self) -> None:
        raise LimitExceeded("Không đọc được tệp .xlsx: có khai báo DTD/thực thể XML (không an toàn).")

    def extent(self, row: int, col: int) -> None:
        """A cell (or a declared extent) reaches row `row`, column `col` (both 1-based)."""
        limits = self.limits
        if row > self.max_row:
            if row > limits.rows:
                raise LimitExceeded(
                    f"{self._where()} có quá nhiều dòng (đến dòng {format_int(row)}); giới hạn là "
                    f"{format_int(limits.rows)} dòng mỗi trang tính." + SPLIT
                )
            self.max_row = row
        if col > self.max_col:
            if col > limits.columns:
                raise LimitExceeded(
                    f"{self._where()} có quá nhiều cột (đến cột {format_int(col)}); giới hạn là "
                    f"{format_int(limits.columns)} cột." + SPLIT
                )
            self.max_col = col
        area = self.max_row * self.max_col
        if area > self.counted:
            if area > limits.cells:
                raise LimitExceeded(
                    f"{self._where()} có quá nhiều ô ({format_int(self.max_row)} dòng × "
                    f"{format_int(self.max_col)} cột); giới hạn là {format_int(limits.cells)} ô mỗi trang tính." + SPLIT
                )
            self.tally.file_cells += area - self.counted
            self.counted = area
            if self.tally.file_cells > limits.file_cells:
                raise LimitExceeded(
                    f"Tệp có quá nhiều ô (hơn {format_int(limits.file_cells)} ô trên mọi trang tính)." + SPLIT
                )


# ---- xlsx: the sheet XML streamed through expat ---------------------------------------------------

CHUNK = 64 * 1024


def _safe_parser() -> expat.XMLParserType:
    parser = expat.ParserCreate()

    def refuse(*args):
        raise LimitExceeded("Không đọc được tệp .xlsx: có khai báo DTD/thực thể XML (không an toàn).")

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    return parser


def _local(name: str) -> str:
    return name.rsplit(":", 1)[-1]


def _scan_sheet_xml(stream, sheet: SheetTally) -> None:
    parser = _safe_parser()
    state = {"row": 0, "col": 0}

    def start(name, attrs):
        tag = _local(name)
        if tag == "c":
            where = parse_ref(attrs.get("r", "")) if "r" in attrs else None
            if where is None:
                state["col"] += 1
                where = (max(state["row"], 1), state["col"])
            state["col"] = where[1]
            sheet.extent(*where)
        elif tag == "row":
            r = attrs.get("r")
            state["row"] = int(r) if r and r.isdigit() else state["row"] + 1
            state["col"] = 0
            sheet.extent(state["row"], 1)
        elif tag == "dimension":
            # What the file says of itself: the readers size their rows by it.
            ref = attrs.get("ref", "")
            end = parse_ref(ref.split(":")[-1]) if ref else None
            if end:
                sheet.extent(*end)

    parser.StartElementHandler = start
    while chunk := stream.read(CHUNK):
        parser.Parse(chunk, False)
    parser.Parse(b"", True)


def _count_tags(archive: zipfile.ZipFile, part: str, sheet: SheetTally) -> None:
    """A first pass at C speed: row numbers only grow, so more <row> elements than the row limit (or
    more <c> than the cell limit) refuses the sheet without parsing it (a million rows in ~50 ms)."""
    rows = cells = 0
    with archive.open(part) as stream:
        while chunk := stream.read(CHUNK * 4):
            rows += chunk.count(b"<row") + chunk.count(b":row ")
            cells += chunk.count(b"<c ") + chunk.count(b"<c>") + chunk.count(b":c ")
            sheet.count_elements(rows, cells)


def _stream(archive: zipfile.ZipFile, name: str, start) -> None:
    parser = _safe_parser()
    parser.StartElementHandler = start
    with archive.open(name) as stream:
        while chunk := stream.read(CHUNK):
            parser.Parse(chunk, False)
    parser.Parse(b"", True)


def _sheet_titles(archive: zipfile.ZipFile, names: set[str], tally: Tally) -> dict[str, str]:
    """Worksheet part -> the title the user sees, from workbook.xml and its relationships (the sheet
    count checked while reading)."""
    targets: dict[str, str] = {}
    if "xl/_rels/workbook.xml.rels" in names:

        def rel(name, attrs):
            if _local(name) == "Relationship" and "Id" in attrs:
                target = attrs.get("Target", "").lstrip("/")
                targets[attrs["Id"]] = target if target.startswith("xl/") else f"xl/{target}"

        _stream(archive, "xl/_rels/workbook.xml.rels", rel)
    titles: dict[str, str] = {}
    if "xl/workbook.xml" in names:
        count = [0]

        def sheet(name, attrs):
            if _local(name) == "sheet":
                count[0] += 1
                tally.check_sheet_count(count[0])
                rid = next((v for k, v in attrs.items() if _local(k) == "id"), "")
                if rid in targets:
                    titles[targets[rid]] = attrs.get("name", "")

        _stream(archive, "xl/workbook.xml", sheet)
    return titles


@dataclass
class XlsxScan:
    """What check_xlsx learnt on the way: the worksheet parts it read whole (their XML needs no
    second look for a DTD) and whether any holds a formula."""

    parts: set = field(default_factory=set)
    formulas: bool = False


def check_xlsx(data: bytes, limits: Limits | None = None) -> XlsxScan:
    """Count the worksheets and stream each one's cell addresses; raise LimitExceeded early."""
    result = XlsxScan()
    tally = Tally(limits or Limits.from_settings())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        parts = sorted(
            (n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml")), key=lambda n: (len(n), n)
        )
        tally.check_sheet_count(len(parts))
        titles = _sheet_titles(archive, names, tally)
        for part in parts:
            sheet = tally.sheet(titles.get(part) or part.rsplit("/", 1)[-1].removesuffix(".xml"))
            with archive.open(part) as stream:
                scan = scan_sheet_fast(stream, sheet)
            if scan.complete:
                result.parts.add(part)
                result.formulas = result.formulas or scan.formulas
            else:
                sheet.max_row = sheet.max_col = 0
                _count_tags(archive, part, sheet)
                with archive.open(part) as stream:
                    _scan_sheet_xml(stream, sheet)
    return result


# ---- xls: the BIFF records of each sheet ----------------------------------------------------------

# Records that hold one cell: row and column are the first two 16-bit words.
_CELL_RECORDS = {0x0006, 0x00FD, 0x0203, 0x027E, 0x0201, 0x0204, 0x0205, 0x00D6, 0x0406, 0x0003, 0x0004}
# MULRK / MULBLANK: row, first column, …, last column (the last word).
_MULTI_RECORDS = {0x00BD, 0x00BE}
_EOF = 0x000A


def check_xls_book(book, name_of, limits: Limits | None = None) -> None:
    """For an xlrd book opened with on_demand=True (globals only): count the sheets, then walk each
    sheet's record headers (4 bytes each, no cell decoded) to find the last row and column."""
    tally = Tally(limits or Limits.from_settings())
    mem = book.mem
    positions = list(book._sh_abs_posn)
    tally.check_sheet_count(len(positions))
    size = len(mem)
    for index, start in enumerate(positions):
        sheet = tally.sheet(name_of(index))
        pos = start
        while pos + 4 <= size:
            code, length = struct.unpack_from("<HH", mem, pos)
            body = pos + 4
            if code == _EOF:
                break
            if code in _CELL_RECORDS and length >= 4:
                row, col = struct.unpack_from("<HH", mem, body)
                sheet.extent(row + 1, col + 1)
            elif code in _MULTI_RECORDS and length >= 6:
                row, _first = struct.unpack_from("<HH", mem, body)
                (last,) = struct.unpack_from("<H", mem, body + length - 2)
                sheet.extent(row + 1, last + 1)
            pos = body + length


# ---- CSV --------------------------------------------------------------------------------------------


def check_csv(text: str, dialect, limits: Limits | None = None) -> None:
    """A first pass with the C csv reader only (no value converted): rows, columns, field size.
    Without any quote character every line is a row: counting newlines is enough to refuse."""
    limits = limits or Limits.from_settings()
    if dialect.quotechar not in text and text.count("\n", 0) > limits.rows:
        raise LimitExceeded(
            f"Tệp có hơn {format_int(limits.rows)} dòng; giới hạn là {format_int(limits.rows)} dòng." + SPLIT
        )
    for _ in csv_rows(text, dialect, limits):
        pass


def csv_rows(text: str, dialect, limits: Limits | None = None):
    """csv.reader over the text with the field size and the grid limits enforced while streaming."""
    limits = limits or Limits.from_settings()
    csv.field_size_limit(limits.cell_chars)
    sheet = Tally(limits).sheet("")
    reader = csv.reader(io.StringIO(text), dialect)
    number = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if "field larger than field limit" in str(exc):
                raise LimitExceeded(
                    f"Dòng {format_int(number + 1)} có một ô dài hơn {format_int(limits.cell_chars)} ký tự; "
                    "tệp CSV có thể bị hỏng (thiếu dấu ngoặc kép đóng)."
                ) from None
            raise LimitExceeded(f"Tệp CSV hỏng ở dòng {format_int(number + 1)}.") from None
        number += 1
        sheet.extent(number, max(len(row), 1))
        yield number, row
