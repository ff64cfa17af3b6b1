"""Run an import: read, validate every row, then (confirm) write all rows in one transaction or
nothing, and leave an ImportRecord. The web pages and the management commands both call
`run_import`; the per-kind work lives in the resources the domain apps register (imports.registry)."""

import hashlib
import logging
from contextlib import contextmanager
from dataclasses import dataclass, field

import tablib
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.db import OperationalError, transaction
from import_export.results import RowResult

from spreadsheets.reader import ImportFileError, read_sheets
from spreadsheets.resource import RowError, RowOutcome, SpreadsheetResource
from spreadsheets.table import extract_table
from spreadsheets.widgets import ROW_KEY
from units.scope import Action, can_anywhere, home_units

from .models import ImportRecord
from .registry import resource_class

logger = logging.getLogger(__name__)


def may_import(user, kind: str) -> bool:
    """Staff with the IMPORT right and the right the import needs (somewhere in their scope)."""
    if user is None:
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    return can_anywhere(user, Action.IMPORT) and can_anywhere(user, resource_class(kind).right)


@dataclass
class ImportOutcome:
    kind: str
    file_name: str
    sha256: str
    dry_run: bool
    file_format: str = ""
    sheet_name: str = ""
    header_row: int | None = None
    headers: list[str] = field(default_factory=list)
    rows: list[RowOutcome] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    committed: bool = False
    record: ImportRecord | None = None
    queries: int | None = None
    lock_conflict: bool = False  # SQLite: another writer came between the checks and the writes

    @property
    def ok(self) -> bool:
        return not self.file_errors and not any(r.status == "error" for r in self.rows)

    @property
    def counts(self) -> dict[str, int]:
        counts = {"new": 0, "update": 0, "unchanged": 0, "unmatched": 0, "error": 0}
        for row in self.rows:
            counts[row.status] += 1
        return counts

    def error_lines(self) -> list[str]:
        return list(self.file_errors) + [e for r in self.rows for e in r.errors]

    def warning_lines(self) -> list[str]:
        return [
            f"dòng {r.number} ({r.label}): {w}" if r.status == "unmatched" else f"dòng {r.number}: {w}"
            for r in self.rows
            for w in r.warnings
        ]


class _Rollback(Exception):
    pass


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@contextmanager
def _write_lock_when_writing(immediate: bool):
    """SQLite: begin the import's transaction DEFERRED, so checking the rows (reads only) holds no
    write lock and other users keep writing; the lock is taken by the first write, at the end. If
    another writer committed in between, SQLite refuses that write (the checks may be stale): the
    whole import is checked again (`lock_conflict`). The last try takes the lock at BEGIN
    (IMMEDIATE, the project's default), which cannot conflict. Other databases: unchanged."""
    connection = transaction.get_connection()
    if connection.vendor != "sqlite" or connection.in_atomic_block or immediate:
        yield
        return
    connection.ensure_connection()
    mode = connection.transaction_mode
    connection.transaction_mode = None
    try:
        yield
    finally:
        connection.transaction_mode = mode


IMPORT_TRIES = 3


def run_import(
    *,
    kind: str,
    data: bytes,
    file_name: str,
    user=None,
    dry_run: bool = True,
    options: dict | None = None,
    progress=None,
) -> ImportOutcome:
    """Validate every row; unless dry_run and when every row is valid, write them all in one
    transaction and record the import. Nothing is written when anything is wrong.
    progress(done, total, message): told how far the checks got (background jobs)."""
    if user is not None and not may_import(user, kind):
        raise PermissionDenied("Vai trò của bạn không được nhập loại dữ liệu này.")
    for attempt in range(IMPORT_TRIES):
        last_try = attempt == IMPORT_TRIES - 1
        with _write_lock_when_writing(immediate=last_try and not dry_run):
            outcome = _run_import_once(kind, data, file_name, user, dry_run, options, progress)
        if not outcome.lock_conflict or dry_run or last_try:
            return outcome
        logger.warning("Import %s: another writer came first, checking again (try %s)", kind, attempt + 2)
    return outcome


def _run_import_once(kind, data, file_name, user, dry_run, options, progress) -> ImportOutcome:
    outcome = ImportOutcome(kind=kind, file_name=file_name, sha256=sha256_of(data), dry_run=dry_run)
    resource = resource_class(kind)(user=user, options=options or {})
    resource.progress = progress
    try:
        sheets = read_sheets(data)
        table = extract_table(sheets, resource.columns, resource.key_columns)
    except ImportFileError as exc:
        outcome.file_errors.append(str(exc))
        return outcome
    resource.table = table
    outcome.file_format = table.sheet.file_format
    outcome.sheet_name = table.sheet.name
    outcome.header_row = table.header_row
    outcome.headers = [header for _, _, header in table.columns.values()]
    outcome.notes = list(table.notes)
    if not table.rows:
        outcome.file_errors.append(f"Không có dòng dữ liệu nào dưới dòng tiêu đề (dòng {table.header_row}).")
        return outcome

    keys = list(table.columns)
    dataset = tablib.Dataset(headers=[*keys, ROW_KEY])
    for number, values in table.rows:
        dataset.append([values[k] for k in keys] + [number])
    raw_by_number = dict(table.rows)

    try:
        with transaction.atomic():
            resource.check_file()
            result = resource.import_data(
                dataset, dry_run=dry_run or bool(resource.file_errors), raise_errors=False, use_transactions=False
            )
            outcome.file_errors.extend(resource.file_errors)
            _collect_rows(resource, result, raw_by_number, outcome)
            for error in result.base_errors:
                if isinstance(error.error, RowError):
                    e = error.error
                    _row(outcome, e.number).errors.append(resource.format_error(e.number, e.column, e.message))
                    _row(outcome, e.number).status = "error"
                elif isinstance(error.error, OperationalError) and "locked" in str(error.error):
                    outcome.lock_conflict = True
                    outcome.file_errors.append("Cơ sở dữ liệu đang bận ghi; chưa ghi gì, hãy thử lại.")
                else:
                    logger.error("Import %s failed", kind, exc_info=error.error)
                    outcome.file_errors.append(f"Lỗi khi ghi dữ liệu: {error.error}")
            outcome.notes.extend(resource.notes)
            outcome.summary.extend(resource.summary)
            if dry_run or not outcome.ok:
                raise _Rollback
            outcome.record = ImportRecord.objects.create(
                kind=kind,
                file_name=file_name[:255],
                sha256=outcome.sha256,
                file_format=outcome.file_format,
                user=user if getattr(user, "pk", None) else None,
                unit=(home_units(user) or [None])[0] if user is not None and not user.is_superuser else None,
                total_rows=len(outcome.rows),
                created=outcome.counts["new"],
                updated=outcome.counts["update"],
                unchanged=outcome.counts["unchanged"],
                unmatched=outcome.counts["unmatched"],
                details={
                    "summary": outcome.summary,
                    "notes": outcome.notes,
                    "rows": [
                        {"number": r.number, "status": r.status, "label": r.label, "messages": r.warnings}
                        for r in outcome.rows
                        if r.warnings or r.status == "unmatched"
                    ][:1000],
                },
            )
            outcome.committed = True
    except _Rollback:
        pass
    return outcome


def _row(outcome: ImportOutcome, number: int) -> RowOutcome:
    for row in outcome.rows:
        if row.number == number:
            return row
    row = RowOutcome(number=number, status="error")
    outcome.rows.append(row)
    return row


def _collect_rows(resource: SpreadsheetResource, result, raw_by_number: dict, outcome: ImportOutcome) -> None:
    for row_result in result.rows:
        number = row_result.spreadsheet_row
        raw = raw_by_number.get(number, {})
        instance = row_result.instance
        row = RowOutcome(number=number, status="error", values=resource.display_values(raw))
        if row_result.import_type == RowResult.IMPORT_TYPE_INVALID:
            for key, messages in row_result.validation_error.message_dict.items():
                for message in messages:
                    row.errors.append(resource.format_error(number, None if key == NON_FIELD_ERRORS else key, message))
            row.label = _label(resource, raw)
        elif row_result.import_type == RowResult.IMPORT_TYPE_ERROR:
            for error in row_result.errors:
                logger.error("Import row %s failed", number, exc_info=error.error)
                row.errors.append(resource.format_error(number, None, f"lỗi không mong đợi ({error.error})."))
            row.label = _label(resource, raw)
        else:
            row.status = instance.status
            row.label = instance.label or _label(resource, raw)
            row.target = instance.matched or ""
            row.warnings = list(instance.warnings)
        outcome.rows.append(row)


def _label(resource: SpreadsheetResource, raw: dict) -> str:
    for key in resource.key_columns:
        if raw.get(key):
            return str(raw[key])
    return ""
