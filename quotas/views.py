import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from units.labels import label_units
from units.models import PartyUnit
from units.scope import Action, can, get_scoped_or_404, home_units, in_scope, require, scoped
from units.selectors import ancestors
from units.versioning import STALE_MESSAGE, is_stale
from vietnamese.forms import DateInput

from . import selectors, services, sorting
from .forms import LIST_KINDS, AllocationForm, PeopleFilter, PeopleListForm, PeriodForm
from .models import Quota

CHART_W, CHART_H, CHART_PAD = 600, 220, 44


def month_chart(progress: selectors.Progress) -> dict:
    """Coordinates of the monthly chart (inline SVG, no JS): a bar per month, the cumulative
    admissions line and the even-pace line up to the year's target."""
    months = progress.months
    top = max([progress.target or 0, *(m.cumulative or 0 for m in months), 1])
    inner_w, inner_h = CHART_W - 2 * CHART_PAD, CHART_H - 2 * CHART_PAD
    step = inner_w / 12

    def y(value):
        return round(CHART_PAD + inner_h - inner_h * value / top, 1)

    bars, points = [], []
    for i, m in enumerate(months):
        x = CHART_PAD + step * i
        if m.admitted is not None:
            bars.append(
                {
                    "x": round(x + step * 0.2, 1),
                    "y": y(m.admitted),
                    "w": round(step * 0.6, 1),
                    "h": round(y(0) - y(m.admitted), 1),
                    "label": m.label,
                    "n": m.admitted,
                }
            )
            points.append(f"{round(x + step, 1)},{y(m.cumulative)}")
    cumulative = f"{CHART_PAD},{y(0)} " + " ".join(points) if points else ""
    pace = f"{CHART_PAD},{y(0)} {CHART_PAD + inner_w},{y(progress.target)}" if progress.target else ""
    labels = [{"x": round(CHART_PAD + step * i + step / 2, 1), "text": str(i + 1)} for i in range(12)]
    return {
        "w": CHART_W,
        "h": CHART_H,
        "pad": CHART_PAD,
        "bars": bars,
        "cumulative": cumulative,
        "pace": pace,
        "labels": labels,
        "top": top,
        "y_top": y(top),
        "y_zero": y(0),
        "x_end": CHART_PAD + inner_w,
    }


def dashboard_context(request, unit: PartyUnit, detail: bool = True) -> dict:
    form = PeriodForm(request.GET or None)
    year, as_of = _defaults(form)
    progress = selectors.unit_progress(unit=unit, year=year, as_of=as_of, user=request.user, detail=detail)
    label_units([r.unit for r in progress.children] + list(progress.idle_cells))
    period_query = f"nam={progress.year}&ngay={progress.as_of:%d/%m/%Y}"
    sort = request.GET.get(sorting.SORT_PARAM)
    return {
        "unit": unit,
        "form": form,
        "progress": progress,
        "children": sorting.sort_rows(progress.children, sort),
        "sort_headers": sorting.header_links(sort, period_query),
        "totals_label": selectors.CHILDREN_TOTALS_LABEL,
        "totals_definition": selectors.CHILDREN_TOTALS_DEFINITION,
        "chart": month_chart(progress),
        "period_query": f"nam={progress.year}&ngay={progress.as_of:%d/%m/%Y}",
        "period_date_input": DateInput().render("ngay", progress.as_of, attrs={"id": "id_ngay"}),
        "can_allocate": can(request.user, Action.SET_QUOTAS, unit) and unit.numchild > 0,
    }


def _defaults(form: PeriodForm):
    if not form.is_bound:
        form = PeriodForm({})
    return form.period()


@login_required
def dashboard(request):
    """The user's own unit (the first top unit of their scope); links to the others."""
    roots = home_units(request.user)
    if not roots:
        return render(request, "quotas/dashboard.html", {"unit": None, "roots": []})
    context = dashboard_context(request, roots[0])
    context["roots"] = roots
    return render(request, "quotas/dashboard.html", context)


@login_required
def unit_dashboard(request, code):
    unit = get_scoped_or_404(request.user, PartyUnit, code=code)
    context = dashboard_context(request, unit)
    context["roots"] = home_units(request.user)
    context["breadcrumbs"] = [a for a in ancestors(unit) if in_scope(request.user, a)]
    return render(request, "quotas/dashboard.html", context)


@login_required
def people(request, code):
    """The people behind a number of the dashboard: admitted (by decision date, where recorded),
    proposed, trained with a certificate valid at year end."""
    unit = get_scoped_or_404(request.user, PartyUnit, code=code)
    form = PeopleListForm(request.GET or None)
    year, as_of = _defaults(form)
    data = getattr(form, "cleaned_data", {})
    kind = data.get("loai") or "admitted"
    start, _ = selectors.year_bounds(year)
    as_of = selectors.clamp_as_of(year, as_of)
    period = f"năm {year}, đến {as_of:%d/%m/%Y}"
    if kind == "admitted":
        end = as_of
        if data.get("thang"):
            m = data["thang"]
            start = start.replace(month=m)
            end = min(as_of, selectors.year_bounds(year)[1] if m == 12 else start.replace(month=m + 1) - _day())
            period = f"tháng {m}/{year}"
        elif data.get("quy"):
            q = data["quy"]
            start = start.replace(month=q * 3 - 2)
            end = min(as_of, selectors.year_bounds(year)[1] if q == 4 else start.replace(month=q * 3 + 1) - _day())
            period = f"quý {selectors.QUARTER_NAMES[q - 1]}/{year}"
        qs = selectors.admitted_queryset(unit=unit, start=start, end=end).order_by("decision_date", "sort_key", "id")
    elif kind == "proposed":
        qs = selectors.proposed_queryset(unit=unit).order_by("sort_key", "id")
        period = "hiện nay"
    else:
        qs = selectors.trained_queryset(unit=unit, year=year).order_by("certificate_date", "sort_key", "id")
        period = f"hiện nay, giấy chứng nhận còn hạn đến 31/12/{year}"
    # Admissions count where they were recorded, but a person who has since moved to a cell outside
    # the user's scope is counted only: no name, birth date, cell or decision (transfer leak).
    visible = scoped(request.user, qs)
    moved_away = qs.count() - visible.count() if kind == "admitted" else 0
    people_filter = PeopleFilter(request.GET, queryset=visible.select_related("cell", "admitting_unit"))
    page = Paginator(people_filter.qs, 50).get_page(request.GET.get("page"))
    label_units([c.cell for c in page.object_list] + [c.admitting_unit for c in page.object_list])
    return render(
        request,
        "quotas/people.html",
        {
            "unit": unit,
            "kind": kind,
            "kind_label": LIST_KINDS[kind],
            "period": period,
            "page": page,
            "filter": people_filter,
            "moved_away": moved_away,
            "year": year,
            "as_of": as_of,
        },
    )


def _day():
    return datetime.timedelta(days=1)


@login_required
@require_http_methods(["GET", "POST"])
def allocate(request, code):
    unit = get_scoped_or_404(request.user, PartyUnit, code=code)
    require(request.user, Action.SET_QUOTAS, unit)
    period_form = PeriodForm(request.GET or None)
    year, _ = _defaults(period_form)
    children = services.allocation_children(unit, year)
    current = dict(Quota.objects.filter(year=year, unit__in=children).values_list("unit_id", "target"))
    own = Quota.objects.filter(year=year, unit=unit).first()
    copy = request.GET.get("sao_chep") == "1"
    previous = services.quota_previous_targets(unit=unit, year=year) if copy else {}
    initial = {**current, **previous} if copy else current
    can_set_parent = services.can_set_own_target(request.user, unit)
    kwargs = {
        "children": children,
        "initial_targets": initial,
        "parent_initial": own.target if own else None,
        "can_set_parent": can_set_parent,
    }
    year_errors = period_form.errors.get("nam") if period_form.is_bound else None
    state = services.quota_state(unit=unit, year=year)
    if request.method == "POST":
        form = AllocationForm(request.POST, **kwargs)
        if year_errors:
            # The year of the address is wrong: never fall back to this year and save there.
            for message in year_errors:
                form.add_error(None, message)
        elif form.is_valid():
            try:
                result = services.quota_allocate(
                    unit=unit,
                    year=year,
                    targets=form.targets(),
                    actor=request.user,
                    parent_target=form.cleaned_data.get("parent_target"),
                    set_parent=can_set_parent and "parent_target" in request.POST,
                    document=form.cleaned_data["document"],
                    expected_state=form.cleaned_data.get("state") or None,
                )
            except ValidationError as error:
                if is_stale(error):
                    # Keep the newer data: the form is drawn again from the database.
                    messages.error(request, STALE_MESSAGE)
                    form = AllocationForm(initial={"state": state}, **kwargs)
                else:
                    for message in error.messages:
                        form.add_error(None, message)
            else:
                messages.success(
                    request,
                    f"Đã lưu chỉ tiêu năm {year}: {result['created']} mới, {result['updated']} sửa, "
                    f"{result['deleted']} xóa.",
                )
                return redirect(f"{reverse('quotas-unit', args=[unit.code])}?nam={year}")
    else:
        form = AllocationForm(initial={"state": state}, **kwargs)
        for message in year_errors or []:
            messages.error(request, f"{message} Đang hiển thị năm {year}.")
    return render(
        request,
        "quotas/allocate.html",
        {
            "unit": unit,
            "year": year,
            "form": form,
            "own": own,
            "copy": copy,
            "previous_found": bool(previous),
            "current_sum": sum(current.values()),
        },
    )


GRASSROOTS_FILTERS = {
    "met": ("đã hoàn thành chỉ tiêu", lambda r: r.met is True),
    "unmet": ("chưa hoàn thành chỉ tiêu", lambda r: r.met is False),
    "none": ("chưa kết nạp được ai trong năm", lambda r: not r.admitted),
    "noquota": ("chưa được giao chỉ tiêu", lambda r: r.target is None),
}


@login_required
def grassroots(request, code):
    """The grassroots units behind the dashboard's counts ("32/80 hoàn thành", "46 chưa kết nạp")."""
    unit = get_scoped_or_404(request.user, PartyUnit, code=code)
    context = dashboard_context(request, unit)
    which = request.GET.get("loai", "")
    label, keep = GRASSROOTS_FILTERS.get(which, ("", lambda r: True))
    rows = [r for r in context["progress"].grassroots if keep(r)]
    page = Paginator(rows, 100).get_page(request.GET.get("page"))
    label_units(r.unit for r in page.object_list)
    context.update(
        {
            "rows": page,
            "which": which,
            "which_label": label,
            "filters": [(key, text) for key, (text, _) in GRASSROOTS_FILTERS.items()],
        }
    )
    return render(request, "quotas/grassroots.html", context)
