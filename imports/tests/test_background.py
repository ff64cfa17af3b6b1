"""A large confirmed import runs as a background job: progress rows done / total, a result page,
a failure in Vietnamese with nothing written, and a job killed mid-way writes nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from candidates.models import Candidate, Stage
from imports.models import ImportRecord
from imports.services import run_import
from jobs.models import Job, JobStatus
from jobs.services import execute
from units.models import PartyUnit

from .helpers import sample, snapshot

pytestmark = pytest.mark.django_db
DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def staff(cast, login, settings, tmp_path):
    settings.IMPORT_BACKGROUND_ROWS = 40  # the sample holds 40 rows
    settings.IMPORT_TEMP_DIR = tmp_path
    run_import(kind="units", data=sample("don_vi_huyen_tan_phong.xlsx"), file_name="u.xlsx", dry_run=False)
    PartyUnit.objects.move(PartyUnit.objects.get(code="TP"), cast.province, "last-child")
    return login(cast.province_staff)


def _preview(client):
    data = sample("danh_sach_cam_tinh_dang_2024.xlsx")
    response = client.post(
        reverse("imports-upload", args=["candidates"]), {"file": SimpleUploadedFile("danh_sach.xlsx", data)}
    )
    assert response.status_code == 200 and "Mới: 40" in response.content.decode()
    return response.context["token"]


def _confirm(client, token):
    return client.post(reverse("imports-confirm", args=["candidates"]), {"token": token})


def test_a_large_import_runs_as_a_job_with_progress_and_a_result_page(staff, tmp_path):
    response = _confirm(staff, _preview(staff))
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == reverse("jobs-detail", args=[job.pk])
    assert job.status == JobStatus.DONE and (job.done, job.total) == (40, 40)
    record = ImportRecord.objects.get(kind="candidates")
    assert job.result_url == reverse("imports-record", args=[record.pk]) and record.total_rows == 40
    assert Candidate.objects.filter(stage=Stage.SYMPATHIZER).count() == 40
    assert list(tmp_path.glob("*.bin")) == []  # the kept upload is removed once written
    page = staff.get(response.url).content.decode()
    assert "Đã xong" in page and "Xem kết quả" in page and "40 / 40" in page


def test_a_small_import_stays_in_the_request(staff, settings):
    settings.IMPORT_BACKGROUND_ROWS = 41
    response = _confirm(staff, _preview(staff))
    assert response.url == reverse("imports-record", args=[ImportRecord.objects.get(kind="candidates").pk])
    assert not Job.objects.exists()


def test_the_job_waits_in_the_queue_and_reports_progress_while_checking(staff, monkeypatch, tmp_path):
    with override_settings(TASKS=DB_QUEUE):
        _confirm(staff, _preview(staff))
    job = Job.objects.get()
    assert job.status == JobStatus.QUEUED and job.total == 40 and Candidate.objects.count() == 0
    page = staff.get(reverse("jobs-detail", args=[job.pk])).content.decode()
    assert "Đang chờ" in page and "0 / 40" in page
    seen = []
    from spreadsheets.resource import SpreadsheetResource

    monkeypatch.setattr(SpreadsheetResource, "PROGRESS_EVERY", 10)
    from jobs import services

    original = services.Progress.__call__

    def spy(self, done, total=None, message=None):
        seen.append((done, total, message))
        original(self, done, total, message)

    monkeypatch.setattr(services.Progress, "__call__", spy)
    # The preview's check is kept for the confirm; without it (gone, or another worker's disk), the job
    # reads and checks the file again, reporting how far it got.
    for path in tmp_path.glob("*.checked"):
        path.unlink()
    execute(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and Candidate.objects.count() == 40
    assert [d for d, _, _ in seen] == [0, 10, 20, 30, 40, 40]
    assert seen[-1][2] == "Đã kiểm tra xong mọi dòng; đang ghi vào cơ sở dữ liệu."


def test_the_job_writes_what_the_preview_checked(staff, monkeypatch):
    with override_settings(TASKS=DB_QUEUE):
        _confirm(staff, _preview(staff))
    from imports import services

    monkeypatch.setattr(services, "read_sheets", lambda data: pytest.fail("the job read the file again"))
    job = Job.objects.get()
    execute(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and Candidate.objects.count() == 40


def test_a_job_whose_file_is_gone_fails_in_vietnamese_and_writes_nothing(staff, tmp_path):
    with override_settings(TASKS=DB_QUEUE):
        _confirm(staff, _preview(staff))
    for path in tmp_path.glob("*.bin"):
        path.unlink()
    before = snapshot()
    job = Job.objects.get()
    execute(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "Tệp đã tải lên không còn" in job.message
    assert snapshot() == before


def test_a_job_refused_by_a_changed_database_lists_the_errors(staff):
    with override_settings(TASKS=DB_QUEUE):
        _confirm(staff, _preview(staff))
    PartyUnit.objects.filter(code__startswith="TP-").delete()  # the cells named in the file are gone
    before = snapshot()
    job = Job.objects.get()
    execute(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.message.startswith("Không ghi gì: dữ liệu đã thay đổi")
    assert "dòng " in job.message and snapshot() == before
    assert ".;" not in job.message and ".." not in job.message and job.message.endswith("để xem trước.")


def test_a_job_killed_while_writing_leaves_nothing_half_written(staff, monkeypatch):
    """The worker dies in the middle of the writes: the one transaction is rolled back."""
    with override_settings(TASKS=DB_QUEUE):
        _confirm(staff, _preview(staff))
    from candidates.resources import CandidateResource

    real_commit = CandidateResource.commit

    def dying_commit(self, rows):
        real_commit(self, rows[:20])  # half the rows written ...
        raise SystemExit("worker killed")  # ... then the process ends

    monkeypatch.setattr(CandidateResource, "commit", dying_commit)
    before = snapshot()
    job = Job.objects.get()
    with pytest.raises(SystemExit):  # queued again (here run at once, and killed again), then failed
        execute(job.pk)
    job.refresh_from_db()
    assert snapshot() == before and Candidate.objects.count() == 0
    assert job.status == JobStatus.FAILED and job.attempts == 2
    assert "không có dữ liệu nào được ghi dở" in job.message


@pytest.mark.parametrize("data_changed", [False, True])
def test_no_progress_is_written_while_sqlite_holds_the_write_lock(cast, data_changed):
    """SQLite has one writer: progress written from the jobs' side connection while the import's
    transaction holds the lock would wait for it up to the busy timeout (a job stuck at 0 % for
    20 s, then the progress lost). There the "writing" step is said before the transaction, and
    nothing during it, even when the rows are checked again inside it; PostgreSQL says it inside."""
    from django.db import connection

    from imports.services import check_import, commit_import

    from .helpers import xlsx

    header = ["Họ và tên", "Ngày sinh", "Giới tính", "Mã chi bộ"]
    rows = [[f"Trần Văn Tiến {i}", "01/02/1990", "Nam", "P-C1-G1-A"] for i in range(5)]
    checked = check_import(kind="candidates", data=xlsx([header, *rows]), file_name="f.xlsx", user=cast.province_staff)
    if data_changed:
        checked.state = ("something else",)  # the confirm checks the rows again, inside the transaction
    depth = len(connection.atomic_blocks)
    calls = []

    def progress(done, total=None, message=None):
        calls.append((len(connection.atomic_blocks) > depth, message))

    outcome = commit_import(checked, user=cast.province_staff, progress=progress)
    assert outcome.committed and Candidate.objects.filter(full_name__startswith="Trần Văn Tiến").count() == 5
    writing = "Đã kiểm tra xong mọi dòng; đang ghi vào cơ sở dữ liệu."
    if connection.vendor == "sqlite":
        assert calls == [(False, writing)]
    else:
        assert (True, writing) in calls
        assert all(inside for inside, _ in calls)
        assert any(m == "Đang đọc dữ liệu liên quan." for _, m in calls) is data_changed  # the recheck
