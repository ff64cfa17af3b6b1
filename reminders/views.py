"""The user's reminder settings (daily e-mail on/off, the private calendar address) and the feed."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from .calendar import calendar_for
from .models import ReminderSettings


def _settings(user) -> ReminderSettings:
    return ReminderSettings.objects.get_or_create(user=user)[0]


@login_required
@require_http_methods(["GET", "POST"])
def reminder_settings(request):
    prefs = _settings(request.user)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "digest":
            prefs.daily_digest = request.POST.get("daily_digest") == "on"
            prefs.save(update_fields=["daily_digest"])
            messages.success(
                request,
                "Đã bật thư nhắc việc hằng ngày." if prefs.daily_digest else "Đã tắt thư nhắc việc hằng ngày.",
            )
        elif action == "new-token":
            prefs.calendar_token = ReminderSettings.new_token()
            prefs.calendar_token_created_at = timezone.now()
            prefs.save(update_fields=["calendar_token", "calendar_token_created_at"])
            messages.success(request, "Đã tạo địa chỉ lịch mới; địa chỉ cũ (nếu có) không còn dùng được.")
        elif action == "revoke":
            prefs.calendar_token = ""
            prefs.calendar_token_created_at = None
            prefs.save(update_fields=["calendar_token", "calendar_token_created_at"])
            messages.success(request, "Đã thu hồi địa chỉ lịch: lịch trên điện thoại sẽ không cập nhật nữa.")
        return redirect("reminder-settings")
    feed_url = ""
    if prefs.calendar_token:
        feed_url = request.build_absolute_uri(reverse("reminder-calendar", args=[prefs.calendar_token]))
    return render(
        request,
        "reminders/settings.html",
        {"prefs": prefs, "feed_url": feed_url, "has_email": bool(request.user.email)},
    )


@require_GET
def calendar_feed(request, token):
    """The private feed: no login (phone calendars cannot log in), the unguessable token is the key."""
    prefs = ReminderSettings.objects.filter(calendar_token=token).select_related("user").first()
    if not token or prefs is None or not prefs.user.is_active:
        raise Http404("Địa chỉ lịch không đúng hoặc đã bị thu hồi.")
    base_url = getattr(settings, "SITE_URL", "").rstrip("/") or request.build_absolute_uri("/").rstrip("/")
    response = HttpResponse(calendar_for(prefs.user, base_url), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="nhac-viec.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response
