from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from . import selectors, services
from .forms import UnitForm, UnitMergeForm, UnitSearchForm
from .labels import display_names, label_units
from .models import CELL_KINDS, GRASSROOTS_KINDS, PartyUnit, UnitMerge
from .scope import Action, can, get_scoped_or_404, home_units, in_scope, require, scoped
from .versioning import STALE_MESSAGE, is_stale

TREE_DEPTH = 4  # levels shown expanded on a tree page; deeper units are one click away


@login_required
def unit_tree(request):
    roots = home_units(request.user)
    trees = [{"root": root, "rows": selectors.tree_rows(request.user, root, max_depth=TREE_DEPTH)} for root in roots]
    return render(request, "units/tree.html", {"trees": trees, "search_form": UnitSearchForm()})


@login_required
def unit_search(request):
    form = UnitSearchForm(request.GET)
    results = PartyUnit.objects.none()
    term = ""
    if form.is_valid():
        term = form.cleaned_data["q"]
        if term:
            results = selectors.unit_search(request.user, term).order_by("path")
    page = Paginator(results, 50).get_page(request.GET.get("page"))
    label_units(page.object_list)
    return render(request, "units/search.html", {"form": form, "page": page, "term": term})


LOOKUP_LIMIT = 20
LOOKUP_KINDS = {"chi-bo": CELL_KINDS, "co-so": GRASSROOTS_KINDS}


@login_required
def unit_lookup(request):
    """Type-ahead of the unit pickers (static/js/unit_picker.js): units of the user's scope whose
    name (or an ancestor's) holds the words typed, diacritics ignored, told apart where names repeat."""
    term = request.GET.get("q", "").strip()[:100]
    if not term:
        return JsonResponse({"results": []})
    qs = selectors.unit_search(request.user, term).filter(valid_to__isnull=True)
    kinds = LOOKUP_KINDS.get(request.GET.get("loai", ""))
    if kinds:
        qs = qs.filter(kind__in=kinds)
    units = list(qs.order_by("depth", "path").only("id", "path", "name", "code", "kind")[:LOOKUP_LIMIT])
    names = display_names(units)
    results = [{"code": u.code, "id": u.pk, "label": names[u.pk], "kind": u.get_kind_display()} for u in units]
    return JsonResponse({"results": results})


@login_required
def unit_detail(request, code):
    unit = get_scoped_or_404(request.user, PartyUnit, code=code)
    rows = selectors.tree_rows(request.user, unit, max_depth=1)
    merges = UnitMerge.objects.filter(source=unit) | UnitMerge.objects.filter(target=unit)
    context = {
        "unit": unit,
        "ancestors": list(scoped(request.user, selectors.ancestors(unit))),
        "self_row": rows[0],
        "child_rows": rows[1:],
        "merges": merges.select_related("source", "target").order_by("-merged_on")[:20],
        "can_manage": can(request.user, Action.MANAGE_UNITS, unit),
    }
    return render(request, "units/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def unit_merge(request, code):
    unit = get_scoped_or_404(request.user, PartyUnit, code=code)
    require(request.user, Action.MANAGE_UNITS, unit)
    targets = (
        scoped(request.user, PartyUnit)
        .filter(valid_to__isnull=True, kind=unit.kind)
        .exclude(path__startswith=unit.path)
        .order_by("name")
    )
    form = UnitMergeForm(request.POST or None, target_queryset=targets)
    if request.method == "POST" and form.is_valid():
        try:
            record = services.unit_merge(
                source=unit,
                target=form.cleaned_data["target"],
                merged_on=form.cleaned_data["merged_on"],
                decision=form.cleaned_data["decision"],
                actor=request.user,
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, f"Đã sáp nhập “{record.source.name}” vào “{record.target.name}”.")
            return redirect("units-detail", code=record.target.code)
    return render(request, "units/merge.html", {"unit": unit, "form": form})


UNIT_FIELDS = [
    "code",
    "name",
    "kind",
    "sector",
    "valid_from",
    "valid_to",
    "member_count",
    "has_youth_union",
    "has_trade_union",
    "admission_authorization_number",
    "admission_authorization_date",
    "admission_authorized_by",
]


def _uppers(unit_path: str):
    """The committees that may authorize a grassroots committee: the units above it."""
    paths = [unit_path[: PartyUnit.steplen * i] for i in range(1, len(unit_path) // PartyUnit.steplen + 1)]
    return PartyUnit.objects.filter(path__in=paths).exclude(kind__in=CELL_KINDS).order_by("path")


def _apply_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        for message in exc.messages:
            form.add_error(None, message)


@login_required
@require_http_methods(["GET", "POST"])
def unit_create(request, code):
    parent = get_scoped_or_404(request.user, PartyUnit, code=code)
    require(request.user, Action.MANAGE_UNITS, parent)
    form = UnitForm(request.POST or None, upper_queryset=_uppers(parent.path))
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.unit_create(
                parent=parent, actor=request.user, **{k: form.cleaned_data[k] for k in UNIT_FIELDS}
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, f"Đã thêm “{unit.name}”.")
            return redirect("units-detail", code=unit.code)
    return render(
        request, "units/form.html", {"form": form, "parent": parent, "title": f"Thêm đơn vị trực thuộc {parent.name}"}
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_edit(request, code):
    unit = get_scoped_or_404(request.user, PartyUnit, code=code)
    require(request.user, Action.MANAGE_UNITS, unit)
    parent_qs = (
        scoped(request.user, PartyUnit).filter(valid_to__isnull=True).exclude(kind__in=CELL_KINDS).order_by("path")
    )
    current_parent = PartyUnit.objects.filter(path=unit.parent_path).first()
    if unit.depth == 1 or current_parent is None or not in_scope(request.user, current_parent):
        parent_qs = None  # the top of the user's scope cannot be moved from here
    initial = {k: getattr(unit, k) for k in UNIT_FIELDS} | {"parent": current_parent, "version": unit.version}
    form = UnitForm(
        request.POST or None, initial=initial, parent_queryset=parent_qs, upper_queryset=_uppers(unit.parent_path)
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.unit_update(
                    unit=unit,
                    actor=request.user,
                    expected_version=form.cleaned_data.get("version"),
                    **{k: form.cleaned_data[k] for k in UNIT_FIELDS},
                )
                new_parent = form.cleaned_data.get("parent")
                if new_parent is not None and new_parent.path != unit.parent_path:
                    services.unit_move(unit=unit, new_parent=new_parent, actor=request.user)
        except ValidationError as exc:
            if is_stale(exc):
                # Show the newer data, not the stale form's values.
                unit.refresh_from_db()
                form = UnitForm(
                    initial={k: getattr(unit, k) for k in UNIT_FIELDS}
                    | {"parent": PartyUnit.objects.filter(path=unit.parent_path).first(), "version": unit.version},
                    parent_queryset=parent_qs,
                )
                messages.error(request, STALE_MESSAGE)
            else:
                _apply_errors(form, exc)
        else:
            messages.success(request, f"Đã lưu “{unit.name}”.")
            return redirect("units-detail", code=unit.code)
    return render(request, "units/form.html", {"form": form, "unit": unit, "title": f"Sửa {unit.name}"})
