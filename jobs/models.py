"""A job the user started and can come back to: what it is, whose, how far it got, how it ended.
Domain-free: the app that owns the work registers a runner (jobs.registry) and gets a Job back."""

from django.conf import settings
from django.db import models


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Đang chờ"
    RUNNING = "running", "Đang chạy"
    DONE = "done", "Đã xong"
    FAILED = "failed", "Không thành công"


class Job(models.Model):
    kind = models.CharField("loại việc", max_length=50)
    title = models.CharField("tên việc", max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người yêu cầu", null=True, blank=True, on_delete=models.SET_NULL
    )
    status = models.CharField("trạng thái", max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    done = models.PositiveIntegerField("đã xử lý", default=0)
    total = models.PositiveIntegerField("tổng số", default=0)
    # What the user reads: the current step while running, the outcome or the reason of a failure after.
    message = models.TextField("thông báo", blank=True)
    params = models.JSONField("tham số", default=dict, blank=True)
    result_url = models.CharField("trang kết quả", max_length=500, blank=True)
    result_file = models.CharField("tệp kết quả", max_length=500, blank=True)  # relative to JOBS_RESULT_DIR
    attempts = models.PositiveSmallIntegerField("số lần chạy", default=0)
    task_id = models.CharField("mã trong hàng đợi", max_length=64, blank=True)
    worker_id = models.CharField("tiến trình xử lý", max_length=64, blank=True)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True, db_index=True)
    started_at = models.DateTimeField("bắt đầu", null=True, blank=True)
    finished_at = models.DateTimeField("kết thúc", null=True, blank=True)
    heartbeat_at = models.DateTimeField("cập nhật cuối", null=True, blank=True)

    class Meta:
        verbose_name = "việc chạy nền"
        verbose_name_plural = "việc chạy nền"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "heartbeat_at"], name="jobs_status_heartbeat")]

    def __str__(self) -> str:
        return self.title

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        return min(100, int(self.done * 100 / self.total)) if self.total else 0


class WorkerHeartbeat(models.Model):
    """One row per worker process, touched every few seconds while it lives (read by /healthz)."""

    worker_id = models.CharField("tiến trình", max_length=64, primary_key=True)
    host = models.CharField("máy", max_length=255, blank=True)
    pid = models.PositiveIntegerField("PID", default=0)
    started_at = models.DateTimeField("khởi động")
    seen_at = models.DateTimeField("tín hiệu cuối", db_index=True)

    class Meta:
        verbose_name = "tiến trình xử lý nền"
        verbose_name_plural = "tiến trình xử lý nền"
