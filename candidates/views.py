"""Thin views: fetch through the scope (404 outside it), check the role (403), validate a form,
call one service, redirect. Refusals come back from the services as RuleViolation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from audit.services import record_national_id_search, record_person_view
from units.labels import label_units
from units.scope import Action, can, can_anywhere, get_scoped_or_404, home_units, scope_q, scoped
from vietnamese.text import clean_text, fold

from . import clock, panels, privacy, rules, selectors, services
from . import deadlines as due
from .filters import CandidateFilter, active_filters
from .forms import (
    ACTION_FORMS,
    CandidateForm,
    CellPickForm,
    EnrollForm,
)
from .forms_correction import CorrectionForm, correctable_fields
from .forms_privacy import CorrectionRequestForm, NationalIdSearchForm
from .models import PASSING_RESULTS, Candidate, Stage
from .services import RuleViolation

PAGE_SIZE = 50
CANDIDATE_QS = Candidate.objects.select_related("cell", "admitting_unit", "training_class")


def _candidate(request, pk) -> Candidate:
    return get_scoped_or_404(request.user, CANDIDATE_QS, pk=pk)


def mark_personal(user, people) -> None:
    """Set `personal` on each person: whether the user may see more than a list shows (least privilege
    for the training centre and the viewer). Assignments are cached: no query."""
    for person in people:
        person.personal = can(user, Action.VIEW_PERSONAL, person.cell)


def _action_right(key: str):
    if key in ("reopen", "readmit"):
        return Action.EDIT_CANDIDATES
    return services.ACTIONS[key]["right"]


def _can(user, right, unit) -> bool:
    rights = right if isinstance(right, tuple) else (right,)
    return any(can(user, r, unit) for r in rights)


def _is_stale(form, candidate: Candidate) -> bool:
    version = form.cleaned_data.get("version")
    return version is not None and int(version) != candidate.version


STALE_MESSAGE = (
    "Hồ sơ này vừa được người khác cập nhật (hoặc biểu mẫu đã được gửi trước đó). "
    "Dữ liệu mới nhất được giữ nguyên và hiển thị dưới đây; hãy kiểm tra rồi nhập lại nếu cần."
)


# ---- List ------------------------------------------------------------------------------------


@login_required
def candidate_list(request):
    filterset = CandidateFilter(request.GET, user=request.user, request=request)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = selectors.annotate_deadlines(list(page.object_list))
    mark_personal(request.user, rows)
    label_units(c.cell for c in rows)
    context = {
        "filter": filterset,
        "personal_anywhere": can_anywhere(request.user, Action.VIEW_PERSONAL),
        "page": page,
        "rows": rows,
        "filtered": active_filters(filterset),
        "can_create": can_anywhere(request.user, Action.EDIT_CANDIDATES),
        # The list report takes the same query parameters; its unit is the filtered one or the user's own.
        "export_unit": request.GET.get("unit") or next((u.code for u in home_units(request.user)), ""),
        "export_query": request.GET.urlencode(),
    }
    # A malformed filter (e.g. ?year=0) is ignored, said on the page, and answered 400.
    return render(request, "candidates/list.html", context, status=400 if filterset.form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def search_by_id(request):
    """Exact match on the national ID, by POST, only for roles that may see personal data."""
    if not can_anywhere(request.user, Action.VIEW_PERSONAL):
        raise PermissionDenied("Vai trò của bạn không được tìm theo số CCCD.")
    form = NationalIdSearchForm(request.POST if request.method == "POST" else None)
    results = None
    if request.method == "POST" and form.is_valid():
        term = form.cleaned_data["national_id"]
        found = list(scoped(request.user, CANDIDATE_QS).filter(national_id=term).order_by("sort_key", "id"))
        results = [c for c in found if can(request.user, Action.VIEW_PERSONAL, c.cell)]
        record_national_id_search(request, term=term, results=len(results))
    return render(request, "candidates/search_id.html", {"form": form, "results": results})


# ---- Create and edit -------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def candidate_create(request):
    if not can_anywhere(request.user, Action.EDIT_CANDIDATES):
        raise PermissionDenied("Vai trò của bạn không được thêm quần chúng.")
    cells = selectors.cells_for(request.user)
    initial = {}
    if request.GET.get("cell"):
        initial["cell"] = cells.filter(code=request.GET["cell"]).first()
    form = CandidateForm(request.POST or None, cells=cells, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.candidate_create(
                actor=request.user, cell=form.cleaned_data["cell"], data=form.person_data()
            )
        except RuleViolation as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, f"Đã thêm {result.candidate.full_name} vào danh sách tạo nguồn.")
            return redirect("candidates-detail", pk=result.candidate.pk)
    return render(
        request, "candidates/form.html", {"form": form, "candidate": None, "legal_basis": privacy.LEGAL_BASIS}
    )


@login_required
@require_http_methods(["GET", "POST"])
def candidate_edit(request, pk):
    candidate = _candidate(request, pk)
    if not can(request.user, Action.EDIT_CANDIDATES, candidate.cell):
        raise PermissionDenied("Vai trò của bạn không được sửa thông tin quần chúng.")
    form = CandidateForm(request.POST or None, instance=candidate)
    form.fields["version"].required = True
    if request.method == "POST" and form.is_valid():
        if _is_stale(form, candidate):
            messages.error(request, STALE_MESSAGE)
            return redirect("candidates-edit", pk=candidate.pk)
        try:
            services.candidate_update(
                actor=request.user,
                candidate=candidate,
                data=form.person_data(),
                expected_version=form.cleaned_data["version"],
            )
        except RuleViolation as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, "Đã lưu thông tin cá nhân.")
            return redirect("candidates-detail", pk=candidate.pk)
    context = {"form": form, "candidate": candidate, "legal_basis": privacy.LEGAL_BASIS}
    return render(request, "candidates/form.html", context)


# ---- Candidate page and actions --------------------------------------------------------------


def _action_form(key: str, request, candidate: Candidate, data=None):
    form_class = ACTION_FORMS[key]
    kwargs = {"candidate": candidate, "user": request.user, "prefix": key}
    if key == "training":
        kwargs["classes"] = selectors.class_list(request.user).order_by("-start_date")
    if key in ("transfer", "readmit"):
        kwargs["cells"] = selectors.cells_for(request.user).filter(valid_to__isnull=True)
    return form_class(data, **kwargs)


def _render_detail(request, candidate: Candidate, *, bound=None, bound_event=None, status=200):
    label_units([candidate.cell, candidate.admitting_unit])
    events = selectors.timeline(candidate)
    errors, warnings = [], []
    if candidate.is_open and candidate.stage == Stage.TRAINED:
        errors, warnings = services.admission_review(candidate, clock.today())
    offered = services.available_actions(candidate, request.user)
    blocked = services.step_blockers(candidate, [k for k, _ in offered], known={"cell_resolution": errors})
    # Only the steps possible now get a form; the others say why not (a refused form stays open).
    actions, not_yet = [], []
    for key, label in offered:
        posted = bool(bound and bound[0] == key)
        if key in blocked and not posted:
            not_yet.append({"key": key, "label": label, "reasons": blocked[key]})
            continue
        form = bound[1] if posted else _action_form(key, request, candidate)
        actions.append({"key": key, "label": label, "form": form, "open": posted})
    can_edit = can(request.user, Action.EDIT_CANDIDATES, candidate.cell)
    void_step = services.voidable_step(candidate, events, request.user)
    personal = can(request.user, Action.VIEW_PERSONAL, candidate.cell)
    corrections_of = {}
    for e in events:
        if e.corrects_id:
            corrections_of.setdefault(e.corrects_id, []).append(e)
    timeline = []
    for e in events if personal else []:
        correction_form = None
        if can_edit and correctable_fields(e) and not e.earlier and e.kind != "void" and e.void is None:
            if bound_event and bound_event[0] == e.pk:
                correction_form = bound_event[1]
            else:
                correction_form = CorrectionForm(event=e, candidate=candidate, prefix=f"ev{e.pk}")
        timeline.append(
            {
                "event": e,
                "corrected_by": corrections_of.get(e.pk, []),
                "form": correction_form,
                "open": bool(bound_event and bound_event[0] == e.pk),
                "voidable": e is void_step,
            }
        )
    stage_index = Stage.values.index(candidate.stage)
    cal = rules.holidays()
    context = {
        "candidate": candidate,
        "personal": personal,
        "timeline": timeline,
        "actions": actions,
        "not_yet": not_yet,
        "void_step": void_step,
        "can_edit": can_edit,
        "deadlines": selectors.deadlines(candidate, off=cal),
        "late_warnings": due.late_warnings(candidate, cal) + due.coverage_warnings(candidate, cal),
        "recognition_checklist": (
            services.recognition_checklist(candidate)
            if personal and candidate.stage in (Stage.PROBATIONARY, Stage.OFFICIAL)
            else []
        ),
        "official_date": rules.official_date(candidate.ceremony_date) if candidate.ceremony_date else None,
        "party_age": (
            rules.party_age(candidate.decision_date, clock.today())
            if candidate.stage == Stage.OFFICIAL and candidate.decision_date
            else None
        ),
        "checklist": services.dossier_checklist(candidate)
        if personal and stage_index <= Stage.values.index(Stage.PROPOSED)
        else [],
        # The unmet conditions of a meeting today, unless the blocked step already names them.
        "conditions": (warnings if "cell_resolution" in blocked else errors + warnings),
        "conditions_unmet": bool(errors) and "cell_resolution" not in blocked,
        "history": selectors.field_history(candidate) if personal else [],
        "enrollments": candidate.enrollments.select_related("training_class").order_by("-training_class__start_date"),
        "stages": [(value, label, i < stage_index, i == stage_index) for i, (value, label) in enumerate(Stage.choices)],
        "documents": candidate.documents.all() if personal else [],
        "introducers": candidate.introducers.select_related("member") if personal else [],
        "exceptions": candidate.exceptions.all() if personal else [],
        "readmissions": candidate.readmissions.select_related("cell"),
        "path_steps": selectors.path_steps(candidate)
        if candidate.is_open and stage_index <= Stage.values.index(Stage.DECIDED)
        else [],
        "can_read_access_log": can_anywhere(request.user, Action.READ_ACCESS_LOG),
        "correction_requests": candidate.correction_requests.all() if personal else [],
        "correction_form": CorrectionRequestForm(initial={"received_on": clock.today()}) if can_edit else None,
        "person_sections": panels.person_sections(request, candidate),
    }
    return render(request, "candidates/detail.html", context, status=status)


@login_required
def candidate_detail(request, pk):
    candidate = _candidate(request, pk)
    record_person_view(request, person_id=candidate.pk, unit_code=candidate.cell.code)
    return _render_detail(request, candidate)


@login_required
@require_http_methods(["GET", "POST"])
def candidate_action(request, pk, action):
    candidate = _candidate(request, pk)
    if action not in ACTION_FORMS:
        raise Http404("Không có thao tác này.")
    if request.method == "GET":
        # A reload or a bookmark of the action URL: the forms live on the candidate page.
        return redirect("candidates-detail", pk=candidate.pk)
    if not _can(request.user, _action_right(action), candidate.cell):
        raise PermissionDenied("Vai trò của bạn không được thực hiện thao tác này.")
    label = dict(services.available_actions(candidate, request.user)).get(action) or _label(action)
    form = _action_form(action, request, candidate, request.POST)
    if form.is_valid():
        if _is_stale(form, candidate):
            messages.error(request, STALE_MESSAGE)
            return redirect("candidates-detail", pk=candidate.pk)
        try:
            result = form.save(request.user)
        except RuleViolation as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, f"Đã ghi: {result.event.action if result.event else label}.")
            for warning in result.warnings:
                messages.warning(request, warning)
            # A re-admission opens a new record: the page of the new one.
            return redirect(reverse("candidates-detail", kwargs={"pk": result.candidate.pk}) + "#timeline")
    if action not in dict(services.available_actions(candidate, request.user)):
        # No form of this action on the page (e.g. another stage): the reasons go in the messages.
        for message in form.non_field_errors():
            messages.error(request, message)
        for name, errors in form.errors.items():
            if name != "__all__":
                messages.error(request, f"{form.fields[name].label}: {' '.join(errors)}")
        return redirect("candidates-detail", pk=candidate.pk)
    messages.error(request, f"Chưa ghi được “{label}”: xem lý do trong biểu mẫu bên dưới.")
    return _render_detail(request, candidate, bound=(action, form))


def _label(action: str) -> str:
    if action == "reopen":
        return "Khôi phục vào danh sách"
    if action == "readmit":
        return "Kết nạp lại (hồ sơ mới)"
    return services.ACTIONS[action]["label"]


@login_required
@require_http_methods(["GET", "POST"])
def event_correct(request, pk, event_pk):
    candidate = _candidate(request, pk)
    event = get_object_or_404(candidate.events.select_related("corrects"), pk=event_pk)
    if request.method == "GET":
        return redirect(reverse("candidates-detail", kwargs={"pk": candidate.pk}) + "#timeline")
    if not can(request.user, Action.EDIT_CANDIDATES, candidate.cell):
        raise PermissionDenied("Vai trò của bạn không được đính chính.")
    form = CorrectionForm(request.POST, event=event, candidate=candidate, prefix=f"ev{event.pk}")
    if form.is_valid():
        if _is_stale(form, candidate):
            messages.error(request, STALE_MESSAGE)
            return redirect("candidates-detail", pk=candidate.pk)
        try:
            form.save(request.user)
        except RuleViolation as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, f"Đã ghi đính chính cho “{event.action}”.")
            return redirect(reverse("candidates-detail", kwargs={"pk": candidate.pk}) + "#timeline")
    messages.error(request, "Chưa ghi được đính chính: xem lý do bên dưới.")
    return _render_detail(request, candidate, bound_event=(event.pk, form))


# ---- Deadline board --------------------------------------------------------------------------


@login_required
def board(request):
    key = request.GET.get("muc")
    if key in selectors.SECTIONS_BY_KEY:
        section = selectors.SECTIONS_BY_KEY[key]
        page = Paginator(selectors.board_section(user=request.user, key=key), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        rows = selectors.annotate_deadlines(list(page.object_list))
        mark_personal(request.user, rows)
        label_units(c.cell for c in rows)
        return render(request, "candidates/board_section.html", {"section": section, "page": page, "rows": rows})
    sections = selectors.board(user=request.user)
    label_units(c.cell for s in sections for c in s["rows"])
    total = sum(s["count"] for s in sections)
    return render(request, "candidates/board.html", {"sections": sections, "total": total})


# ---- Training classes ------------------------------------------------------------------------


def _class(request, pk):
    try:
        return selectors.class_list(request.user).get(pk=pk)
    except Exception:
        raise Http404("Không tìm thấy lớp hoặc bạn không có quyền xem.") from None


@login_required
def class_list(request):
    qs = selectors.class_list(request.user)
    term = clean_text(request.GET.get("q", ""))
    year = request.GET.get("year", "")
    if term:
        key = fold(term)
        qs = qs.filter(Q(code__icontains=term) | Q(name__icontains=term) | Q(code__icontains=key))
    year_error = ""
    if year:
        if year.isdigit() and len(year) == 4 and 2000 <= int(year) <= 2100:
            qs = qs.filter(start_date__year=int(year))
        else:
            year_error = "Năm phải là một số trong khoảng 2000–2100."
    in_scope = scope_q(request.user, "enrollments__candidate__cell__path")
    qs = qs.annotate(
        trainees=Count("enrollments", filter=in_scope, distinct=True),
        passed=Count("enrollments", filter=in_scope & Q(enrollments__result__in=PASSING_RESULTS), distinct=True),
    ).order_by("-start_date", "code")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "term": term, "year": year, "year_error": year_error}
    return render(request, "candidates/classes.html", context, status=400 if year_error else 200)


def _enroll_cells(user):
    return selectors.cells_for(user, action=Action.EDIT_CANDIDATES) | selectors.cells_for(
        user, action=Action.RECORD_TRAINING
    )


@login_required
def class_detail(request, pk):
    klass = _class(request, pk)
    enrollments = list(
        selectors.class_enrollments(request.user, klass).order_by("candidate__cell__path", "candidate__sort_key")
    )
    mark_personal(request.user, [en.candidate for en in enrollments])
    label_units(e.candidate.cell for e in enrollments)
    can_enroll = can_anywhere(request.user, Action.EDIT_CANDIDATES) or can_anywhere(
        request.user, Action.RECORD_TRAINING
    )
    return render(
        request,
        "candidates/class_detail.html",
        {"klass": klass, "enrollments": enrollments, "can_enroll": can_enroll, "today": clock.today()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def class_enroll(request, pk):
    klass = _class(request, pk)
    cells = _enroll_cells(request.user).distinct()
    if not (can_anywhere(request.user, Action.EDIT_CANDIDATES) or can_anywhere(request.user, Action.RECORD_TRAINING)):
        raise PermissionDenied("Vai trò của bạn không được cử người đi học.")
    data = request.POST if request.method == "POST" else request.GET
    pick = CellPickForm(data if data.get("cell") else None, cells=cells)
    if not data.get("cell") and cells.count() == 1:
        pick = CellPickForm({"cell": cells.first().code}, cells=cells)
    cell = pick.cleaned_data["cell"] if pick.is_bound and pick.is_valid() else None
    form = None
    if cell is not None:
        choices = selectors.enrollable(request.user, klass, cell)
        form = EnrollForm(request.POST if request.method == "POST" else None, choices=choices)
        if request.method == "POST" and form.is_valid():
            try:
                enrolled = services.class_enroll(
                    actor=request.user,
                    training_class=klass,
                    cell=cell,
                    candidates=list(form.cleaned_data["candidates"]),
                    note=form.cleaned_data["note"],
                )
            except RuleViolation as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, f"Đã cử {len(enrolled)} người của {cell.name} đi học {klass.name}.")
                return redirect("candidates-class-detail", pk=klass.pk)
    elif request.method == "POST":
        messages.error(request, "Hãy chọn chi bộ trước.")
    return render(request, "candidates/class_enroll.html", {"klass": klass, "pick": pick, "form": form, "cell": cell})
