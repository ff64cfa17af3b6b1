import datetime
import io
import re

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from units.scope import Action, can_anywhere, get_scoped_or_404, scoped
from vietnamese.text import fold

from . import storage
from .filters import ImportRecordFilter
from .forms import form_class
from .jobs import start_import_job
from .models import ImportRecord
from .registry import kinds, resource_class
from .services import may_import, run_import

PREVIEW_ROWS = 300  # rows shown in full on the preview; rows with errors or notes are always shown


def _require_import(user) -> None:
    if not can_anywhere(user, Action.IMPORT):
        raise PermissionDenied("Vai trò của bạn không được nhập dữ liệu.")


def _require_kind(user, kind: str) -> None:
    if kind not in kinds():
        raise Http404("Không có loại dữ liệu này.")
    if not may_import(user, kind):
        raise PermissionDenied("Vai trò của bạn không được nhập loại dữ liệu này.")


@login_required
def import_index(request):
    _require_import(request.user)
    offered = [(kind, resource_class(kind)) for kind in kinds() if may_import(request.user, kind)]
    records = scoped(request.user, ImportRecord).select_related("user", "unit")
    filters = ImportRecordFilter(request.GET, queryset=records)
    page = Paginator(filters.qs, 20).get_page(request.GET.get("page"))
    return render(request, "imports/index.html", {"kinds": offered, "filter": filters, "page": page})


def _preview_rows(outcome):
    shown, hidden = [], 0
    for row in outcome.rows:
        if row.errors or row.warnings or row.status in ("error", "unmatched") or len(shown) < PREVIEW_ROWS:
            shown.append(row)
        else:
            hidden += 1
    return shown, hidden


def _render_preview(request, kind, outcome, token, form=None):
    rows, hidden = _preview_rows(outcome)
    return render(
        request,
        "imports/preview.html",
        {
            "kind": kind,
            "resource": resource_class(kind),
            "outcome": outcome,
            "rows": rows,
            "hidden": hidden,
            "token": token,
            "form": form,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request, kind):
    _require_kind(request.user, kind)
    Form = form_class(kind)
    form = Form(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        options = {k: v for k, v in form.cleaned_data.items() if k != "file"} | {"file_name": upload.name}
        outcome = run_import(
            kind=kind, data=data, file_name=upload.name, user=request.user, dry_run=True, options=options
        )
        token = (
            storage.keep(request, kind=kind, data=data, file_name=upload.name, options=options, rows=len(outcome.rows))
            if outcome.ok
            else ""
        )
        return _render_preview(request, kind, outcome, token)
    return render(request, "imports/upload.html", {"kind": kind, "resource": resource_class(kind), "form": form})


@login_required
@require_POST
def import_confirm(request, kind):
    _require_kind(request.user, kind)
    token = request.POST.get("token", "")
    kept = storage.load(request, kind=kind, token=token)
    if kept is None:
        messages.error(request, "Phiên xem trước đã hết hạn hoặc tệp không còn; hãy tải tệp lên lại.")
        return redirect("imports-upload", kind=kind)
    data, file_name, options = kept
    rows = storage.rows_of(request, token)
    if rows >= settings.IMPORT_BACKGROUND_ROWS:
        # A large file: written by the worker; the user follows the progress and may leave the page.
        job = start_import_job(request, kind=kind, token=token, file_name=file_name, rows=rows)
        return redirect("jobs-detail", pk=job.pk)
    outcome = run_import(kind=kind, data=data, file_name=file_name, user=request.user, dry_run=False, options=options)
    if not outcome.committed:
        # The database changed since the preview (or another check failed): nothing was written.
        messages.error(request, "Không ghi gì: dữ liệu có lỗi. Hãy xem các lỗi dưới đây, sửa tệp và tải lên lại.")
        return _render_preview(request, kind, outcome, "")
    storage.forget(request, token)
    messages.success(request, " ".join(outcome.summary) or "Đã nhập xong.")
    return redirect("imports-record", pk=outcome.record.pk)


@login_required
def import_record(request, pk):
    _require_import(request.user)
    record = get_scoped_or_404(request.user, ImportRecord.objects.select_related("user", "unit"), pk=pk)
    return render(request, "imports/record.html", {"record": record, "details": record.details or {}})


@login_required
def import_template(request, kind):
    _require_kind(request.user, kind)
    resource = resource_class(kind)
    headers, example = resource.template_rows()
    book = Workbook()
    sheet = book.active
    sheet.title = "Mẫu"
    sheet.append(headers)
    sheet.append(example)
    for index, header in enumerate(headers, start=1):
        sheet.cell(row=1, column=index).font = Font(bold=True)
        cell = sheet.cell(row=2, column=index)
        if isinstance(cell.value, datetime.date):
            cell.number_format = "DD/MM/YYYY"
        sheet.column_dimensions[get_column_letter(index)].width = max(14, len(header) + 4)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    slug = "_".join(re.findall(r"[a-z0-9]+", fold(resource.title)))
    response["Content-Disposition"] = f'attachment; filename="mau_nhap_{slug}.xlsx"'
    return response
