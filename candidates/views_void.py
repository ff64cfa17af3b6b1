"""Voiding a mistaken step: a confirmation page (what goes back, the reason to give), then the void by
POST. The step stays on the timeline, marked voided; the service does every check."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from . import services
from .forms_correction import VoidForm
from .services import RuleViolation
from .services.voids import window_days
from .views import STALE_MESSAGE, _can, _candidate, _is_stale


@login_required
@require_http_methods(["GET", "POST"])
def event_void(request, pk, event_pk):
    candidate = _candidate(request, pk)
    event = get_object_or_404(candidate.events.select_related("entered_by"), pk=event_pk)
    if not _can(request.user, services.void_rights(event), candidate.cell):
        raise PermissionDenied("Vai trò của bạn không được ghi (nên không được hủy) bước này.")
    form = VoidForm(request.POST if request.method == "POST" else None, initial={"version": candidate.version})
    if request.method == "POST" and form.is_valid():
        if _is_stale(form, candidate):
            messages.error(request, STALE_MESSAGE)
            return redirect("candidates-detail", pk=candidate.pk)
        try:
            services.event_void(
                actor=request.user,
                event=event,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except RuleViolation as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, f"Đã hủy bước “{event.action}”: hồ sơ trở lại như trước bước này.")
            return redirect(reverse("candidates-detail", kwargs={"pk": candidate.pk}) + "#timeline")
    context = {
        "candidate": candidate,
        "event": event,
        "form": form,
        "problems": services.void_problems(candidate, event, request.user),
        "preview": services.void_preview(event),
        "entered_on": timezone.localdate(event.entered_at),
        "deadline": services.void_deadline(event),
        "window_days": window_days(),
    }
    return render(request, "candidates/void.html", context)
