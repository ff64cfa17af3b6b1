"""Thin views over the registry: parameters -> scoped unit -> builder -> preview or file."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from audit.services import record_export
from units.labels import display_names
from units.models import PartyUnit
from units.scope import home_units, scoped

from .forms import ReportForm
from .params import ReportError, scoped_unit
from .registry import FORMATS, REPORTS, produce
from .registry import render as render_report

PREVIEW_ROWS = 200
PARAMS = ("unit", "year", "quarter", "as_of", "class_code")


def _form(request, data):
    homes = home_units(request.user)
    code = (data or {}).get("unit") or (homes[0].code if homes else "")
    unit = scoped(request.user, PartyUnit).filter(code=code.strip()).first() if code else None
    label = display_names([unit])[unit.pk] if unit else ""
    return ReportForm(data, default_unit=homes[0].code if homes else "", unit_label=label)


def _produce(request, form, filter_data=None):
    data = form.cleaned_data
    return produce(
        user=request.user,
        slug=data["report"],
        unit_code=data["unit"],
        year=data.get("year"),
        quarter=data.get("quarter"),
        as_of=data.get("as_of"),
        class_code=data.get("class_code"),
        filter_data=request.GET if filter_data is None else filter_data,
    )


def _preview(report):
    tables = []
    for table in report.tables:
        tables.append(
            {
                "table": table,
                "rows": table.rows[:PREVIEW_ROWS],
                "hidden": max(len(table.rows) - PREVIEW_ROWS, 0),
            }
        )
    return {"report": report, "tables": tables}


@login_required
@require_GET
def report_index(request):
    if request.GET.get("unit"):
        # The unit first: outside the scope nothing else is looked at (404).
        scoped_unit(request.user, request.GET["unit"].strip())
    form = _form(request, request.GET or None)
    preview = None
    downloads = []
    if form.is_bound and form.is_valid():
        query = request.GET.copy()
        if REPORTS[form.cleaned_data["report"]].uses_filters:
            # On this page "year" is the report year; on the candidate list it would filter admissions.
            query.pop("year", None)
        try:
            report = _produce(request, form, query)
        except ReportError as exc:
            form.add_error(None, str(exc))
        else:
            preview = _preview(report)
            query.pop("report", None)
            query.pop("unit", None)
            for fmt in FORMATS:
                kwargs = {"slug": form.cleaned_data["report"], "code": form.cleaned_data["unit"], "fmt": fmt}
                url = reverse("reports-download", kwargs=kwargs)
                downloads.append((fmt.upper(), f"{url}?{query.urlencode()}"))
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "reports": REPORTS.values(), "preview": preview, "downloads": downloads}
    return render(request, "reports/index.html", context, status=status)


@login_required
@require_GET
def report_download(request, slug, code, fmt):
    if slug not in REPORTS or fmt not in FORMATS:
        raise Http404("Không có báo cáo hoặc định dạng này.")
    # The unit first: outside the scope nothing else is looked at (404).
    scoped_unit(request.user, code)
    data = request.GET.copy()
    data["report"] = slug
    data["unit"] = code
    if not data.get("year") and REPORTS[slug].uses_period:
        data["year"] = str(timezone.localdate().year)
    form = _form(request, data)
    if not form.is_valid():
        context = {"form": form, "reports": REPORTS.values(), "preview": None, "downloads": []}
        return render(request, "reports/index.html", context, status=400)
    try:
        report = _produce(request, form)
        content, content_type, filename = render_report(report, fmt)
    except ReportError as exc:
        form.add_error(None, str(exc))
        context = {"form": form, "reports": REPORTS.values(), "preview": None, "downloads": []}
        return render(request, "reports/index.html", context, status=400)
    record_export(request, what=REPORTS[slug].label, unit_code=code, file_format=fmt, filters=request.GET)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response
