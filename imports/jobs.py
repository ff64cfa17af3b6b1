"""A confirmed import as a background job (jobs app): above settings.IMPORT_BACKGROUND_ROWS rows the
confirm page queues it and shows its progress; the worker runs the same `run_import` (all rows in one
transaction or nothing), so a worker killed mid-way leaves nothing written and the job runs again.

On SQLite (one writer at a time) the job first checks every row without taking the write lock
(progress shown, errors found without blocking anyone), then writes in one transaction that re-checks
and holds the lock for that part only; progress is not written then (it would wait for the lock).
On PostgreSQL one transaction checks and writes, its progress written beside it."""

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.urls import reverse

from jobs.registry import JobFailed, JobResult
from jobs.services import start_job
from vietnamese.text import format_int

from . import storage
from .registry import resource_class
from .services import run_import

KIND = "imports.confirm"
SHOWN_ERRORS = 5


def start_import_job(request, *, kind: str, token: str, file_name: str, rows: int):
    params = storage.hand_over(request, token) | {"kind": kind}
    return start_job(
        kind=KIND,
        title=f"Nhập {_lower_first(resource_class(kind).title)}: {file_name}",
        user=request.user,
        params=params,
        total=rows,
    )


def run_confirm(job, progress) -> JobResult:
    params = job.params
    data = storage.read_handed_over(params)
    if data is None:
        raise JobFailed("Tệp đã tải lên không còn trên máy chủ hoặc đã bị thay đổi; không ghi gì. Hãy tải tệp lên lại.")
    if job.user is None or not job.user.is_active:
        raise JobFailed("Tài khoản yêu cầu nhập không còn hoạt động; không ghi gì.")
    arguments = dict(kind=params["kind"], data=data, file_name=params["name"], user=job.user)
    arguments["options"] = storage.options_of(params)
    try:
        if connection.vendor == "sqlite":
            checked = run_import(dry_run=True, progress=progress, **arguments)
            if not checked.ok:
                storage.remove_handed_over(params)
                raise JobFailed(_refusal(checked))
            progress(
                checked_rows(checked),
                None,
                f"Đã kiểm tra {format_int(checked_rows(checked))} dòng, không có lỗi; đang ghi vào cơ sở dữ liệu.",
            )
            outcome = run_import(dry_run=False, **arguments)
        else:
            outcome = run_import(dry_run=False, progress=progress, **arguments)
    except PermissionDenied as exc:
        storage.remove_handed_over(params)
        raise JobFailed(f"{exc} Không ghi gì.") from None
    if not outcome.committed:
        storage.remove_handed_over(params)
        raise JobFailed(_refusal(outcome))
    storage.remove_handed_over(params)
    return JobResult(
        message=" ".join(outcome.summary) or "Đã nhập xong.",
        url=reverse("imports-record", args=[outcome.record.pk]),
    )


def checked_rows(outcome) -> int:
    return len(outcome.rows)


def _refusal(outcome) -> str:
    errors = outcome.error_lines()
    shown = "; ".join(errors[:SHOWN_ERRORS])
    more = f" (và {format_int(len(errors) - SHOWN_ERRORS)} lỗi khác)" if len(errors) > SHOWN_ERRORS else ""
    return (
        f"Không ghi gì: dữ liệu đã thay đổi kể từ lúc xem trước và tệp có {format_int(len(errors))} lỗi: "
        f"{shown}{more}. Hãy tải tệp lên lại để xem trước."
    )


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]  # "Danh sách …, cảm tình Đảng" keeps its capital Đ
