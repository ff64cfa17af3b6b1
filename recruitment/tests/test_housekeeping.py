"""housekeeping: expired sessions, old lock-out records, old kept uploads, old finished jobs and
jobs whose worker died; it says what it did."""

import io
import os
import time
from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from jobs.models import Job, JobStatus

pytestmark = pytest.mark.django_db


def test_it_cleans_what_is_past_its_retention_and_reports_it(settings, tmp_path, cast):
    settings.MEDIA_ROOT = tmp_path
    settings.IMPORT_TEMP_DIR = tmp_path / "imports"  # kept uploads live there (imports.storage)
    now = timezone.now()
    Session.objects.create(session_key="a" * 32, session_data="x", expire_date=now - timedelta(minutes=1))
    Session.objects.create(session_key="b" * 32, session_data="x", expire_date=now + timedelta(minutes=30))
    old = AccessAttempt.objects.create(username="x", ip_address="10.0.0.1", user_agent="", failures_since_start=5)
    AccessAttempt.objects.filter(pk=old.pk).update(attempt_time=now - timedelta(days=31))
    AccessAttempt.objects.create(username="y", ip_address="10.0.0.2", user_agent="", failures_since_start=1)
    AccessLog.objects.create(username="z", ip_address="10.0.0.3", user_agent="")
    AccessLog.objects.update(attempt_time=now - timedelta(days=40))
    (tmp_path / "imports").mkdir()
    stale, fresh = tmp_path / "imports" / "1-old.bin", tmp_path / "imports" / "1-new.bin"
    stale.write_bytes(b"old")
    fresh.write_bytes(b"new")
    three_days_ago = time.time() - 3 * 86400
    os.utime(stale, (three_days_ago, three_days_ago))
    (tmp_path / "jobs" / "1").mkdir(parents=True)
    (tmp_path / "jobs" / "1" / "bao_cao.xlsx").write_bytes(b"x")
    Job.objects.create(
        kind="x",
        title="cũ",
        status=JobStatus.DONE,
        finished_at=now - timedelta(days=91),
        result_file="jobs/1/bao_cao.xlsx",
    )
    Job.objects.create(kind="x", title="mới", status=JobStatus.DONE, finished_at=now - timedelta(days=1))

    out = io.StringIO()
    call_command("housekeeping", stdout=out)
    text = out.getvalue()
    assert list(Session.objects.values_list("session_key", flat=True)) == ["b" * 32]
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["y"] and not AccessLog.objects.exists()
    assert not stale.exists() and fresh.exists()
    assert list(Job.objects.values_list("title", flat=True)) == ["mới"]
    assert not (tmp_path / "jobs" / "1" / "bao_cao.xlsx").exists()
    assert "Phiên đăng nhập hết hạn đã xóa: 1" in text
    assert "Bản ghi khóa đăng nhập cũ hơn 30 ngày đã xóa: 2" in text
    assert "Tệp tải lên chờ xác nhận cũ hơn 2 ngày đã xóa: 1" in text
    assert "Việc nền đã xong cũ hơn 90 ngày đã xóa: 1 (tệp kết quả: 1" in text


def test_it_prunes_the_access_log_and_anonymizes_exited_people_past_retention(settings, tmp_path, cast, monkeypatch):
    """The nightly job carries out the retention rules of Law 91/2025 (issue 14, item 6)."""
    import datetime

    from audit.models import AccessKind, PersonalDataAccess
    from candidates import clock
    from candidates.models import Candidate, ExitReason, Stage
    from candidates.tests.factories import make_candidate

    settings.MEDIA_ROOT = tmp_path
    settings.IMPORT_TEMP_DIR = tmp_path / "imports"
    settings.ACCESS_LOG_RETENTION_DAYS = 30
    settings.PERSONAL_DATA_RETENTION_YEARS = 5
    monkeypatch.setattr(clock, "today", lambda: datetime.date(2026, 12, 2))
    PersonalDataAccess.objects.create(username="cu", kind=AccessKind.VIEW_PERSON, person_id=1)
    PersonalDataAccess.objects.create(username="moi", kind=AccessKind.VIEW_PERSON, person_id=1)
    # Entries are append-only for the app; only the retention rule removes them: age one by SQL.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {PersonalDataAccess._meta.db_table} SET at = %s WHERE username = %s",
            [timezone.now() - timedelta(days=31), "cu"],
        )
    gone = make_candidate(cast.cell_a, Stage.SYMPATHIZER, full_name="Người Đã Rút", is_open=False,
                          exit_reason=ExitReason.WITHDRAWN, exit_date=datetime.date(2021, 12, 1))  # fmt: skip
    kept = make_candidate(cast.cell_a, Stage.SYMPATHIZER, full_name="Người Mới Rút", is_open=False,
                          exit_reason=ExitReason.WITHDRAWN, exit_date=datetime.date(2021, 12, 2))  # fmt: skip

    out = io.StringIO()
    call_command("housekeeping", stdout=out)
    text = out.getvalue()
    assert list(PersonalDataAccess.objects.values_list("username", flat=True)) == ["moi"]
    assert "Nhật ký truy cập dữ liệu cá nhân cũ hơn 30 ngày đã xóa: 1" in text
    assert "Hồ sơ quần chúng đã ra khỏi danh sách quá 5 năm đã ẩn danh: 1" in text
    assert Candidate.objects.get(pk=gone.pk).full_name == f"Đã ẩn danh {gone.pk}"
    assert Candidate.objects.get(pk=kept.pk).full_name == "Người Mới Rút"  # exit exactly 5 years ago: kept
