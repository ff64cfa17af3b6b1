"""A confirmed import as a background job (jobs app): above settings.IMPORT_BACKGROUND_ROWS rows the
confirm page queues it and shows its progress; the worker runs the same `run_import` (all rows in one
transaction or nothing), so a worker killed mid-way leaves nothing written and the job runs again."""

from django.core.exceptions import PermissionDenied
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
        title=f"Nhập {resource_class(kind).title.lower()}: {file_name}",
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
    try:
        outcome = run_import(
            kind=params["kind"],
            data=data,
            file_name=params["name"],
            user=job.user,
            dry_run=False,
            options=storage.options_of(params),
            progress=progress,
        )
    except PermissionDenied as exc:
        storage.remove_handed_over(params)
        raise JobFailed(f"{exc} Không ghi gì.") from None
    if not outcome.committed:
        storage.remove_handed_over(params)
        errors = outcome.error_lines()
        shown = "; ".join(errors[:SHOWN_ERRORS])
        more = f" (và {format_int(len(errors) - SHOWN_ERRORS)} lỗi khác)" if len(errors) > SHOWN_ERRORS else ""
        raise JobFailed(
            f"Không ghi gì: dữ liệu đã thay đổi kể từ lúc xem trước và tệp có {format_int(len(errors))} lỗi: "
            f"{shown}{more}. Hãy tải tệp lên lại để xem trước."
        )
    storage.remove_handed_over(params)
    return JobResult(
        message=" ".join(outcome.summary) or "Đã nhập xong.",
        url=reverse("imports-record", args=[outcome.record.pk]),
    )
