from django.conf import settings
from django.db import models

from units.models import PartyUnit


class ImportKind(models.TextChoices):
    UNITS = "units", "Cây tổ chức đảng"
    CANDIDATES = "candidates", "Danh sách quần chúng, cảm tình Đảng"
    ROSTER = "roster", "Danh sách học viên lớp bồi dưỡng"
    QUOTAS = "quotas", "Chỉ tiêu kết nạp"


class ImportRecord(models.Model):
    """One committed import: what file (name and SHA-256), who, when, and what it did."""

    kind = models.CharField("loại dữ liệu", max_length=20, choices=ImportKind.choices)
    file_name = models.CharField("tên tệp", max_length=255)
    sha256 = models.CharField("SHA-256", max_length=64, db_index=True)
    file_format = models.CharField("định dạng", max_length=10)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người nhập", null=True, blank=True, on_delete=models.SET_NULL
    )
    # The top unit of the importer's scope (None: system / command line without --user).
    unit = models.ForeignKey(
        PartyUnit, verbose_name="phạm vi", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("thời điểm", auto_now_add=True, db_index=True)
    status = models.CharField("trạng thái", max_length=20, default="committed")
    total_rows = models.PositiveIntegerField("số dòng", default=0)
    created = models.PositiveIntegerField("mới", default=0)
    updated = models.PositiveIntegerField("cập nhật", default=0)
    unchanged = models.PositiveIntegerField("không đổi", default=0)
    unmatched = models.PositiveIntegerField("không khớp", default=0)
    # Rows worth reading again (warnings, trainees not matched), and the summary lines.
    details = models.JSONField("chi tiết", default=dict, blank=True)

    scope_path = "unit__path"

    class Meta:
        verbose_name = "lần nhập dữ liệu"
        verbose_name_plural = "lần nhập dữ liệu"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.file_name}"
