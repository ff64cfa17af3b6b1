import secrets

from django.conf import settings
from django.db import models


class ReminderSettings(models.Model):
    """A user's reminders: the daily e-mail digest (on unless turned off) and the private calendar
    address (a random token; revoking it makes the old address answer 404)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_settings")
    daily_digest = models.BooleanField("nhận thư nhắc việc hằng ngày", default=True)
    calendar_token = models.CharField(max_length=64, blank=True, default="", db_index=True)
    calendar_token_created_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "cài đặt nhắc việc"
        verbose_name_plural = "cài đặt nhắc việc"
        constraints = [
            models.UniqueConstraint(
                fields=["calendar_token"], condition=~models.Q(calendar_token=""), name="reminders_unique_token"
            )
        ]

    def __str__(self) -> str:
        return f"Nhắc việc của {self.user}"

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(32)
