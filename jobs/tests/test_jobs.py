"""The job layer: states, progress, failures in Vietnamese, the pages, the real queue and a worker
restart, and jobs whose worker died (run again or marked failed)."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from jobs import registry
from jobs.models import Job, JobStatus, WorkerHeartbeat
from jobs.registry import JobFailed, JobResult
from jobs.services import INTERRUPTED_FAILED, INTERRUPTED_RETRY, recover_orphans, start_job, touch_worker

SEEN: list[tuple] = []


def _counting(job, progress):
    for done in range(0, 31, 10):
        progress(done, 30, f"Đã đếm {done}.")
        SEEN.append((done, Job.objects.get(pk=job.pk).done))
    return JobResult(message="Đếm xong 30 dòng.", url="/ket-qua/")


def _refusing(job, progress):
    progress(3, 10)
    raise JobFailed("Tệp có 2 lỗi; không ghi gì.")


def _crashing(job, progress):
    raise ZeroDivisionError("secret detail")


registry.register("test.count", _counting)
registry.register("test.refuse", _refusing)
registry.register("test.crash", _crashing)

DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def user(db):
    return get_user_model().objects.create_user("nguoidung", password="MatKhau@Test2026")


@pytest.fixture
def other(db):
    return get_user_model().objects.create_user("nguoikhac", password="MatKhau@Test2026")


def test_a_job_runs_reports_progress_and_ends_done(user):
    SEEN.clear()
    job = start_job(kind="test.count", title="Đếm thử", user=user, params={"n": 30})
    assert job.status == JobStatus.DONE and job.attempts == 1
    assert (job.done, job.total, job.percent) == (30, 30, 100)
    assert job.message == "Đếm xong 30 dòng." and job.result_url == "/ket-qua/"
    assert job.started_at and job.finished_at and job.task_id
    assert SEEN == [(0, 0), (10, 10), (20, 20), (30, 30)]  # each step visible while running


def test_an_expected_failure_says_why_in_vietnamese(user):
    job = start_job(kind="test.refuse", title="Từ chối", user=user)
    assert job.status == JobStatus.FAILED and job.message == "Tệp có 2 lỗi; không ghi gì."
    assert job.finished_at is not None and job.result_url == ""


def test_an_unexpected_failure_says_so_without_the_technical_detail(user):
    job = start_job(kind="test.crash", title="Lỗi", user=user)
    assert job.status == JobStatus.FAILED
    assert "Lỗi không mong đợi" in job.message and f"việc số {job.pk}" in job.message
    assert "secret" not in job.message and "ZeroDivision" not in job.message


def test_an_unknown_kind_fails_cleanly(user):
    job = start_job(kind="test.gone", title="Không còn", user=user)
    assert job.status == JobStatus.FAILED and "Không có loại việc" in job.message


def test_the_job_page_and_its_status(client, user, other):
    job = start_job(kind="test.refuse", title="Từ chối", user=user)
    client.force_login(user)
    page = client.get(reverse("jobs-detail", args=[job.pk])).content.decode()
    assert "Từ chối" in page and "Không thành công" in page and "Tệp có 2 lỗi; không ghi gì." in page
    assert "js/jobs.js" in page and "<script>" not in page  # no inline script
    status = client.get(reverse("jobs-status", args=[job.pk])).json()
    assert status["status"] == "failed" and status["finished"] and status["message"] == job.message
    listing = client.get(reverse("jobs-list")).content.decode()
    assert "Từ chối" in listing
    client.force_login(other)
    assert client.get(reverse("jobs-detail", args=[job.pk])).status_code == 404
    assert client.get(reverse("jobs-status", args=[job.pk])).status_code == 404
    assert "Từ chối" not in client.get(reverse("jobs-list")).content.decode()


def test_a_running_job_shows_its_progress(client, user):
    with override_settings(TASKS=DB_QUEUE):
        job = start_job(kind="test.count", title="Đếm thử", user=user, total=20000)
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, done=1214, message="Đang kiểm tra từng dòng.")
    client.force_login(user)
    page = client.get(reverse("jobs-detail", args=[job.pk])).content.decode()
    assert 'max="20000" value="1214"' in page and "1.214 / 20.000 (6 %)" in page
    assert "Có thể rời trang này" in page
    status = client.get(reverse("jobs-status", args=[job.pk])).json()
    assert status["progress_text"] == "1.214 / 20.000 (6 %)" and not status["finished"]


def test_the_result_file_is_served_to_its_owner_only(client, user, other, settings, tmp_path):
    settings.JOBS_RESULT_DIR = tmp_path
    (tmp_path / "bao_cao.xlsx").write_bytes(b"xlsx")
    job = start_job(kind="test.count", title="Báo cáo", user=user)
    Job.objects.filter(pk=job.pk).update(result_file="bao_cao.xlsx")
    client.force_login(user)
    response = client.get(reverse("jobs-download", args=[job.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"xlsx"
    Job.objects.filter(pk=job.pk).update(result_file="../secret_key")
    assert client.get(reverse("jobs-download", args=[job.pk])).status_code == 404
    client.force_login(other)
    assert client.get(reverse("jobs-download", args=[job.pk])).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_a_queued_job_waits_for_a_worker_and_survives_its_restart(user):
    SEEN.clear()
    with override_settings(TASKS=DB_QUEUE):
        job = start_job(kind="test.count", title="Đếm thử", user=user)
        assert (
            job.status == JobStatus.QUEUED and DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 1
        )
        # No worker yet (or the worker restarts): the job stays queued in the database.
        worker = dict(queue_names=["default"], interval=0, backend_name="default", startup_delay=False)
        Worker(batch=True, max_tasks=None, worker_id="w1", excluded_queue_names=[], **worker).run()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.done == 30
    assert DBTaskResult.objects.get(id=job.task_id).status == TaskResultStatus.SUCCESSFUL


def _orphan(user, attempts, worker_id="dead"):
    with override_settings(TASKS=DB_QUEUE):
        job = start_job(kind="test.count", title="Bị dừng", user=user)
    DBTaskResult.objects.filter(id=job.task_id).update(status=TaskResultStatus.RUNNING)
    old = timezone.now() - timedelta(minutes=10)
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, attempts=attempts, worker_id=worker_id, heartbeat_at=old, done=5
    )
    return job


def test_a_job_whose_worker_died_runs_again(user):
    job = _orphan(user, attempts=1)
    with override_settings(TASKS=DB_QUEUE):
        assert recover_orphans() == {"retried": 1, "failed": 0}
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED and job.message == INTERRUPTED_RETRY
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 1
    old_task = DBTaskResult.objects.exclude(status=TaskResultStatus.READY).get()
    assert old_task.status == TaskResultStatus.FAILED  # the queue's record of the dead run is closed


def test_a_job_that_died_too_often_is_marked_failed(user):
    job = _orphan(user, attempts=2)
    assert recover_orphans() == {"retried": 0, "failed": 1}
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.message == INTERRUPTED_FAILED.format(n=2)
    assert "không có dữ liệu nào được ghi dở" in job.message


def test_a_slow_job_of_a_live_worker_is_left_alone(user):
    job = _orphan(user, attempts=1, worker_id="alive")
    WorkerHeartbeat.objects.create(worker_id="alive", started_at=timezone.now(), seen_at=timezone.now())
    assert recover_orphans() == {"retried": 0, "failed": 0}
    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING


def test_the_worker_heartbeat_also_freshens_its_running_jobs(user):
    job = _orphan(user, attempts=1, worker_id="w9")
    touch_worker("w9", timezone.now())
    job.refresh_from_db()
    assert WorkerHeartbeat.objects.get(worker_id="w9").seen_at >= job.heartbeat_at - timedelta(seconds=1)
    assert timezone.now() - job.heartbeat_at < timedelta(minutes=1)
    assert recover_orphans() == {"retried": 0, "failed": 0}
