"""The access log of personal data: who viewed which person's page, who exported or printed which list
or report with which filters, who searched by national ID (the term as a keyed hash only).

Append-only: a saved entry is never changed or deleted by the app or the admin; only
`audit.services.prune_access_log(now)` removes entries older than ACCESS_LOG_RETENTION_DAYS."""

from django.conf import settings
from django.db import models


class AppendOnlyError(Exception):
    pass


class EntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Nhật ký truy cập không được sửa.")

    def delete(self):
        raise AppendOnlyError("Nhật ký truy cập không được xóa (chỉ xóa khi hết hạn lưu giữ).")


class AccessKind(models.TextChoices):
    VIEW_PERSON = "view_person", "Xem trang của một người"
    EXPORT = "export", "Xuất, in danh sách hoặc báo cáo"
    SEARCH_ID = "search_id", "Tìm theo số CCCD"
    EXPORT_PERSON = "export_person", "Xuất toàn bộ dữ liệu của một người"


class PersonalDataAccess(models.Model):
    at = models.DateTimeField("thời điểm", auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người dùng", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField("tên đăng nhập", max_length=150)
    kind = models.CharField("loại truy cập", max_length=20, choices=AccessKind.choices, db_index=True)
    # The person (candidates.Candidate id; a plain number: the log sits below the candidates app).
    person_id = models.BigIntegerField("mã người", null=True, blank=True, db_index=True)
    unit_code = models.CharField("đơn vị", max_length=40, blank=True)
    what = models.CharField("danh sách, báo cáo", max_length=120, blank=True)
    file_format = models.CharField("định dạng", max_length=10, blank=True)
    filters = models.JSONField("điều kiện lọc", default=dict, blank=True)
    term_hash = models.CharField("số CCCD tìm (băm có khóa)", max_length=64, blank=True)
    results = models.PositiveIntegerField("số kết quả", null=True, blank=True)
    ip_address = models.CharField("địa chỉ IP", max_length=45, blank=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        verbose_name = "lượt truy cập dữ liệu cá nhân"
        verbose_name_plural = "nhật ký truy cập dữ liệu cá nhân"
        ordering = ["-at", "-id"]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Nhật ký truy cập không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Nhật ký truy cập không được xóa (chỉ xóa khi hết hạn lưu giữ).")
