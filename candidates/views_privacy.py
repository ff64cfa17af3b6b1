"""The data subject's rights on a person's record (Law 91/2025/QH15): everything held about the person
as JSON, and correction requests with their outcome."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from audit.services import record_person_export
from units.scope import Action, can, get_scoped_or_404

from . import privacy
from .forms_privacy import CorrectionRequestForm
from .models import Candidate, CorrectionRequest
from .views import _candidate


def _personal_candidate(request, pk) -> Candidate:
    candidate = _candidate(request, pk)
    if not can(request.user, Action.VIEW_PERSONAL, candidate.cell):
        raise PermissionDenied("Vai trò của bạn không được xem toàn bộ dữ liệu cá nhân.")
    return candidate


@login_required
def person_data(request, pk):
    """Everything held about one person, machine-readable (JSON); the PDF is reports' person file."""
    candidate = _personal_candidate(request, pk)
    record_person_export(request, person_id=candidate.pk, unit_code=candidate.cell.code, file_format="json")
    body = json.dumps(privacy.person_record(candidate), ensure_ascii=False, indent=2, default=str)
    response = HttpResponse(body.encode(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"du_lieu_ca_nhan_{candidate.pk}.json"
    )
    return response


@login_required
@require_POST
def correction_request(request, pk):
    candidate = _candidate(request, pk)
    if not can(request.user, Action.EDIT_CANDIDATES, candidate.cell):
        raise PermissionDenied("Vai trò của bạn không được ghi yêu cầu đính chính.")
    instance = None
    if request.POST.get("request_id"):
        instance = get_scoped_or_404(
            request.user, CorrectionRequest, pk=request.POST["request_id"], candidate=candidate
        )
    form = CorrectionRequestForm(request.POST, instance=instance)
    if form.is_valid():
        item = form.save(commit=False)
        item.candidate = candidate
        item.entered_by = request.user
        item.save()
        messages.success(request, "Đã ghi yêu cầu đính chính." if instance is None else "Đã ghi kết quả.")
    else:
        for field, errors in form.errors.items():
            for e in errors:
                messages.error(request, f"{form.fields[field].label if field in form.fields else ''}: {e}".lstrip(": "))
    return redirect(f"{reverse('candidates-detail', args=[candidate.pk])}#rights")
