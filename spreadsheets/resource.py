"""The resource: the import machinery shared by every import (units, candidates, rosters, quotas).

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

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from import_export import resources
from import_export.fields import Field
from import_export.instance_loaders import BaseInstanceLoader
from import_export.results import RowResult

from .table import Column, Table
from .widgets import ROW_KEY, STATUS_LABELS, as_text


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
        # progress(done, total, message=None): called every PROGRESS_EVERY rows and before the
        # writes (a background job shows it as a progress bar); None when nobody watches.
        self.progress = None
        self._total = 0
        self._done = 0

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

    PROGRESS_EVERY = 200

    def after_import_row(self, row, row_result, **kwargs):
        self._done += 1
        if self.progress and self._done % self.PROGRESS_EVERY == 0:
            self.progress(self._done, self._total, "Đang kiểm tra từng dòng.")
        instance = row_result.instance
        if instance is not None and instance.status in ("unchanged", "unmatched"):
            row_result.import_type = RowResult.IMPORT_TYPE_SKIP
        elif instance is not None and instance.status == "update":
            row_result.import_type = RowResult.IMPORT_TYPE_UPDATE

    def before_import(self, dataset, **kwargs):
        rows = [dict(zip(dataset.headers, values, strict=True)) for values in dataset]
        self._total, self._done = len(rows), 0
        if self.progress:
            self.progress(0, self._total, "Đang đọc dữ liệu liên quan.")
        self.prefetch(rows)

    def after_import(self, dataset, result, **kwargs):
        if kwargs.get("dry_run") or self.file_errors or result.has_validation_errors() or result.has_errors():
            return
        if self.progress:
            self.progress(self._done, self._total, "Đã kiểm tra xong mọi dòng; đang ghi vào cơ sở dữ liệu.")
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
        return [(header, as_text(raw.get(key))) for key, (_, _, header) in columns.items()]

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
