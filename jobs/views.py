"""A user's jobs: the list, one job's page (a progress bar the shipped jobs.js refreshes from the
JSON status), and the result file. Only the user who started a job sees it (anyone else: 404)."""

import posixpath

from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from vietnamese.text import format_int

from .models import Job

RESULT_FOLDER = "jobs"  # result files live in the default storage under jobs/


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
    name = posixpath.normpath(job.result_file)
    if not name.startswith(RESULT_FOLDER + "/") or not default_storage.exists(name):
        raise Http404("Tệp kết quả không còn (đã quá hạn lưu).")
    return FileResponse(default_storage.open(name, "rb"), as_attachment=True, filename=posixpath.basename(name))
