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
