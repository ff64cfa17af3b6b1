"""A confirmed import as a background job (jobs app): above settings.IMPORT_BACKGROUND_ROWS rows the
confirm page queues it and shows its progress; the worker writes the rows the preview checked (kept
by the preview; checked again first if the data changed since, or read and checked again when the
kept check is gone) in one transaction (all rows, or the valid ones when the user asked for that),
so a worker killed mid-way leaves nothing written and the job runs again."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse

from jobs.registry import JobFailed, JobResult
from jobs.services import start_job
from vietnamese.text import format_int, lower_first

from . import storage
from .registry import resource_class
from .services import check_import, commit_import

KIND = "imports.confirm"
SHOWN_ERRORS = 5


def start_import_job(request, *, kind: str, token: str, file_name: str, rows: int, valid_only: bool = False):
    params = storage.hand_over(request, token) | {"kind": kind, "valid_only": valid_only}
    return start_job(
        kind=KIND,
        title=f"Nhập {lower_first(resource_class(kind).title)}: {file_name}",
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
    options = storage.options_of(params)
    try:
        checked = storage.load_checked(job.user, params["sha"], options)
        if checked is None or checked.resource is None:
            checked = check_import(
                kind=params["kind"],
                data=data,
                file_name=params["name"],
                user=job.user,
                options=options,
                progress=progress,
            )
        outcome = commit_import(checked, user=job.user, valid_only=bool(params.get("valid_only")), progress=progress)
    except PermissionDenied as exc:
        storage.remove_handed_over(params)
        raise JobFailed(f"{exc} Không ghi gì.") from None
    if not outcome.committed:
        storage.remove_handed_over(params)
        errors = outcome.error_lines()
        shown = "; ".join(e.rstrip(" .") for e in errors[:SHOWN_ERRORS])
        more = f" (và {format_int(len(errors) - SHOWN_ERRORS)} lỗi khác)" if len(errors) > SHOWN_ERRORS else ""
        why = "dữ liệu đã thay đổi kể từ lúc xem trước, kiểm tra lại thấy" if outcome.rechecked else "có"
        raise JobFailed(
            f"Không ghi gì: {why} {format_int(len(errors))} lỗi: {shown}{more}. Hãy tải tệp lên lại để xem trước."
        )
    storage.remove_handed_over(params)
    return JobResult(
        message=" ".join(outcome.summary) or "Đã nhập xong.",
        url=reverse("imports-record", args=[outcome.record.pk]),
    )
