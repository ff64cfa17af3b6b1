"""The import machinery shared by every import (units, candidates, rosters, quotas).

django-import-export gives the row loop: a Resource with one Field + Widget per column cleans
each row, `validate_instance` checks it, `save_instance` queues it, and `import_data` returns a
Result of RowResults (new / update / skip / invalid). What real office files need on top of it
lives here:

* `reader.read_sheets` turns bytes into rows (format by content, size and zip-bomb limits).
* `extract_table` finds the header row below a title block, maps header synonyms ignoring case,
  diacritics, spacing and punctuation, and keeps only the data rows: blank rows, a repeated
  header, a column-numbering row "(1) (2) (3)", group-heading rows and the signature block under
  the table are left out.
* Widgets for Vietnamese text, names typed in capitals, dates (date cells, Excel serial numbers,
  text dd/mm/yyyy — day first), numbers, yes/no and choice words.
* `SpreadsheetResource`: a Resource whose rows are plain objects; subclasses prefetch what they
  need in bulk (`prefetch`), check one row (`check_row`) and write everything at once (`commit`).

Nothing is written unless every row is valid; `imports.services.run_import` wraps the whole run
in one transaction.
"""

import datetime
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from import_export import resources, widgets
from import_export.fields import Field
from import_export.instance_loaders import BaseInstanceLoader
from import_export.results import RowResult
from openpyxl.utils import get_column_letter

from recruitment.text import capitalize_name, clean_text, fold

from .reader import ImportFileError, Sheet

ROW_KEY = "__row__"
HEADER_SCAN_ROWS = 30
EXCEL_EPOCH = datetime.date(1899, 12, 30)
# Serial numbers accepted as dates: 01/01/1900 .. 31/12/2100.
SERIAL_MIN, SERIAL_MAX = 1, 73415

STATUS_LABELS = {
    "new": "Mới",
    "update": "Cập nhật",
    "unchanged": "Không đổi",
    "unmatched": "Không khớp",
    "error": "Lỗi",
}


def header_key(text) -> str:
    """'Ngày, tháng, năm sinh' -> 'ngaythangnamsinh': no case, diacritics, spaces or punctuation."""
    return re.sub(r"[^a-z0-9]", "", fold(text))


def d(day) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


# ---- Widgets: one cell value -> Python value, ValueError with a Vietnamese message ------------


def _as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return d(value)
    return clean_text(value)


class TextWidget(widgets.Widget):
    def __init__(self, max_length: int | None = None):
        super().__init__()
        self.max_length = max_length

    def clean(self, value, row=None, **kwargs):
        text = _as_text(value)
        if self.max_length and len(text) > self.max_length:
            raise ValueError(f"dài quá {self.max_length} ký tự.")
        return text

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class NameWidget(TextWidget):
    """A person's name: NFC, single spaces, "NGUYỄN VĂN A" -> "Nguyễn Văn A"."""

    def clean(self, value, row=None, **kwargs):
        text = capitalize_name(super().clean(value, row, **kwargs))
        if text and not any(ch.isalpha() for ch in text):
            raise ValueError(f"“{text}” không phải là họ tên.")
        return text


class DateWidget(widgets.Widget):
    """A date cell, an Excel serial number, or text dd/mm/yyyy (day first; also d-m-yyyy,
    d.m.yyyy and ISO yyyy-mm-dd)."""

    _DMY = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})$")
    _ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")

    def clean(self, value, row=None, **kwargs):
        if value is None or value == "":
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, bool):
            raise ValueError(f"“{value}” không phải là ngày.")
        if isinstance(value, int | float):
            return self._serial(value)
        text = clean_text(value)
        if text.isdigit() and 4 < len(text) <= 5:
            return self._serial(int(text))
        match = self._DMY.match(text)
        if match:
            day, month, year = (int(x) for x in match.groups())
        else:
            match = self._ISO.match(text)
            if not match:
                raise ValueError(f"không đọc được ngày “{text}” (cần dạng ngày/tháng/năm, ví dụ 05/06/1990).")
            year, month, day = (int(x) for x in match.groups())
        try:
            return datetime.date(year, month, day)
        except ValueError:
            raise ValueError(f"ngày “{text}” không tồn tại.") from None

    def _serial(self, number):
        if not (SERIAL_MIN <= number <= SERIAL_MAX) or (isinstance(number, float) and not number.is_integer()):
            raise ValueError(f"“{number}” không phải là ngày hợp lệ.")
        return EXCEL_EPOCH + datetime.timedelta(days=int(number))

    def render(self, value, obj=None, **kwargs):
        return d(value)


class IntegerWidget(widgets.Widget):
    def __init__(self, minimum: int | None = None, maximum: int | None = None):
        super().__init__()
        self.minimum, self.maximum = minimum, maximum

    def clean(self, value, row=None, **kwargs):
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            raise ValueError(f"“{value}” không phải là số.")
        if isinstance(value, float):
            if not value.is_integer():
                raise ValueError(f"“{value}” không phải là số nguyên.".replace(".", ","))
            value = int(value)
        if not isinstance(value, int):
            text = clean_text(value).replace(" ", "")
            # "1.214" is one thousand two hundred and fourteen in Vietnamese files.
            if re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text):
                text = text.replace(".", "")
            if not re.fullmatch(r"-?\d+", text):
                raise ValueError(f"“{clean_text(value)}” không phải là số nguyên.")
            value = int(text)
        if self.minimum is not None and value < self.minimum:
            raise ValueError(f"{value} nhỏ hơn {self.minimum}.")
        if self.maximum is not None and value > self.maximum:
            raise ValueError(f"{value} lớn hơn {self.maximum}.")
        return value

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class BooleanWidget(widgets.Widget):
    TRUE = {"x", "co", "c", "1", "true", "yes", "dung", "la doan vien", "doan vien", "✓", "v"}
    FALSE = {"", "khong", "k", "0", "false", "no", "-"}

    def clean(self, value, row=None, **kwargs):
        if value is None:
            return None
        if isinstance(value, bool):
            return value
        key = fold(_as_text(value))
        if key in self.TRUE:
            return True
        if key in self.FALSE:
            return False
        raise ValueError(f"“{_as_text(value)}” không rõ là có hay không (ghi “x” hoặc để trống).")

    def render(self, value, obj=None, **kwargs):
        return "x" if value else ""


class ChoiceWidget(widgets.Widget):
    """A word from a list of accepted spellings (compared without case, diacritics, punctuation)."""

    def __init__(self, words: dict[str, str], *, fallback: Callable[[str], str | None] | None = None, hint: str = ""):
        super().__init__()
        self.words = {header_key(k): v for k, v in words.items()}
        self.fallback = fallback
        self.hint = hint

    def clean(self, value, row=None, **kwargs):
        text = _as_text(value)
        if not text:
            return None
        found = self.words.get(header_key(text))
        if found is None and self.fallback:
            found = self.fallback(text)
        if found is None:
            raise ValueError(f"không hiểu “{text}”" + (f" (ghi {self.hint})." if self.hint else "."))
        return found

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


# ---- Columns and the header row -------------------------------------------------------------


@dataclass
class Column:
    key: str
    label: str  # canonical header, as in the template
    widget: widgets.Widget = field(default_factory=TextWidget)
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


def _synonyms(columns: list[Column]) -> dict[str, str]:
    exact: dict[str, str] = {}
    for column in columns:
        for key in column.keys():
            exact.setdefault(key, column.key)
    return exact


def _match_header(values: list, columns: list[Column], exact: dict[str, str] | None = None) -> dict:
    exact = exact if exact is not None else _synonyms(columns)
    found: dict[str, tuple[int, str, str]] = {}
    for index, value in enumerate(values):
        if value is None or not isinstance(value, str):
            continue
        key = header_key(value)
        if not key:
            continue
        target = exact.get(key)
        if target is None:
            # "Họ và tên học viên" starts with "hovaten": take the longest such synonym.
            best = max((k for k in exact if len(k) >= 6 and key.startswith(k)), key=len, default=None)
            target = exact.get(best) if best else None
        if target and target not in found:
            found[target] = (index, get_column_letter(index + 1), clean_text(value))
    return found


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
    notes = []
    data: list[tuple[int, list]] = []
    for number, values in sheet.rows[position + 1 :]:
        if all(v is None or v == "" for v in values):
            continue
        non_empty = [v for v in values if v is not None and v != ""]
        if len(non_empty) >= 3 and all(_NUMBERING.match(str(v)) for v in non_empty) and not data:
            continue  # the "(1) (2) (3)" row under an official form's header
        if _repeats_header(values, found) and len(_match_header(values, columns, exact)) >= max(2, len(found) // 2):
            notes.append(f"dòng {number}: bỏ qua dòng tiêu đề lặp lại.")
            continue
        data.append((number, values))

    def filled(values, key):
        return key in found and _cell(values, found[key][0]) not in (None, "")

    def has_key(values):
        return any(filled(values, k) for k in key_columns)

    def complete(values):
        return all(filled(values, k) for k in key_columns if k in found)

    # The table ends after the last row whose key columns are all filled; from the first row after
    # it that looks like a signature block ("NGƯỜI LẬP DANH SÁCH", a name alone, "Ngày … tháng …"),
    # the rest is left out. Rows in between are kept (an incomplete row is reported, not dropped).
    # Above that, a row without any key and with a single cell is a group heading ("I. Thôn Đông").
    last = max((i for i, (_, values) in enumerate(data) if complete(values)), default=-1)
    rows = []
    for i, (number, values) in enumerate(data):
        if i > last and _looks_like_signature(values):
            notes.append(f"dòng {number}–{data[-1][0]}: bỏ qua phần ký tên dưới bảng.")
            break
        if i < last and not has_key(values) and len([v for v in values if v not in (None, "")]) == 1:
            text = next(v for v in values if v not in (None, ""))
            notes.append(f"dòng {number}: bỏ qua dòng tiêu đề nhóm “{text}”.")
            continue
        rows.append((number, {key: _cell(values, index) for key, (index, _, _) in found.items()}))
    return Table(sheet, header_number, found, rows, notes)


def _repeats_header(values: list, found: dict) -> bool:
    """Cheap first test of a header repeated inside the table (printed lists repeat it per page)."""
    index, _, header = next(iter(found.values()))
    value = _cell(values, index)
    return isinstance(value, str) and header_key(value) == header_key(header)


def _cell(values: list, index: int):
    return values[index] if index < len(values) else None


# ---- The resource ----------------------------------------------------------------------------


class RowData:
    """One spreadsheet row while it is imported: cleaned values as attributes (None when the
    column is absent), plus what the checks found."""

    def __init__(self, number: int):
        self.number = number
        self.status = "new"
        self.warnings: list[str] = []
        self.label = ""

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return None


class RowError(Exception):
    """Raised by `commit` when a service refuses a row: the whole import is rolled back."""

    def __init__(self, number: int, message: str, column: str | None = None):
        super().__init__(message)
        self.number, self.message, self.column = number, message, column


@dataclass
class RowOutcome:
    number: int
    status: str
    label: str = ""
    target: str = ""  # what the row was matched to (a cell, a candidate), shown on the preview
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    values: list[tuple[str, str]] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


class SpreadsheetResource(resources.Resource):
    """Base of every import. Subclasses set `kind`, `title`, `columns`, `key_columns` and
    implement `prefetch`, `check_row` and `commit`."""

    kind = ""
    title = ""
    description = ""
    columns: list[Column] = []
    key_columns: tuple[str, ...] = ()
    # What the import needs the user to be allowed to do (units.scope.Action), besides IMPORT.
    right = ""

    class Meta:
        instance_loader_class = BaseInstanceLoader
        force_init_instance = True  # rows are matched in check_row, against bulk-loaded maps
        use_bulk = True  # no savepoint per row; save_instance only queues
        skip_diff = True
        report_skipped = True
        store_instance = True
        clean_model_instances = False
        use_transactions = False  # the caller holds the one transaction

    def __init__(self, *, user=None, options: dict | None = None):
        super().__init__()
        self.fields = {c.key: Field(attribute=c.key, column_name=c.key, widget=c.widget) for c in self.columns}
        self.user = user
        self.options = options or {}
        self.table: Table | None = None
        self.pending: list[RowData] = []
        self.file_errors: list[str] = []
        self.notes: list[str] = []
        self.summary: list[str] = []

    # -- column names in messages
    def column_ref(self, key: str | None) -> str:
        if self.table and key in self.table.columns:
            _, letter, header = self.table.columns[key]
            return f"cột {letter} ({header})"
        for column in self.columns:
            if column.key == key:
                return f"cột {column.label}"
        return ""

    def format_error(self, number: int, key: str | None, message: str) -> str:
        ref = self.column_ref(key) if key and key != NON_FIELD_ERRORS else ""
        return f"dòng {number}, {ref}: {message}" if ref else f"dòng {number}: {message}"

    # -- the import-export hooks
    def init_instance(self, row=None):
        return RowData(row[ROW_KEY])

    def import_row(self, row, instance_loader, **kwargs):
        row_result = super().import_row(row, instance_loader, **kwargs)
        row_result.spreadsheet_row = row[ROW_KEY]
        return row_result

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        for f in self.get_import_fields():
            try:
                self.import_field(f, instance, row, **kwargs)
            except ValueError as exc:
                errors[f.attribute] = [str(exc)]
        if errors:
            instance.field_errors = errors

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors: dict[str, list[str]] = defaultdict(list)
        for key, messages in (instance.field_errors or {}).items():
            errors[key].extend(messages)
        self.check_row(instance, errors)
        if errors:
            raise ValidationError({k: v for k, v in errors.items() if v})

    def save_instance(self, instance, is_create, row, **kwargs):
        self.pending.append(instance)

    def after_import_row(self, row, row_result, **kwargs):
        instance = row_result.instance
        if instance is not None and instance.status in ("unchanged", "unmatched"):
            row_result.import_type = RowResult.IMPORT_TYPE_SKIP
        elif instance is not None and instance.status == "update":
            row_result.import_type = RowResult.IMPORT_TYPE_UPDATE

    def before_import(self, dataset, **kwargs):
        rows = [dict(zip(dataset.headers, values, strict=True)) for values in dataset]
        self.prefetch(rows)

    def after_import(self, dataset, result, **kwargs):
        if kwargs.get("dry_run") or self.file_errors or result.has_validation_errors() or result.has_errors():
            return
        self.commit(self.pending)

    # -- to implement
    def clean_key(self, key: str, value):
        """A key column cleaned by its widget for the bulk lookups (None when invalid)."""
        try:
            return self.fields[key].widget.clean(value)
        except ValueError:
            return None

    def prefetch(self, rows: list[dict]) -> None:
        """Load in a few queries everything the rows refer to."""

    def check_file(self) -> None:
        """File-level checks before the rows (append to self.file_errors)."""

    def check_row(self, row: RowData, errors: dict[str, list[str]]) -> None:
        raise NotImplementedError

    def commit(self, rows: list[RowData]) -> None:
        raise NotImplementedError

    def display_values(self, raw: dict) -> list[tuple[str, str]]:
        """(header, cell) of the row as written in the file (dates shown dd/mm/yyyy)."""
        columns = self.table.columns if self.table else {}
        return [(header, _as_text(raw.get(key))) for key, (_, _, header) in columns.items()]

    @classmethod
    def template_rows(cls) -> tuple[list[str], list]:
        return [c.label for c in cls.columns], [c.example for c in cls.columns]


def iter_chunks(items: Iterable, size: int = 500):
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
