"""Columns, the header row under a title block, and the data rows of a sheet."""

import operator
import re
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any

from openpyxl.utils import get_column_letter

from vietnamese.text import clean_text, fold

from .reader import ImportFileError, Sheet
from .widgets import HEADER_SCAN_ROWS, TextWidget, Widget, header_key


@dataclass
class Column:
    key: str
    label: str  # canonical header, as in the template
    widget: Widget = field(default_factory=TextWidget)
    synonyms: tuple[str, ...] = ()
    required: bool = False
    example: Any = ""

    def keys(self) -> set[str]:
        return {header_key(self.label), *(header_key(s) for s in self.synonyms)}


@dataclass
class Table:
    sheet: Sheet
    header_row: int
    # column key -> (index in the sheet row, letter, header text as written in the file)
    columns: dict[str, tuple[int, str, str]]
    rows: list[tuple[int, dict]]  # (spreadsheet row number, {key: value})
    notes: list[str]

    def header_cells(self) -> list:
        """The header row as written in the file (every column, recognized or not)."""
        return list(self.sheet.rows[self.header_row - 1][1]) if self.sheet.rows else []

    def raw_values(self, number: int) -> list:
        """A data row as it was in the file (every column)."""
        number = row_of(number)
        index = number - 1
        if 0 <= index < len(self.sheet.rows) and self.sheet.rows[index][0] == number:
            return list(self.sheet.rows[index][1])
        return next((list(values) for n, values in self.sheet.rows if n == number), [])


def _synonyms(columns: list[Column]) -> dict[str, str]:
    exact: dict[str, str] = {}
    for column in columns:
        for key in column.keys():
            exact.setdefault(key, column.key)
    return exact


def _match_header(values: list, columns: list[Column], exact: dict[str, str] | None = None) -> dict:
    exact = exact if exact is not None else _synonyms(columns)
    found: dict[str, tuple[int, str, str]] = {}
    longest = 0
    for index, value in enumerate(values):
        if value is None or not isinstance(value, str):
            continue
        key = header_key(value)
        if not key:
            continue
        target = exact.get(key)
        if target is None:
            # "Họ và tên học viên" starts with "hovaten": take the longest such synonym (of at least
            # six letters), looking up the key's own beginnings, longest first.
            longest = longest or max(map(len, exact), default=0)
            for end in range(min(len(key) - 1, longest), 5, -1):
                target = exact.get(key[:end])
                if target is not None:
                    break
        if target and target not in found:
            found[target] = (index, get_column_letter(index + 1), clean_text(value))
    return found


_EMPTY = (None, "")
_COUNT_NONE = operator.methodcaller("count", None)  # rows may be lists or tuples
_FIRST, _SECOND = operator.itemgetter(0), operator.itemgetter(1)
_NUMBERING = re.compile(r"^\(?\d{1,2}\)?$")
_SIGNATURE = re.compile(
    r"(ngay\s.*thang)|(nguoi lap)|(^t/m\b)|(^kt\.?\s)|(thu truong)|(xac nhan)|(ky ten)|(giam doc)|(bi thu)"
    r"|(truong ban)|(truong phong)|(^noi nhan)",
)


def _looks_like_signature(values: list) -> bool:
    texts = [v for v in values if v is not None and v != ""]
    if len(texts) <= 1:
        return True  # a name alone, a place and date alone, a title alone
    return any(isinstance(t, str) and _SIGNATURE.search(fold(t)) for t in texts)


class RowNumber(int):
    """The number of a row in a file of several sheets: prints as "12 (trang “2023”)" and keeps
    rows of different sheets apart (its integer value orders them sheet by sheet)."""

    def __new__(cls, row: int, sheet_index: int = 0, sheet: str = ""):
        self = int.__new__(cls, sheet_index * 10_000_000 + int(row))
        self.row, self.sheet_index, self.sheet = int(row), sheet_index, sheet
        return self

    def __getnewargs__(self):
        return (self.row, self.sheet_index, self.sheet)

    def __str__(self) -> str:
        return f"{self.row} (trang “{self.sheet}”)" if self.sheet else str(self.row)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    __repr__ = __str__


def row_of(number: int) -> int:
    """The spreadsheet row of a (Row)Number."""
    return getattr(number, "row", number)


def _is_table(found: dict, columns: list[Column], key_columns: tuple[str, ...]) -> bool:
    return all(k in found for k in key_columns) and all(c.key in found for c in columns if c.required)


def extract_tables(
    sheets: list[Sheet], columns: list[Column], key_columns: tuple[str, ...], *, skip: tuple[str, ...] = ()
) -> tuple[list[Table], list[str]]:
    """Every sheet holding the table (a yearly tracker keeps one sheet per year), minus the sheets
    the user unticked; with one sheet, or when no sheet has every key column, the one best table as
    `extract_table` finds it. Also the names of every sheet that holds a table (to offer unticking)."""
    exact = _synonyms(columns)
    found_in: list[tuple[int, Sheet, int, dict]] = []
    for index, sheet in enumerate(sheets):
        best = None
        for position, (_number, values) in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
            found = _match_header(values, columns, exact)
            if found and (best is None or len(found) > len(best[1])):
                best = (position, found)
        if best and _is_table(best[1], columns, key_columns):
            found_in.append((index, sheet, *best))
    if len(found_in) < 2:
        table = extract_table(sheets, columns, key_columns)
        return [table], [table.sheet.name]
    names = [sheet.name for _, sheet, _, _ in found_in]
    chosen = [item for item in found_in if item[1].name not in skip]
    if not chosen:
        raise ImportFileError("Chưa chọn trang tính nào để nhập.")
    tables = []
    for index, sheet, position, found in chosen:
        table = _table_of(sheet, position, found, columns, key_columns, exact)
        table.rows = [(RowNumber(number, index, sheet.name), values) for number, values in table.rows]
        table.notes = [f"trang “{sheet.name}”, {note}" for note in table.notes]
        tables.append(table)
    return tables, names


def extract_table(sheets: list[Sheet], columns: list[Column], key_columns: tuple[str, ...]) -> Table:
    """The first sheet with a recognizable header; its data rows as dicts of column key -> value."""
    best: tuple[int, Sheet, int, dict] | None = None
    exact = _synonyms(columns)
    for sheet in sheets:
        for position, (_number, values) in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
            found = _match_header(values, columns, exact)
            if found and (best is None or len(found) > best[0]):
                best = (len(found), sheet, position, found)
        if best and all(k in best[3] for k in key_columns):
            break
    expected = ", ".join(f"“{c.label}”" for c in columns if c.required)
    if best is None or len(best[3]) < 2:
        raise ImportFileError(
            f"Không tìm thấy dòng tiêu đề cột trong {HEADER_SCAN_ROWS} dòng đầu. "
            f"Bảng cần có các cột: {expected} (xem tệp mẫu)."
        )
    _, sheet, position, found = best
    header_number = sheet.rows[position][0]
    missing = [c.label for c in columns if c.required and c.key not in found]
    if missing:
        raise ImportFileError(
            f"Dòng tiêu đề (dòng {header_number}) thiếu cột bắt buộc: " + ", ".join(f"“{m}”" for m in missing) + "."
        )
    return _table_of(sheet, position, found, columns, key_columns, exact)


def _table_of(
    sheet: Sheet, position: int, found: dict, columns: list[Column], key_columns: tuple[str, ...], exact: dict
) -> Table:
    header_number = sheet.rows[position][0]
    notes = []
    data: list[tuple[int, list]] = []
    width = max(index for index, _, _ in found.values()) + 1
    first_index, _, first_header = next(iter(found.values()))
    first_key = header_key(first_header)
    following = sheet.rows[position + 1 :]
    if any(len(values) < width for _, values in following):
        following = [(n, v if len(v) >= width else list(v) + [None] * (width - len(v))) for n, v in following]
    # Blank rows left out at C speed (counted cell by cell only where a row has an empty text).
    empties = map(_COUNT_NONE, (values for _, values in following))
    for (number, values), blanks in zip(following, empties, strict=True):
        if blanks == len(values) or ("" in values and blanks + values.count("") == len(values)):
            continue
        if not data and len(values) - blanks >= 3:
            non_empty = [v for v in values if v is not None and v != ""]
            if all(_NUMBERING.match(str(v)) for v in non_empty):
                continue  # the "(1) (2) (3)" row under an official form's header
        first = values[first_index]
        # A header repeated inside the table (printed lists repeat it per page): cheap test first.
        if (
            type(first) is str
            and header_key(first) == first_key
            and len(_match_header(values, columns, exact)) >= max(2, len(found) // 2)
        ):
            notes.append(f"dòng {number}: bỏ qua dòng tiêu đề lặp lại.")
            continue
        data.append((number, values))

    keys = [key for key in found]
    pick = operator.itemgetter(*(found[key][0] for key in keys))
    if len(keys) == 1:
        single = pick
        pick = lambda values: (single(values),)  # noqa: E731 - itemgetter of one index is no tuple
    key_indexes = [found[k][0] for k in key_columns if k in found]

    def filled(value) -> bool:
        return value is not None and value != ""

    # The table ends after the last row whose key columns are all filled; from the first row after
    # it that looks like a signature block ("NGƯỜI LẬP DANH SÁCH", a name alone, "Ngày … tháng …"),
    # the rest is left out. Rows in between are kept (an incomplete row is reported, not dropped).
    # Above that, a row without any key and with a single cell is a group heading ("I. Thôn Đông").
    last = -1
    for i in range(len(data) - 1, -1, -1):
        values = data[i][1]
        if all(filled(values[k]) for k in key_indexes):
            last = i
            break
    kept = []
    only_key = key_indexes[0] if len(key_indexes) == 1 else None
    for number, values in data[:last] if last > 0 else ():
        # No key filled ((None, "") holds the key's value): maybe a group heading.
        if values[only_key] in _EMPTY if only_key is not None else not any(filled(values[k]) for k in key_indexes):
            texts = [v for v in values if v is not None and v != ""]
            if len(texts) == 1:
                notes.append(f"dòng {number}: bỏ qua dòng tiêu đề nhóm “{texts[0]}”.")
                continue
        kept.append((number, values))
    if last >= 0:
        kept.append(data[last])
    for number, values in data[last + 1 :]:
        if _looks_like_signature(values):
            notes.append(f"dòng {number}–{data[-1][0]}: bỏ qua phần ký tên dưới bảng.")
            break
        kept.append((number, values))
    # {column key: cell} per row, at C speed.
    values = map(pick, map(_SECOND, kept))
    rows = list(zip(map(_FIRST, kept), map(dict, map(zip, repeat(keys), values)), strict=True))
    return Table(sheet, header_number, found, rows, notes)
