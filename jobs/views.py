"""A user's jobs: the list, one job's page (a progress bar the shipped jobs.js refreshes from the
JSON status), and the result file. Only the user who started a job sees it (anyone else: 404)."""

from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from vietnamese.text import format_int

from .models import Job


def _own_job(request, pk) -> Job:
    return get_object_or_404(Job, pk=pk, user=request.user)


@login_required
def job_list(request):
    jobs = Job.objects.filter(user=request.user)[:50]
    return render(request, "jobs/list.html", {"jobs": jobs})


@login_required
def job_detail(request, pk):
    return render(request, "jobs/detail.html", {"job": _own_job(request, pk)})


def progress_text(job: Job) -> str:
    if not job.total:
        return ""
    return f"{format_int(job.done)} / {format_int(job.total)} ({job.percent} %)"


@login_required
def job_status(request, pk):
    job = _own_job(request, pk)
    response = JsonResponse(
        {
            "status": job.status,
            "status_label": job.get_status_display(),
            "done": job.done,
            "total": job.total,
            "percent": job.percent,
            "progress_text": progress_text(job),
            "message": job.message,
            "finished": job.finished,
            "result_url": job.result_url,
            "download_url": reverse("jobs-download", args=[job.pk]) if job.result_file else "",
        }
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
def job_download(request, pk):
    job = _own_job(request, pk)
    if not job.result_file:
        raise Http404("Việc này không có tệp kết quả.")
    root = Path(settings.JOBS_RESULT_DIR).resolve()
    path = (root / job.result_file).resolve()
    if root not in path.parents or not path.is_file():
        raise Http404("Tệp kết quả không còn (đã quá hạn lưu).")
    return FileResponse(path.open("rb"), as_attachment=True, filename=path.name)
