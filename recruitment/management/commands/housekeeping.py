"""`manage.py housekeeping` (nightly, deploy/systemd/dangvien-housekeeping.timer): clears expired
sessions, old lock-out records, kept import uploads and finished jobs past their retention, closes
jobs whose worker died, prunes the personal-data access log past ACCESS_LOG_RETENTION_DAYS, anonymizes
exited non-members past PERSONAL_DATA_RETENTION_YEARS, and says what it did (a line per step, and one
JSON log line)."""

import logging
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.utils import timezone

from audit.services import prune_access_log, retention_days
from candidates import clock
from candidates.privacy import anonymize_exited, retention_years
from imports import storage as import_storage
from jobs.models import Job, JobStatus
from jobs.services import recover_orphans

logger = logging.getLogger("recruitment.housekeeping")


class Command(BaseCommand):
    help = "Dọn dẹp định kỳ: phiên hết hạn, bản ghi khóa đăng nhập cũ, tệp tải lên và việc nền quá hạn lưu."

    def handle(self, *args, **options):
        done = {}
        now = timezone.now()

        engine = import_module(settings.SESSION_ENGINE)
        session_model = getattr(engine.SessionStore, "get_model_class", None)
        before = session_model().objects.count() if session_model else None
        engine.SessionStore.clear_expired()
        done["sessions"] = before - session_model().objects.count() if session_model else 0

        from axes.models import AccessAttempt, AccessFailureLog, AccessLog

        cutoff = now - timedelta(days=settings.HOUSEKEEPING_AXES_DAYS)
        done["lockouts"] = sum(
            model.objects.filter(attempt_time__lt=cutoff).delete()[0]
            for model in (AccessAttempt, AccessFailureLog, AccessLog)
        )

        done["uploads"] = import_storage.purge_older_than(timedelta(days=settings.HOUSEKEEPING_UPLOAD_DAYS))

        recovered = recover_orphans()
        done["jobs_retried"], done["jobs_failed"] = recovered["retried"], recovered["failed"]

        old_jobs = Job.objects.filter(
            status__in=[JobStatus.DONE, JobStatus.FAILED],
            finished_at__lt=now - timedelta(days=settings.HOUSEKEEPING_JOB_DAYS),
        )
        files = 0
        for name in old_jobs.exclude(result_file="").values_list("result_file", flat=True):
            if default_storage.exists(name):
                default_storage.delete(name)
                files += 1
        done["jobs"] = old_jobs.delete()[0]
        done["job_files"] = files
        done["queue_records"] = self._prune_queue(now)
        done["access_log"] = prune_access_log(now)
        done["anonymized"] = anonymize_exited(clock.today())

        lines = [
            f"Phiên đăng nhập hết hạn đã xóa: {done['sessions']}",
            f"Bản ghi khóa đăng nhập cũ hơn {settings.HOUSEKEEPING_AXES_DAYS} ngày đã xóa: {done['lockouts']}",
            f"Tệp tải lên chờ xác nhận cũ hơn {settings.HOUSEKEEPING_UPLOAD_DAYS} ngày đã xóa: {done['uploads']}",
            f"Việc nền bị dừng giữa chừng: chạy lại {done['jobs_retried']}, đánh dấu không thành công {done['jobs_failed']}",
            f"Việc nền đã xong cũ hơn {settings.HOUSEKEEPING_JOB_DAYS} ngày đã xóa: {done['jobs']} "
            f"(tệp kết quả: {done['job_files']}; bản ghi hàng đợi: {done['queue_records']})",
            f"Nhật ký truy cập dữ liệu cá nhân cũ hơn {retention_days()} ngày đã xóa: {done['access_log']}",
            f"Hồ sơ quần chúng đã ra khỏi danh sách quá {retention_years()} năm đã ẩn danh: {done['anonymized']}",
        ]
        for line in lines:
            self.stdout.write(line)
        logger.info("housekeeping", extra=done)
        return None

    @staticmethod
    def _prune_queue(now) -> int:
        try:
            from django_tasks_db.compat import TaskResultStatus
            from django_tasks_db.models import DBTaskResult
        except ImportError:
            return 0
        cutoff = now - timedelta(days=settings.HOUSEKEEPING_JOB_DAYS)
        return DBTaskResult.objects.filter(
            status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED], finished_at__lt=cutoff
        ).delete()[0]
