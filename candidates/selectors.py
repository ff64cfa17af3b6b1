"""Read queries over candidates, scoped to the user. Deadlines counted in working days are turned
into a cutoff date in Python (a handful of calendar computations, whatever the number of rows) and
then filtered in SQL, so every list here is one query per page."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from units.models import PartyUnit
from units.scope import Action, scope_paths, scoped
from units.selectors import counts_by_prefix

from . import clock, rules, workdays
from . import deadlines as dl
from .models import STAGE_ORDER, Candidate, Enrollment, Stage, StageEvent, TrainingClass

NOT_YET_PROPOSED = dl.NOT_YET_PROPOSED


def today() -> datetime.date:
    return clock.today()


def candidate_list(*, user, filters: dict | None = None) -> QuerySet:
    """The candidates the user may see, with what a list row shows; `filters` are plain field lookups."""
    qs = scoped(user, Candidate).select_related("cell")
    if filters:
        qs = qs.filter(**filters)
    return qs


def with_stage_order(qs: QuerySet) -> QuerySet:
    return qs.annotate(
        stage_order=Case(
            *[When(stage=s, then=Value(i)) for i, s in enumerate(STAGE_ORDER)],
            default=Value(99),
            output_field=IntegerField(),
        )
    )


# ---- Cutoff dates ----------------------------------------------------------------------------


def _latest(pred: Callable[[datetime.date], bool], lo: datetime.date, hi: datetime.date) -> datetime.date | None:
    """The latest day d in [lo, hi] with pred(d) true, for a predicate true up to some day and
    false after it (deadlines grow with their start date). None when pred(lo) is already false."""
    if not pred(lo):
        return None
    if pred(hi):
        return hi
    while (hi - lo).days > 1:
        mid = lo + datetime.timedelta(days=(hi - lo).days // 2)
        if pred(mid):
            lo = mid
        else:
            hi = mid
    return lo


_FAR = datetime.timedelta(days=365 * 12)
DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Cutoffs:
    """Start dates that put a row on the board on `on` (computed once per request)."""

    on: datetime.date
    certificate_expired: datetime.date | None  # certificate issued on/before: no longer valid
    certificate_warning: datetime.date | None  # issued on/before: expires within the warning window
    decision_late: dict[int, datetime.date | None]  # extension days -> cell resolution on/before: decision late
    ceremony_late: datetime.date | None  # received (default: decision) on/before: ceremony deadline passed
    probation_soon: datetime.date | None  # ceremony on/before: probation ends within the window
    recognition_cell_late: datetime.date | None  # ceremony on/before: the cell's 30 working days passed
    recognition_decision_late: datetime.date | None  # cell's recognition resolution on/before: decision late
    sympathizer_long: datetime.date | None  # on the list on/before: more than 12 months


def _late_start(on: datetime.date, days_for: Callable[[datetime.date], int], back: list, cal) -> datetime.date | None:
    """The latest start date whose deadline of `days_for(start)` working days is already past on `on`.
    Read off the working days before `on` (one backward walk for every deadline); when the rule set in
    force at that start counts another number of days, a binary search over the deadline decides."""
    n = days_for(on)
    if n <= len(back):
        guess = back[n - 1] - DAY
        if days_for(guess) == n and days_for(back[n - 1]) == n:
            return guess
    return _latest(lambda d: rules.add_working_days(d, days_for(d), cal) < on, on - _FAR, on)


def cutoffs(on: datetime.date | None = None) -> Cutoffs:
    on = on or today()
    r = rules.rules_for(on)
    cal = rules.holidays()
    lo, hi = on - _FAR, on
    warn_until = on + datetime.timedelta(days=r.certificate_warning_days)
    probation_until = on + datetime.timedelta(days=r.probation_warning_days)
    longest = r.decision_working_days + r.decision_extension_working_days
    back = workdays.working_days_before(cal, on, longest + 5)

    def decision_days(extra: int) -> Callable[[datetime.date], int]:
        return lambda d: rules.rules_for(d).decision_working_days + extra

    decision_late = {
        e: _late_start(on, decision_days(e), back, cal) for e in range(r.decision_extension_working_days + 1)
    }
    probation_end_late = _late_start(on, lambda d: rules.rules_for(d).recognition_cell_working_days, back, cal)
    return Cutoffs(
        on=on,
        certificate_expired=_latest(lambda d: rules.certificate_expiry(d, on) <= on, lo, hi),
        certificate_warning=_latest(lambda d: rules.certificate_expiry(d, on) <= warn_until, lo, hi),
        decision_late=decision_late,
        ceremony_late=_late_start(on, lambda d: rules.rules_for(d).ceremony_working_days, back, cal),
        probation_soon=_latest(lambda d: rules.probation_end(d) <= probation_until, lo, hi),
        recognition_cell_late=(
            _latest(lambda d: rules.probation_end(d) <= probation_end_late, lo, hi) if probation_end_late else None
        ),
        recognition_decision_late=_late_start(
            on, lambda d: rules.rules_for(d).recognition_decision_working_days, back, cal
        ),
        sympathizer_long=_latest(lambda d: rules.add_months(d, r.sympathizer_without_training_months) < on, lo, hi),
    )


def _on_or_before(field: str, day: datetime.date | None) -> Q:
    return Q(**{f"{field}__lte": day}) if day else Q(pk__in=[])


def _after(field: str, day: datetime.date | None) -> Q:
    return Q(**{f"{field}__gt": day}) if day else Q()


# ---- Board conditions (each a Q over open candidates) ----------------------------------------


def q_certificate_expiring(c: Cutoffs) -> Q:
    """Not yet proposed, certificate expired or expiring within the warning window."""
    return Q(is_open=True, stage__in=NOT_YET_PROPOSED, certificate_date__isnull=False) & _on_or_before(
        "certificate_date", c.certificate_warning
    )


def q_decision_late(c: Cutoffs) -> Q:
    """60 working days after the cell's resolution, + the recorded extension, and no decision yet."""
    late = Q(decision_extension_days__isnull=True) & _on_or_before("cell_resolution_date", c.decision_late[0])
    for days, cutoff in c.decision_late.items():
        if days:
            late |= Q(decision_extension_days=days) & _on_or_before("cell_resolution_date", cutoff)
    return Q(is_open=True, stage=Stage.PROPOSED, decision_date__isnull=True) & late


def q_ceremony_late(c: Cutoffs) -> Q:
    """30 working days after the cell received the decision (default: the decision date), no ceremony and
    no recorded approval of the upper committee for a later one."""
    received = Q(decision_received_date__isnull=True) & _on_or_before("decision_date", c.ceremony_late)
    received |= _on_or_before("decision_received_date", c.ceremony_late)
    return (
        Q(is_open=True, stage=Stage.DECIDED, ceremony_date__isnull=True, ceremony_late_approval_date__isnull=True)
        & received
    )


def q_probation_ending(c: Cutoffs) -> Q:
    """Probation ends within the window (or has ended), the cell has not yet considered recognition and
    its 30 working days are not yet over."""
    return (
        Q(is_open=True, stage=Stage.PROBATIONARY, ceremony_date__isnull=False, recognition_resolution_date__isnull=True)
        & _on_or_before("ceremony_date", c.probation_soon)
        & _after("ceremony_date", c.recognition_cell_late)
    )


def q_recognition_cell_late(c: Cutoffs) -> Q:
    """The cell has not considered recognition within 30 working days after probation ended."""
    return Q(is_open=True, stage=Stage.PROBATIONARY, recognition_resolution_date__isnull=True) & _on_or_before(
        "ceremony_date", c.recognition_cell_late
    )


def q_recognition_decision_late(c: Cutoffs) -> Q:
    """The committee has not decided within 30 working days after the cell's recognition resolution."""
    return Q(is_open=True, stage=Stage.PROBATIONARY, recognition_decision_date__isnull=True) & _on_or_before(
        "recognition_resolution_date", c.recognition_decision_late
    )


def q_recognition_late(c: Cutoffs) -> Q:
    return q_recognition_cell_late(c) | q_recognition_decision_late(c)


def q_sympathizer_untrained(c: Cutoffs) -> Q:
    return Q(is_open=True, stage=Stage.SYMPATHIZER, certificate_date__isnull=True) & _on_or_before(
        "sympathizer_date", c.sympathizer_long
    )


def q_overdue(c: Cutoffs) -> Q:
    """Anything past a deadline: late decision, ceremony or recognition, an expired certificate of
    someone not yet proposed, a sympathizer untrained for too long."""
    expired = Q(is_open=True, stage__in=NOT_YET_PROPOSED) & _on_or_before("certificate_date", c.certificate_expired)
    return q_decision_late(c) | q_ceremony_late(c) | q_recognition_late(c) | q_sympathizer_untrained(c) | expired


def q_missing_birth(c: Cutoffs) -> Q:
    """Imported without a birth date: the age conditions cannot be checked until it is filled."""
    return Q(is_open=True, birth_date__isnull=True)


@dataclass(frozen=True)
class BoardSection:
    key: str
    title: str
    hint: str
    condition: Callable[[Cutoffs], Q]
    order: tuple[str, ...]


BOARD_SECTIONS: tuple[BoardSection, ...] = (
    BoardSection(
        "le-ket-nap",
        "Lễ kết nạp quá hạn",
        "Quá 30 ngày làm việc kể từ ngày chi bộ nhận quyết định kết nạp (chưa ghi: ngày quyết định) mà chưa tổ chức "
        "lễ, chưa có ý kiến đồng ý tổ chức muộn của cấp ủy cấp trên.",
        q_ceremony_late,
        ("decision_date", "id"),
    ),
    BoardSection(
        "quyet-dinh",
        "Quyết định kết nạp quá hạn",
        "Quá 60 ngày làm việc kể từ nghị quyết chi bộ (cộng số ngày gia hạn đã ghi) mà chưa có quyết định kết nạp.",
        q_decision_late,
        ("cell_resolution_date", "id"),
    ),
    BoardSection(
        "cong-nhan-chi-bo",
        "Chi bộ chưa xét công nhận chính thức quá hạn",
        "Quá 30 ngày làm việc kể từ ngày hết 12 tháng dự bị mà chi bộ chưa có nghị quyết đề nghị công nhận.",
        q_recognition_cell_late,
        ("ceremony_date", "id"),
    ),
    BoardSection(
        "cong-nhan-quyet-dinh",
        "Quyết định công nhận chính thức quá hạn",
        "Quá 30 ngày làm việc kể từ nghị quyết chi bộ đề nghị công nhận mà cấp ủy chưa có quyết định.",
        q_recognition_decision_late,
        ("recognition_resolution_date", "id"),
    ),
    BoardSection(
        "du-bi",
        "Sắp hết thời gian dự bị",
        "Hết 12 tháng dự bị trong 30 ngày tới (hoặc vừa hết): chuẩn bị xét công nhận.",
        q_probation_ending,
        ("ceremony_date", "id"),
    ),
    BoardSection(
        "giay-chung-nhan",
        "Giấy chứng nhận bồi dưỡng sắp hết hạn",
        "Chưa được đề nghị kết nạp; giấy chứng nhận hết hạn trong 90 ngày tới hoặc đã hết hạn.",
        q_certificate_expiring,
        ("certificate_date", "id"),
    ),
    BoardSection(
        "cam-tinh",
        "Cảm tình Đảng quá 12 tháng chưa học lớp bồi dưỡng",
        "Đã vào danh sách cảm tình Đảng hơn 12 tháng mà chưa có giấy chứng nhận bồi dưỡng.",
        q_sympathizer_untrained,
        ("sympathizer_date", "id"),
    ),
    BoardSection(
        "thieu-ngay-sinh",
        "Hồ sơ thiếu ngày sinh",
        "Nhập từ tệp không có ngày sinh: cần bổ sung trước khi xét kết nạp (điều kiện tuổi).",
        q_missing_birth,
        ("sort_key", "id"),
    ),
)
SECTIONS_BY_KEY = {s.key: s for s in BOARD_SECTIONS}


def board_section(*, user, key: str, c: Cutoffs | None = None) -> QuerySet:
    section = SECTIONS_BY_KEY[key]
    c = c or cutoffs()
    return candidate_list(user=user).filter(section.condition(c)).order_by(*section.order)


def board(*, user, limit: int = 20) -> list[dict]:
    """Every section of the deadline board: its count and first rows (two queries a section)."""
    c = cutoffs()
    cal = rules.holidays()
    out = []
    for section in BOARD_SECTIONS:
        qs = board_section(user=user, key=section.key, c=c)
        rows = list(qs[:limit])
        count = len(rows) if len(rows) < limit else qs.count()
        out.append({"section": section, "rows": annotate_deadlines(rows, c.on, cal), "count": count})
    return out


# ---- Per-candidate deadlines: candidates.deadlines (Deadline, candidate_deadlines, annotate_deadlines) ----

Deadline = dl.Deadline
deadlines = dl.candidate_deadlines
annotate_deadlines = dl.annotate_deadlines


# ---- Candidate page --------------------------------------------------------------------------


def timeline(candidate: Candidate) -> list[StageEvent]:
    """Events in legal-date order; a correction carries `changes_display` (field: before -> after), a
    voided step its `void`. A re-admitted member's timeline begins with the first admission's record
    (`earlier` is set)."""
    ids = [candidate.pk] + ([candidate.readmission_of_id] if candidate.readmission_of_id else [])
    events = list(
        StageEvent.objects.filter(candidate_id__in=ids)
        .select_related("entered_by", "unit", "corrects")
        .order_by("legal_date", "entered_at", "id")
    )
    voids = {e.voids_id: e for e in events if e.voids_id}
    for e in events:
        e.earlier = e.candidate_id != candidate.pk
        e.void = voids.get(e.pk)  # the void that cancelled this step, if any
        e.changes_display = []
        if e.kind == "correction":
            before, after = e.data.get("before", {}), e.data.get("after", {})
            for name, new in after.items():
                try:
                    field = Candidate._meta.get_field(name)
                except Exception:
                    continue
                e.changes_display.append(
                    {
                        "label": str(field.verbose_name).capitalize(),
                        "old": _display(field, _parse(field, before.get(name))),
                        "new": _display(field, _parse(field, new)),
                    }
                )
    return events


def _parse(field, value):
    if isinstance(value, str) and field.get_internal_type() == "DateField":
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return value
    return value


HISTORY_HIDDEN = {"version", "updated_at", "created_at"}


def field_history(candidate: Candidate, limit: int = 30) -> list[dict]:
    """Field-level changes from django-simple-history, newest first: who, when, field, old -> new."""
    records = list(
        candidate.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    out = []
    for newer, older in zip(records, records[1:] + [None], strict=False):
        if older is None:
            if len(records) <= limit:
                out.append({"record": newer, "changes": [], "created": True})
            continue
        delta = newer.diff_against(older, excluded_fields=HISTORY_HIDDEN)
        changes = []
        for change in delta.changes:
            field = Candidate._meta.get_field(change.field)
            changes.append(
                {
                    "label": str(field.verbose_name).capitalize(),
                    "old": _display(field, change.old),
                    "new": _display(field, change.new),
                }
            )
        if changes:
            out.append({"record": newer, "changes": changes, "created": False})
    return out[:limit]


def _display(field, value) -> str:
    if value in (None, ""):
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if field.name == "national_id":
        return "•" * max(len(str(value)) - 3, 0) + str(value)[-3:]
    if field.is_relation:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related else str(value)
    return str(value)


# ---- Units and classes -----------------------------------------------------------------------


def cells_for(user, *, action: str | None = Action.EDIT_CANDIDATES) -> QuerySet:
    """Active cells in the user's scope (where the role has the right, when one is given)."""
    from units.models import CELL_KINDS
    from units.scope import ACTION_ROLES, assignments

    qs = scoped(user, PartyUnit).filter(kind__in=CELL_KINDS, valid_to__isnull=True)
    if action and not getattr(user, "is_superuser", False):
        paths = [a.unit.path for a in assignments(user) if a.role in ACTION_ROLES[action]]
        q = Q(pk__in=[])
        for p in paths:
            q |= Q(path__startswith=p)
        qs = qs.filter(q)
    return qs.order_by("path")


def class_list(user) -> QuerySet:
    """Classes in the user's scope, and the classes of the units above it (a cell's people attend
    the province's classes); trainees are shown only for the user's scope."""
    paths = scope_paths(user)
    qs = TrainingClass.objects.select_related("unit")
    if paths is None:
        return qs
    q = Q(pk__in=[])
    for p in paths:
        steplen = PartyUnit.steplen
        ancestors = [p[: steplen * i] for i in range(1, len(p) // steplen)]
        q |= Q(unit__path__startswith=p) | Q(unit__path__in=ancestors)
    return qs.filter(q)


def class_enrollments(user, training_class: TrainingClass) -> QuerySet:
    return scoped(user, Enrollment.objects.filter(training_class=training_class)).select_related(
        "candidate", "candidate__cell"
    )


def enrollable(user, training_class: TrainingClass, cell: PartyUnit) -> QuerySet:
    """Open sympathizers of a cell not yet in the class (the bulk enrolment's choices)."""
    return (
        scoped(user, Candidate)
        .filter(cell=cell, is_open=True, stage=Stage.SYMPATHIZER)
        .exclude(enrollments__training_class=training_class)
        .order_by("sort_key", "id")
    )


def pipeline_counts_by_prefix(user, root: PartyUnit, lengths: list[int]) -> dict[str, int]:
    """{path prefix: open candidates not yet full members} in the root's subtree, in one query
    (the "candidates" column of the unit tree, registered with units.selectors)."""
    qs = scoped(user, Candidate).filter(cell__path__startswith=root.path, is_open=True).exclude(stage=Stage.OFFICIAL)
    return counts_by_prefix(qs, "cell__path", lengths)


def path_steps(candidate: Candidate) -> list[str]:
    """The steps from the cell's resolution to the decision for this candidate's cell (from the tree)."""
    from .services.path import admission_path

    path = admission_path(candidate.cell)
    steps = [f"Nghị quyết của {candidate.cell.name} (6-KNĐ, ít nhất 2/3 đảng viên chính thức tán thành)"]
    if path.needs_appraisal:
        steps.append(f"Báo cáo thẩm định của {path.partial.name} (7-KNĐ)")
    if path.needs_committee_resolution:
        committee = path.grassroots.name.replace("Đảng bộ", "Đảng ủy", 1)
        if path.authorized_on(today()):
            steps.append(f"{committee} (được ủy quyền) xét và quyết định kết nạp (ít nhất 2/3 cấp ủy viên)")
            return steps
        steps.append(f"Nghị quyết của {committee} (8-KNĐ, ít nhất 2/3 cấp ủy viên tán thành)")
    elif path.authorized_on(today()):
        steps.append(f"{candidate.cell.name} (được ủy quyền) quyết định kết nạp")
        return steps
    steps.append("Quyết định kết nạp của Ban Thường vụ cấp ủy có thẩm quyền (9-KNĐ)")
    return steps
