"""Thin views over reports.documents: a person's and a class's documents, producing a document
(POST: it takes a number), the register ("Văn bản"), meeting facts and the offices' templates."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from candidates.models import PASSING_RESULTS
from units.models import CELL_KINDS, PartyUnit
from units.scope import Action, can, get_scoped_or_404, home_units, require, scoped
from vietnamese.text import clean_text

from .document_forms import MeetingFactsForm, PaperFactsForm, RegisterFilterForm, StatisticsForm, TemplateUploadForm
from .documents import panel, records, service
from .documents.base import DocumentError
from .documents.issuers import committee_name
from .documents.jobs import start_document_job
from .documents.kinds import CANDIDATE, CLASS, KINDS
from .documents.word import DESCRIPTIONS, default_path, valid_placeholders
from .models import MeetingFacts, PaperFacts, RegisterEntry, UnitTemplate

PAGE_SIZE = 50
FORMATS_UI = panel.FORMATS_UI


def _kind(slug: str, subject: str):
    kind = KINDS.get(slug)
    if kind is None or kind.subject != subject:
        raise Http404("Không có loại văn bản này.")
    return kind


def _refused(request, exc: DocumentError, back: str, status=400):
    context = {"error": exc, "missing": getattr(exc, "missing", []), "back": back}
    return render(request, "reports/documents/refused.html", context, status=status)


def _file(output) -> HttpResponse:
    response = HttpResponse(output.content, content_type=output.content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=output.filename)
    return response


# ---- A person's documents -----------------------------------------------------------------------


@login_required
@require_GET
def person_documents(request, pk):
    candidate = service.subject_candidate(request.user, pk)
    # A person's papers are their dossier: the training centre and the viewer do not read it (least
    # privilege, as on the person page).
    require(request.user, Action.VIEW_PERSONAL, candidate.cell)
    items = panel.person_documents(request.user, candidate)
    context = {"candidate": candidate, "items": items, "formats": FORMATS_UI}
    return render(request, "reports/documents/person.html", context)


@login_required
@require_POST
def person_produce(request, pk, kind, fmt):
    _kind(kind, CANDIDATE)
    candidate = service.subject_candidate(request.user, pk)
    back = reverse("documents-person", args=[candidate.pk])
    try:
        return _file(service.produce(user=request.user, slug=kind, fmt=fmt, candidate_id=candidate.pk))
    except DocumentError as exc:
        return _refused(request, exc, back)


# ---- A class's documents -------------------------------------------------------------------------


@login_required
@require_GET
def class_documents(request, pk):
    klass = service.subject_class(request.user, pk=pk)
    items = panel.class_documents(request.user, klass)
    homes = home_units(request.user)
    return render(
        request,
        "reports/documents/class.html",
        {"klass": klass, "items": items, "default_unit": homes[0].code if homes else "", "formats": FORMATS_UI},
    )


@login_required
@require_POST
def class_produce(request, pk, kind, fmt):
    _kind(kind, CLASS)
    klass = service.subject_class(request.user, pk=pk)
    back = reverse("documents-class", args=[klass.pk])
    unit_code = clean_text(request.POST.get("unit", "")) or None
    if kind == "certificates":
        pages = klass.enrollments.filter(result__in=PASSING_RESULTS).count()
        if pages > settings.DOCUMENTS_BACKGROUND_PAGES:
            try:  # every check first: a refusal is shown now, not by the worker later
                service.prepare(user=request.user, slug=kind, class_id=klass.pk)
            except DocumentError as exc:
                return _refused(request, exc, back)
            job = start_document_job(
                user=request.user, slug=kind, fmt=fmt, label=KINDS[kind].label, pages=pages, class_id=klass.pk
            )
            return redirect("jobs-detail", pk=job.pk)
    try:
        return _file(service.produce(user=request.user, slug=kind, fmt=fmt, class_id=klass.pk, unit_code=unit_code))
    except DocumentError as exc:
        return _refused(request, exc, back)


# ---- A unit's statistics -----------------------------------------------------------------------------


@login_required
@require_POST
def statistics_produce(request):
    form = StatisticsForm(request.POST)
    back = reverse("documents-index")
    fmt = request.POST.get("fmt", "pdf")
    if form.is_valid():
        # The unit first: outside the scope nothing else is looked at (404).
        unit = service.subject_unit(request.user, form.cleaned_data["unit"].strip())
    else:
        errors = "; ".join(f"{form.fields[k].label}: {' '.join(v)}" for k, v in form.errors.items())
        return _refused(request, DocumentError(f"Tham số không hợp lệ — {errors}"), back)
    data = form.cleaned_data
    try:
        output = service.produce(
            user=request.user, slug="statistics", fmt=fmt, unit_code=unit.code, year=data["year"], half=data["half"]
        )
    except DocumentError as exc:
        return _refused(request, exc, back)
    return _file(output)


# ---- The register ("Văn bản") ----------------------------------------------------------------------


@login_required
@require_GET
def register_list(request):
    form = RegisterFilterForm(request.GET or None)
    qs = scoped(request.user, RegisterEntry).select_related("issuer", "scope_unit", "created_by", "training_class")
    if form.is_valid():
        data = form.cleaned_data
        if data["kind"]:
            qs = qs.filter(document_kind=data["kind"])
        if data["unit"]:
            unit = get_scoped_or_404(request.user, PartyUnit, code=data["unit"].strip())
            qs = qs.filter(Q(scope_unit__path__startswith=unit.path) | Q(issuer__path__startswith=unit.path))
        if data["year"]:
            qs = qs.filter(document_date__year=data["year"])
        if data["q"]:
            term = clean_text(data["q"])
            qs = qs.filter(Q(number__icontains=term) | Q(subject_label__icontains=term))
    page = Paginator(qs.order_by("-created_at", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    for entry in page.object_list:
        kind = KINDS.get(entry.document_kind)
        entry.kind_label = kind.label if kind else entry.document_kind
        entry.issuer_label = committee_name(entry.issuer)
    homes = home_units(request.user)
    stats = StatisticsForm(initial={"unit": homes[0].code if homes else "", "year": datetime.date.today().year})
    context = {"form": form, "page": page, "kinds": KINDS, "stats": stats}
    return render(request, "reports/documents/register.html", context)


# ---- Meeting facts ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def meeting_facts(request, cell_pk, kind, day):
    cell = get_scoped_or_404(request.user, PartyUnit, pk=cell_pk)
    if cell.kind not in CELL_KINDS or kind not in MeetingFacts.Kind.values:
        raise Http404("Không có cuộc họp này.")
    try:
        date = datetime.date.fromisoformat(day)
    except ValueError:
        raise Http404("Ngày họp không hợp lệ.") from None
    require(request.user, Action.EDIT_CANDIDATES, cell)
    instance = MeetingFacts.objects.filter(unit=cell, kind=kind, date=date).first()
    form = MeetingFactsForm(request.POST or None, instance=instance)
    error = None
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in MeetingFactsForm.FIELDS}
        try:
            records.meeting_facts_save(user=request.user, cell=cell, kind=kind, date=date, data=data)
        except DocumentError as exc:
            error = str(exc)
        else:
            messages.success(request, "Đã ghi thành phần dự họp.")
            return redirect(request.GET.get("next") or reverse("documents-index"))
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "cell": cell, "date": date, "kind_label": MeetingFacts.Kind(kind).label, "error": error}
    return render(request, "reports/documents/meeting.html", context, status=status)


# ---- Facts of a person's paper ---------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def paper_facts(request, pk, kind):
    from .documents import facts as F

    if kind not in F.FACTS:
        raise Http404("Văn bản này không cần thông tin bổ sung.")
    candidate = service.subject_candidate(request.user, pk)
    require(request.user, KINDS[kind].right, candidate.cell)
    row = PaperFacts.objects.filter(candidate=candidate, kind=kind).first()
    initial = F.read(kind, row.data) if row else {}
    form = PaperFactsForm(kind, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        records.paper_facts_save(user=request.user, candidate=candidate, slug=kind, values=form.cleaned_data)
        messages.success(request, "Đã ghi thông tin của văn bản.")
        return redirect("documents-person", pk=candidate.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "candidate": candidate, "kind": KINDS[kind]}
    return render(request, "reports/documents/facts.html", context, status=status)


# ---- Offices' templates --------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def templates_page(request):
    rows = scoped(request.user, UnitTemplate).select_related("unit", "uploaded_by").defer("content")
    form = TemplateUploadForm(request.POST or None, request.FILES or None)
    error = None
    if request.method == "POST" and form.is_valid():
        unit = get_scoped_or_404(request.user, PartyUnit, code=form.cleaned_data["unit"].strip())
        upload = form.cleaned_data["file"]
        try:
            records.template_upload(
                user=request.user,
                unit=unit,
                slug=form.cleaned_data["kind"],
                file_name=upload.name,
                content=upload.read(service_limit()),
            )
        except DocumentError as exc:
            error = str(exc)
        else:
            messages.success(request, f"Đã dùng mẫu “{upload.name}” cho {unit.name}.")
            return redirect("documents-templates")
    kinds = [(k, valid_placeholders(k.slug)) for k in KINDS.values()]
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "rows": rows, "kinds": kinds, "error": error, "descriptions": DESCRIPTIONS}
    return render(request, "reports/documents/templates.html", context, status=status)


def service_limit() -> int:
    from .documents.word import MAX_TEMPLATE_BYTES

    return MAX_TEMPLATE_BYTES + 1


@login_required
@require_POST
def template_delete(request, pk):
    row = get_scoped_or_404(request.user, UnitTemplate.objects.defer("content"), pk=pk)
    if not can(request.user, KINDS[row.document_kind].right, row.unit):
        raise PermissionDenied("Vai trò của bạn không được xóa mẫu này.")
    records.template_delete(user=request.user, row=row)
    messages.success(request, "Đã xóa mẫu; đơn vị dùng lại mẫu mặc định.")
    return redirect("documents-templates")


@login_required
@require_GET
def template_default(request, kind):
    if kind not in KINDS:
        raise Http404("Không có loại văn bản này.")
    return FileResponse(default_path(kind).open("rb"), as_attachment=True, filename=f"mau-{kind}.docx")
