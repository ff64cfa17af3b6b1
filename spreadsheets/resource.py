"""The resource: the import machinery shared by every import (units, candidates, rosters, quotas).

* `reader.read_sheets` turns bytes into rows (format by content, size and zip-bomb limits).
* `extract_table` finds the header row below a title block, maps header synonyms ignoring case,
  diacritics, spacing and punctuation, and keeps only the data rows: blank rows, a repeated
  header, a column-numbering row "(1) (2) (3)", group-heading rows and the signature block under
  the table are left out.
* Widgets for Vietnamese text, names typed in capitals, dates (date cells, Excel serial numbers,
  text dd/mm/yyyy — day first), numbers, yes/no and choice words.
* `SpreadsheetResource`: the row loop. Subclasses prefetch what they need in bulk (`prefetch`),
  check one row (`check_row`) and write everything at once (`commit`).

The row loop used to be django-import-export's (a Result of RowResults through a dozen hooks per
row); it is a plain loop here, one widget call per cell and one `check_row` per row, which is
most of what makes a 20.000-row file check in a fraction of a second. The contract of the
resources is the same.

Nothing is written unless every row is valid (or the user asked for the valid rows only);
`imports.services` wraps the whole write in one transaction.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import repeat
from types import MappingProxyType

from django.apps import apps
from django.db import connection

from .table import Column, Table
from .widgets import STATUS_LABELS, as_text

NON_FIELD_ERRORS = "__all__"


class RowData:
    """One spreadsheet row while it is imported: cleaned values as attributes (None when the
    column is absent), plus what the checks found.

    The row loop gives each row only the columns the file has; every other column of the resources
    reads None from a class attribute of that name (declared by `declare_columns`: a plain
    attribute lookup, not a call of __getattr__), and `status`, `label` and `errors` their class
    defaults until a check sets them."""

    status = "new"
    label = ""
    errors = MappingProxyType({})  # no errors: a row that has some gets its own dict

    @classmethod
    def declare_columns(cls, keys) -> None:
        for key in keys:
            if key not in cls.__dict__ and not key.startswith("_"):
                setattr(cls, key, None)

    def __init__(self, number: int):
        self.number = number
        self.status = "new"
        self.warnings: list[str] = []
        self.label = ""
        self.errors: dict[str, list[str]] = {}

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return None


# Cell types among which equal values are the same value (True == 1 == 1.0 mixes the numbers).
_NUMBER_TYPES = frozenset({bool, int, float})
_DISTINCT_TYPES = frozenset({str, type(None), datetime.date, datetime.datetime, datetime.time}) | _NUMBER_TYPES


class _Refused:
    """A widget's ValueError, remembered."""

    __slots__ = ("message",)

    def __init__(self, message: str):
        self.message = message


class _Remembered:
    """A column's widget `clean` that cleans each distinct cell value once: a list repeats the same
    cell codes, dates, words and numbers row after row. Values of different types that compare
    equal (1, 1.0, True) are kept apart; unhashable values are cleaned each time."""

    __slots__ = ("clean", "memo", "complete")

    def __init__(self, clean):
        self.clean = clean
        self.memo: dict = {}
        self.complete = True  # every value cleaned is in the memo

    def __call__(self, value):
        key = value if type(value) is str else (type(value), value)
        try:
            return self.memo[key]
        except KeyError:
            pass
        except TypeError:
            self.complete = False
            return self._clean(value)
        result = self._clean(value)
        if len(self.memo) < 100_000:
            self.memo[key] = result
        else:
            self.complete = False
        return result

    def _clean(self, value):
        try:
            return self.clean(value)
        except ValueError as exc:
            return _Refused(str(exc))


class RowError(Exception):
    """Raised by `commit` when a service refuses a row: the whole import is rolled back."""

    def __init__(self, number: int, message: str, column: str | None = None):
        super().__init__(message)
        self.number, self.message, self.column = number, message, column


@dataclass(slots=True)
class RowOutcome:
    number: int
    status: str
    label: str = ""
    target: str = ""  # what the row was matched to (a cell, a candidate), shown on the preview
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # (column reference or "", message) of each error, for the summary by kind of error
    problems: list[tuple[str, str]] = field(default_factory=list)
    values: list[tuple[str, str]] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


class SpreadsheetResource:
    """Base of every import. Subclasses set `kind`, `title`, `columns`, `key_columns` and
    implement `prefetch`, `check_row` and `commit`."""

    kind = ""
    title = ""
    description = ""
    # The legal basis and purpose shown where the file's personal data is collected (upload page);
    # empty for files that hold no personal data (units, quotas).
    legal_basis = ""
    columns: list[Column] = []
    key_columns: tuple[str, ...] = ()
    # What the import needs the user to be allowed to do (units.scope.Action), besides IMPORT; a
    # tuple: any one of them.
    right: str | tuple[str, ...] = ""
    # The models ("app.Model") whose rows the checks read: a checked file kept between preview and
    # confirm is written as checked only while none of them changed (see `state`).
    depends_on: tuple[str, ...] = ("units.PartyUnit", "units.Assignment")

    def __init__(self, *, user=None, options: dict | None = None):
        self.fields = {c.key: c for c in self.columns}
        self.user = user
        self.options = options or {}
        self.table: Table | None = None
        self.tables: list[Table] = []
        self.display_columns: list[tuple[str, str]] = []  # (column key, header) shown on the preview
        self.pending: list[RowData] = []
        self.file_errors: list[str] = []
        self.notes: list[str] = []
        self.summary: list[str] = []
        # progress(done, total, message=None): called every PROGRESS_EVERY rows and before the
        # writes (a background job shows it as a progress bar); None when nobody watches.
        self.progress = None

    def set_tables(self, tables: list[Table]) -> None:
        """The table(s) the rows come from: one per sheet read."""
        self.tables = list(tables)
        self.table = tables[0] if tables else None
        seen: dict[str, str] = {}
        for table in tables:
            for key, (_, _, header) in table.columns.items():
                seen.setdefault(key, header)
        self.display_columns = list(seen.items())

    def table_of(self, number: int) -> Table | None:
        index = getattr(number, "sheet_index", None)
        if index is not None:
            for table in self.tables:
                if table.rows and getattr(table.rows[0][0], "sheet_index", None) == index:
                    return table
        return self.table

    def combine(self, rows: list[tuple[int, dict]]) -> list[tuple[int, dict]]:
        """Rows of several sheets that are one record made one (a resource may override it)."""
        return rows

    # -- column names in messages
    def column_ref(self, key: str | None, number: int | None = None) -> str:
        table = self.table_of(number) if number is not None else self.table
        if table and key in table.columns:
            _, letter, header = table.columns[key]
            return f"cột {letter} ({header})"
        for column in self.columns:
            if column.key == key:
                return f"cột {column.label}"
        return ""

    def format_error(self, number: int, key: str | None, message: str) -> str:
        ref = self.column_ref(key, number) if key and key != NON_FIELD_ERRORS else ""
        return f"dòng {number}, {ref}: {message}" if ref else f"dòng {number}: {message}"

    # -- the row loop
    def check_rows(self, rows: list[tuple[int, dict]]) -> list["RowData"]:
        """Clean every cell with its column's widget and check every row; each RowData comes back
        with `errors` ({column key or NON_FIELD_ERRORS: [messages]}, empty when the row is valid).
        The valid rows are also kept in `pending` for `commit`."""
        total = len(rows)
        if self.progress:
            self.progress(0, total, "Đang đọc dữ liệu liên quan.")
        self.remembered = {key: _Remembered(column.widget.clean) for key, column in self.fields.items()}
        present = [k for table in self.tables for k in table.columns] or [k for _, raw in rows[:1] for k in raw]
        keys = [key for key in dict.fromkeys(present) if key in self.fields]
        self.present_keys = frozenset(keys)  # the columns the file has: every other value is None
        # Column by column: each distinct value cleaned once, the column mapped at C speed; the
        # rows where a value was refused noted per column.
        raws = [raw for _, raw in rows]
        columns, refused = [], {}
        for key in keys:
            remembered = self.remembered[key]
            column = list(map(dict.get, raws, repeat(key)))
            types = set(map(type, column))
            if types <= _DISTINCT_TYPES and len(types & _NUMBER_TYPES) <= 1:
                # No two values of these types compare equal unless they are the same value:
                # each distinct one cleaned once, the column mapped at C speed.
                memo = {value: remembered(value) for value in set(column)}
                column = list(map(memo.__getitem__, column))
            else:
                column = list(map(remembered, column))
            if any(type(v) is _Refused for v in remembered.memo.values()) or not remembered.complete:
                for index, value in enumerate(column):
                    if type(value) is _Refused:
                        refused.setdefault(index, []).append((key, value.message))
                        column[index] = None
            columns.append(column)
        self.cleaned = dict(zip(keys, columns, strict=True))
        self.prefetch(raws)
        # Each row holds its number, its warnings and the file's columns (cleaned); the absent ones
        # read None from the class (RowData.declare_columns).
        RowData.declare_columns(self.fields)
        # The rows with nothing to say come back made (settle_rows); the others are checked one by
        # one, in file order.
        settled = self.settle_rows([number for number, _ in rows], refused)
        if settled:
            source = ((i, rows[i][0], tuple(c[i] for c in columns)) for i in range(total) if i not in settled)
        else:
            cleaned_rows = zip(*columns, strict=True) if columns else iter(lambda: (), None)
            source = (
                (i, number, cleaned) for i, ((number, _), cleaned) in enumerate(zip(rows, cleaned_rows, strict=False))
            )
        new_row = RowData.__new__
        made = settled
        every, progress = self.PROGRESS_EVERY, self.progress
        check_row = self.check_row
        errors: dict[str, list[str]] = defaultdict(list)
        reported = 0
        for index, number, cleaned in source:
            row = new_row(RowData)
            values = dict(zip(keys, cleaned, strict=True))
            values["number"], values["warnings"] = number, []
            row.__dict__ = values
            if index in refused:
                for key, message in refused[index]:
                    errors[key].append(message)
            check_row(row, errors)
            if errors:  # else the same empty dict serves the next row
                found = {k: v for k, v in errors.items() if v}
                if found:
                    row.errors = found
                    row.status = "error"
                errors = defaultdict(list)
            made[index] = row
            if progress and index + 1 >= reported + every:  # the settled rows before it are done too
                reported = (index + 1) // every * every
                progress(reported, total, "Đang kiểm tra từng dòng.")
        if progress:
            for done in range(reported + every, total + 1, every):
                progress(done, total, "Đang kiểm tra từng dòng.")
        checked = list(map(made.__getitem__, range(total)))
        self.pending = [r for r in checked if not r.errors]
        return checked

    PROGRESS_EVERY = 200

    def state(self) -> tuple:
        """A cheap fingerprint of the data the checks read: the highest primary key of each model in
        `depends_on` and of its history table (every write through the services or the bulk writes
        adds a history row). One query, whatever the size of the tables."""
        parts = []
        for label in self.depends_on:
            model = apps.get_model(label)
            models_ = [model] + ([model.history.model] if hasattr(model, "history") else [])
            for m in models_:
                qn = connection.ops.quote_name
                parts.append(f"(SELECT MAX({qn(m._meta.pk.column)}) FROM {qn(m._meta.db_table)})")
        if not parts:
            return ()
        with connection.cursor() as cursor:
            cursor.execute("SELECT " + ", ".join(parts))
            return tuple(cursor.fetchone())

    # -- to implement
    def key_values(self, rows: list[dict], key: str) -> set:
        """The distinct non-empty cleaned values of a key column, for the bulk lookups: from the
        cleaned columns inside check_rows, else cell by cell."""
        cleaned = getattr(self, "cleaned", None)
        if cleaned is not None:  # a column the file does not have holds nothing
            column = cleaned.get(key)
            return set() if column is None else set(column) - {None, ""}
        return {v for r in rows if (v := self.clean_key(key, r.get(key)))}

    def clean_key(self, key: str, value):
        """A key column cleaned by its widget for the bulk lookups (None when invalid)."""
        if value is None:
            return None
        remembered = getattr(self, "remembered", {}).get(key)
        if remembered is not None:  # inside check_rows: the row loop then finds it cleaned
            cleaned = remembered(value)
            return None if type(cleaned) is _Refused else cleaned
        try:
            return self.fields[key].widget.clean(value)
        except ValueError:
            return None

    def prefetch(self, rows: list[dict]) -> None:
        """Load in a few queries everything the rows refer to."""

    def check_file(self) -> None:
        """File-level checks before the rows (append to self.file_errors)."""

    def settle_rows(self, numbers: list, refused: dict) -> dict[int, "RowData"]:
        """{row index: its RowData, made as check_row would leave it} for the rows every check
        passes with nothing to say, worked out column by column from `cleaned` (after prefetch);
        the other rows, and all of them when this is empty, go through check_row. `refused`: the
        rows a widget refused a value of (never settled)."""
        return {}

    def check_row(self, row: RowData, errors: dict[str, list[str]]) -> None:
        raise NotImplementedError

    def commit(self, rows: list[RowData]) -> None:
        raise NotImplementedError

    def display_values(self, raw: dict) -> list[tuple[str, str]]:
        """(header, cell) of the row as written in the file (dates shown dd/mm/yyyy)."""
        return [(header, as_text(raw.get(key))) for key, header in self.display_columns]

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
