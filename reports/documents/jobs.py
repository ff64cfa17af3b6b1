"""A large batch (the certificates of a big class) as a background job: above
settings.DOCUMENTS_BACKGROUND_PAGES pages the class page queues it and shows its progress; the worker
produces the same file (same checks, same register) and leaves it for the user to download."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from jobs.registry import JobFailed, JobResult
from jobs.services import save_result, start_job

from .base import DocumentError
from .service import produce

KIND = "reports.document"


def start_document_job(*, user, slug: str, fmt: str, label: str, pages: int, **subject):
    return start_job(
        kind=KIND,
        title=f"{label} ({pages} trang, {fmt.upper()})",
        user=user,
        params={"slug": slug, "fmt": fmt, **subject},
        total=pages,
    )


def run_document(job, progress) -> JobResult:
    params = dict(job.params)
    if job.user is None or not job.user.is_active:
        raise JobFailed("Tài khoản yêu cầu lập văn bản không còn hoạt động.")
    slug, fmt = params.pop("slug"), params.pop("fmt")
    progress(0, job.total, "Đang lập văn bản.")
    try:
        output = produce(user=job.user, slug=slug, fmt=fmt, **params)
    except (DocumentError, PermissionDenied, Http404) as exc:
        raise JobFailed(str(exc) or "Không tìm thấy hoặc không có quyền.") from None
    stored = save_result(job, output.filename, output.content)  # shared storage, like every job's result
    number = f", số {output.entry.number}" if output.entry.number else ""
    return JobResult(message=f"Đã lập {output.filename}{number}.", file=stored)
