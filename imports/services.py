"""Run an import: read, check every row, then (confirm) write all rows in one transaction or
nothing — or, when the user asks for it, only the valid rows — and leave an ImportRecord. The web
pages and the management commands both call these; the per-kind work lives in the resources the
domain apps register (imports.registry).

`check_import` reads and checks (no write); `commit_import` writes what was checked, checking again
first only if the data the checks read has changed since (`SpreadsheetResource.state`), so the web
confirm of a previewed file neither reads the file again nor checks it again; `run_import` is both.
"""

import contextlib
import gc
import logging
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction

from spreadsheets.reader import ImportFileError, read_sheets
from spreadsheets.resource import NON_FIELD_ERRORS, RowError, RowOutcome, SpreadsheetResource
from spreadsheets.table import extract_tables
from spreadsheets.widgets import as_text
from units.scope import Action, can_anywhere, home_units
from vietnamese.text import clean_text

from . import storage
from .models import ImportRecord
from .registry import resource_class

logger = logging.getLogger(__name__)


def may_import(user, kind: str) -> bool:
    """Staff with the IMPORT right and the right the import needs (somewhere in their scope)."""
    if user is None:
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    right = resource_class(kind).right
    rights = right if isinstance(right, tuple) else (right,)  # a tuple: any of them
    return can_anywhere(user, Action.IMPORT) and any(can_anywhere(user, r) for r in rights)


PREVIEW_ROWS = 300  # rows shown in full on the preview; rows with errors or notes are always shown
ERROR_SUMMARY_ROWS = 5  # rows listed under each kind of error at the top of the preview


@dataclass
class ImportOutcome:
    kind: str
    file_name: str
    sha256: str
    dry_run: bool
    file_format: str = ""
    sheet_name: str = ""
    sheets: list[str] = field(default_factory=list)  # every sheet holding the table
    chosen_sheets: list[str] = field(default_factory=list)  # those read (the user may untick some)
    header_row: int | None = None
    header_rows: list = field(default_factory=list)  # (sheet, its header row) of every sheet read
    ignored_headers: list = field(default_factory=list)  # the file's columns no field takes
    headers: list[str] = field(default_factory=list)
    rows: list[RowOutcome] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    committed: bool = False
    valid_only: bool = False
    rechecked: bool = False  # the confirm checked the rows again (the data changed since the preview)
    record: ImportRecord | None = None
    queries: int | None = None
    # The rejected rows as they were in the file, for the error workbook: (header cells, [(values, reasons)])
    rejected: tuple[list, list] = field(default_factory=lambda: ([], []))

    @property
    def ok(self) -> bool:
        return not self.file_errors and not any(r.status == "error" for r in self.rows)

    @property
    def partial_possible(self) -> bool:
        """Errors in some rows only: the valid ones may be written on request."""
        c = self.counts
        return not self.file_errors and c["error"] > 0 and c["new"] + c["update"] > 0

    @property
    def counts(self) -> dict[str, int]:
        counts = {"new": 0, "update": 0, "unchanged": 0, "unmatched": 0, "error": 0}
        for row in self.rows:
            counts[row.status] += 1
        return counts

    @property
    def writes(self) -> int:
        c = self.counts
        return c["new"] + c["update"]

    def error_lines(self) -> list[str]:
        return list(self.file_errors) + [e for r in self.rows for e in r.errors]

    def warning_lines(self) -> list[str]:
        return [
            f"dòng {r.number} ({r.label}): {w}" if r.status == "unmatched" else f"dòng {r.number}: {w}"
            for r in self.rows
            for w in r.warnings
        ]

    def error_summary(self) -> list[dict]:
        """Kinds of error, most frequent first: {"kind", "count", "rows": first rows' numbers}. A kind
        is the column and the message with the values it quotes left out."""
        groups: dict[str, list] = defaultdict(list)
        for row in self.rows:
            for column, message in row.problems:
                shape = _shape(message)
                groups[f"{column}: {shape}" if column else shape[:1].upper() + shape[1:]].append(row.number)
        out = []
        for kind, numbers in sorted(groups.items(), key=lambda item: -len(item[1])):
            unique = list(dict.fromkeys(numbers))
            out.append({"kind": kind, "count": len(unique), "rows": unique[:ERROR_SUMMARY_ROWS]})
        return out


def _shape(message: str) -> str:
    """ "không đọc được ngày “31/02/x” (…)" -> "không đọc được ngày “…” (…)"; numbers of other rows
    ("trùng với dòng 12") become N."""
    message = re.sub(r"“[^”]*”", "“…”", message)
    return re.sub(r"\d[\d./]*", "N", message)


class _Rollback(Exception):
    pass


@contextlib.contextmanager
def gc_paused():
    """The cyclic garbage collector off while an import builds its rows: it would otherwise walk
    every row object already made, again and again, as the count of objects grows (a third of the
    time of a 20.000-row check). Rows hold no reference cycles; it runs again afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # The objects made meanwhile go straight to the oldest generation (freeze, then unfreeze,
        # moves them there without a walk): re-enabled as is, the first young collection would walk
        # every one of them at once.
        gc.freeze()
        gc.unfreeze()
        if enabled:
            gc.enable()


sha256_of = storage.sha256_of


@dataclass
class CheckedImport:
    """A file read and checked, ready to be written (or kept until the user confirms)."""

    outcome: ImportOutcome
    resource: SpreadsheetResource | None
    state: tuple = ()


def check_import(
    *, kind: str, data: bytes, file_name: str, user=None, options: dict | None = None, progress=None
) -> CheckedImport:
    """Read the file and check every row; nothing is written. progress(done, total, message): told
    how far the checks got (background jobs)."""
    with gc_paused():
        return _check_import(kind=kind, data=data, file_name=file_name, user=user, options=options, progress=progress)


def _check_import(*, kind, data, file_name, user, options, progress) -> CheckedImport:
    if user is not None and not may_import(user, kind):
        raise PermissionDenied("Vai trò của bạn không được nhập loại dữ liệu này.")
    outcome = ImportOutcome(kind=kind, file_name=file_name, sha256=sha256_of(data), dry_run=True)
    resource = resource_class(kind)(user=user, options=options or {})
    resource.progress = progress
    skip = tuple((options or {}).get("skip_sheets") or ())
    try:
        sheets = read_sheets(data)
        tables, outcome.sheets = extract_tables(sheets, resource.columns, resource.key_columns, skip=skip)
    except ImportFileError as exc:
        outcome.file_errors.append(str(exc))
        return CheckedImport(outcome, None)
    resource.set_tables(tables)
    table = tables[0]
    outcome.file_format = table.sheet.file_format
    outcome.sheet_name = ", ".join(t.sheet.name for t in tables)
    outcome.chosen_sheets = [t.sheet.name for t in tables]
    outcome.header_row = table.header_row if len(tables) == 1 else None
    outcome.header_rows = [(t.sheet.name, t.header_row) for t in tables]
    outcome.headers = [header for _, header in resource.display_columns]
    outcome.ignored_headers = _ignored_headers(tables)
    outcome.notes = [note for t in tables for note in t.notes]
    if not any(t.rows for t in tables):
        outcome.file_errors.append(f"Không có dòng dữ liệu nào dưới dòng tiêu đề (dòng {table.header_row}).")
        return CheckedImport(outcome, None)
    state = resource.state()
    resource.check_file()
    outcome.file_errors.extend(resource.file_errors)
    if not resource.file_errors:
        _check_rows(resource, outcome)
    outcome.notes.extend(resource.notes)
    resource.progress = None  # kept for the confirm: nothing to call back then
    return CheckedImport(outcome, resource, state)


def _ignored_headers(tables) -> list[str]:
    """The headers of the file's columns that no field takes (said in the preview: "Quê quán",
    "Chức vụ" … are not kept), each once, in the order of the sheets."""
    ignored: dict[str, None] = {}
    for table in tables:
        taken = {index for index, _, _ in table.columns.values()}
        for index, cell in enumerate(table.header_cells()):
            text = clean_text(str(cell)) if cell is not None else ""
            if text and index not in taken:
                ignored.setdefault(text)
    return list(ignored)


def _check_rows(resource: SpreadsheetResource, outcome: ImportOutcome) -> None:
    rows = resource.combine([row for table in resource.tables for row in table.rows])
    raw_by_number = dict(rows)
    header_cells = resource.tables[0].header_cells()
    rejected = []
    listed = outcome.rows
    for index, row in enumerate(resource.check_rows(rows)):
        if not (row.errors or row.warnings or index < PREVIEW_ROWS or row.status == "unmatched"):
            # The usual row past the preview's first rows: its label and what it matched only;
            # nothing to list: one shared empty tuple for its errors, warnings, problems and values.
            label = row.label or _label(resource, raw_by_number[row.number])
            listed.append(RowOutcome(row.number, row.status, label, row.matched or "", (), (), (), ()))
            continue
        raw = raw_by_number[row.number]
        outcome_row = RowOutcome(number=row.number, status=row.status)
        outcome_row.values = resource.display_values(raw)  # what the preview shows
        if row.errors:
            for key, messages in row.errors.items():
                column = None if key == NON_FIELD_ERRORS else key
                for message in messages:
                    outcome_row.errors.append(resource.format_error(row.number, column, message))
                    outcome_row.problems.append((resource.column_ref(column, row.number) if column else "", message))
            outcome_row.label = _label(resource, raw)
            reasons = [f"{ref}: {message}" if ref else message for ref, message in outcome_row.problems]
            rejected.append((resource.table_of(row.number).raw_values(row.number), reasons))
        else:
            outcome_row.label = row.label or _label(resource, raw)
            outcome_row.target = row.matched or ""
            outcome_row.warnings = list(row.warnings)
        outcome.rows.append(outcome_row)
    outcome.rejected = (header_cells, rejected)


def commit_import(checked: CheckedImport, *, user=None, valid_only: bool = False, progress=None) -> ImportOutcome:
    """Write the checked rows in one transaction: all of them, or with `valid_only` the valid ones
    (never when the file as a whole is refused). When the data the checks read changed since they
    ran, the rows are checked again first, inside the transaction."""
    outcome, resource = checked.outcome, checked.resource
    outcome.dry_run = False
    outcome.valid_only = valid_only
    if resource is None or outcome.file_errors or not (outcome.ok or (valid_only and outcome.writes)):
        return outcome
    writing = "Đã kiểm tra xong mọi dòng; đang ghi vào cơ sở dữ liệu."
    # SQLite has one writer at a time and the transaction below is it: progress written meanwhile
    # (by the jobs' side connection) would wait for its lock, up to the busy timeout, and fail. So
    # there the progress is said once before the transaction and not during it.
    one_writer = connection.vendor == "sqlite"
    if progress and one_writer:
        progress(len(outcome.rows), len(outcome.rows), writing)
    resource.progress = None if one_writer else progress
    try:
        with gc_paused(), transaction.atomic():
            if resource.state() != checked.state:
                outcome.rechecked = True
                _recheck(resource, outcome)
                if not (outcome.ok or (valid_only and outcome.writes)) or outcome.file_errors:
                    raise _Rollback
            if progress and not one_writer:
                total = len(outcome.rows)
                progress(total, total, writing)
            try:
                resource.commit(resource.pending)
            except RowError as e:
                row = next((r for r in outcome.rows if r.number == e.number), None)
                if row is None:
                    row = RowOutcome(number=e.number, status="error")
                    outcome.rows.append(row)
                row.status = "error"
                # A row listed with nothing to say holds tuples: new lists.
                row.errors = [*row.errors, resource.format_error(e.number, e.column, e.message)]
                row.problems = [*row.problems, (resource.column_ref(e.column, e.number) if e.column else "", e.message)]
                raise _Rollback from None
            except Exception as exc:
                logger.error("Import %s failed", outcome.kind, exc_info=exc)
                outcome.file_errors.append(f"Lỗi khi ghi dữ liệu: {exc}")
                raise _Rollback from None
            outcome.summary.extend(resource.summary)
            counts = outcome.counts
            outcome.record = ImportRecord.objects.create(
                kind=outcome.kind,
                file_name=outcome.file_name[:255],
                sha256=outcome.sha256,
                file_format=outcome.file_format,
                user=user if getattr(user, "pk", None) else None,
                unit=(home_units(user) or [None])[0] if user is not None and not user.is_superuser else None,
                status="partial" if counts["error"] else "committed",
                total_rows=len(outcome.rows),
                created=counts["new"],
                updated=counts["update"],
                unchanged=counts["unchanged"],
                unmatched=counts["unmatched"],
                details={
                    "summary": outcome.summary,
                    "notes": outcome.notes,
                    "rejected": counts["error"],
                    "rows": [
                        {"number": str(r.number), "status": r.status, "label": r.label, "messages": r.warnings}
                        for r in outcome.rows
                        if r.warnings or r.status == "unmatched"
                    ][:1000],
                    "errors": [{"number": str(r.number), "messages": r.errors} for r in outcome.rows if r.errors][
                        :1000
                    ],
                },
            )
            if counts["error"]:
                storage.keep_rejected(outcome.record, outcome.rejected)
            outcome.committed = True
    except _Rollback:
        pass
    return outcome


def _recheck(resource: SpreadsheetResource, outcome: ImportOutcome) -> None:
    """The checks again on the kept rows (the file is not read again)."""
    fresh = type(resource)(user=resource.user, options=resource.options)
    fresh.progress = resource.progress
    fresh.set_tables(resource.tables)
    outcome.rows = []
    fresh.check_file()
    outcome.file_errors.extend(fresh.file_errors)
    if not fresh.file_errors:
        _check_rows(fresh, outcome)
    resource.__dict__.update(fresh.__dict__)


def run_import(
    *,
    kind: str,
    data: bytes,
    file_name: str,
    user=None,
    dry_run: bool = True,
    options: dict | None = None,
    valid_only: bool = False,
    progress=None,
) -> ImportOutcome:
    """Check every row; unless dry_run, write them (all of them, or with `valid_only` the valid ones)
    in one transaction and record the import. The checks run outside the transaction (on SQLite
    they hold no write lock while other users write); the write checks again, inside it, if the data
    the checks read changed meanwhile."""
    checked = check_import(kind=kind, data=data, file_name=file_name, user=user, options=options, progress=progress)
    if dry_run:
        return checked.outcome
    return commit_import(checked, user=user, valid_only=valid_only, progress=progress)


def _label(resource: SpreadsheetResource, raw: dict) -> str:
    for key in resource.key_columns:
        if raw.get(key):
            return as_text(raw[key])
    return ""
