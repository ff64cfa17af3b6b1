"""Progress against the quota over a unit's subtree, by child, quarter and month, in a fixed number of queries."""

from __future__ import annotations

import calendar
import datetime
from decimal import Decimal

from django.conf import settings
from django.db import connection
from django.db.models import (
    Count,
    Exists,
    F,
    FilteredRelation,
    OuterRef,
    Q,
    Value,
    Window,
)
from django.db.models.functions import Collate, Length, Substr
from django.utils import timezone

from candidates.models import Candidate, Stage
from units.models import CELL_KINDS, GRASSROOTS_KINDS, PartyUnit

from ..models import Quota, TermTarget
from .queries import Month, _check_scope, admitted_queryset, certificate_threshold, clamp_as_of, under, year_bounds
from .results import IDLE_LIST_LIMIT, QUARTER_NAMES, UNIT_FIELDS, Period, Progress, Row, TermProgress

# ---- the selectors --------------------------------------------------------------------------------


def unit_progress(
    *, unit: PartyUnit, year: int, as_of: datetime.date | None = None, user=None, detail: bool = True
) -> Progress:
    """Everything the dashboard shows for a unit, a year and an as-of date (see the module docstring).
    detail=False leaves out the grassroots counts, the term target and the idle cells (3 queries instead
    of 5–6: the compact dashboard of the home page)."""
    _check_scope(user, unit)
    start, year_end = year_bounds(year)
    as_of = clamp_as_of(year, as_of)
    year_days = 366 if calendar.isleap(year) else 365
    elapsed = (as_of - start).days + 1
    pace = (Decimal(elapsed) * 100 / year_days).quantize(Decimal("0.01"))
    idle_years = max(int(getattr(settings, "QUOTA_IDLE_YEARS", 2)), 1)
    idle_since = datetime.date(year - idle_years + 1, 1, 1)
    cert_from = certificate_threshold(year)
    child_len = len(unit.path) + unit.steplen

    # 1. ONE query for the units involved and their quota of the year (a LEFT JOIN on the quota):
    # the unit itself, its children, and (detail) the grassroots units below, all active in the year.
    active = Q(valid_to__isnull=True) | Q(valid_to__gte=start)
    wanted = Q(pk=unit.pk) | (Q(depth=unit.depth + 1) & active)
    if detail:
        wanted |= Q(kind__in=GRASSROOTS_KINDS) & active
    rows = list(
        PartyUnit.objects.filter(under("path", unit.path))
        .filter(wanted)
        .annotate(year_quota=FilteredRelation("quotas", condition=Q(quotas__year=year)))
        .order_by("path")
        .values_list(*UNIT_FIELDS, "year_quota__target", "year_quota__target_max")
    )
    # Plain rows (a thousand grassroots units at province level); model instances only for the children.
    quotas = {row[0]: (row[-2], row[-1]) for row in rows if row[-2] is not None}
    children = [PartyUnit(**dict(zip(UNIT_FIELDS, row, strict=False))) for row in rows if row[2] == unit.depth + 1]
    grassroots_paths = {row[1]: row[0] for row in rows if detail and row[6] in GRASSROOTS_KINDS}
    # 4. Admissions in ONE query: per (child prefix, month) — which gives the children, the unit itself
    # and the months — plus per grassroots prefix at every grassroots depth (month 0), as a UNION.
    group_len = child_len if children else len(unit.path)
    # The subtree test is on the joined unit's path (the join is there anyway for the prefix): for a
    # province one hash join, for a commune an index range on the units then a seek per unit.
    admitted_qs = Candidate.objects.filter(
        under("admitting_unit__path", unit.path), decision_date__gte=start, decision_date__lte=as_of
    ).order_by()
    parts = [
        admitted_qs.annotate(prefix=Substr("admitting_unit__path", 1, group_len), month=Month("decision_date"))
        .values("prefix", "month")
        # COUNT(*), not COUNT(id): the (decision_date, admitting_unit) index then answers alone.
        .annotate(n=Count("*"))
        .values_list("prefix", "month", "n")
    ]
    for length in sorted({len(p) for p in grassroots_paths} - {group_len}):
        parts.append(
            # Only paths at least that long: a shorter one would come back whole and count twice.
            admitted_qs.annotate(path_len=Length("admitting_unit__path"))
            .filter(path_len__gte=length)
            .annotate(prefix=Substr("admitting_unit__path", 1, length), month=Value(0))
            .values("prefix", "month")
            .annotate(n=Count("*"))
            .values_list("prefix", "month", "n")
        )
    admitted: dict[str, int] = {}
    by_month: dict[int, int] = {}
    for prefix, month, n in parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]:
        admitted[prefix] = admitted.get(prefix, 0) + n
        if month:
            by_month[month] = by_month.get(month, 0) + n
    # The unit's own total is the sum of its months (every admission of the subtree falls in one).
    admitted[unit.path] = sum(by_month.values())
    # 5. Pipeline (forecast) per child prefix: proposed and trained-with-valid-certificate (one query).
    pipeline = {
        prefix: {"proposed": proposed, "trained": trained}
        for prefix, proposed, trained in Candidate.objects.filter(
            under("cell__path", unit.path), is_open=True, stage__in=[Stage.PROPOSED, Stage.TRAINED]
        )
        .order_by()
        .annotate(prefix=Substr("cell__path", 1, group_len))
        .values("prefix")
        .annotate(
            # Counting an indexed column keeps this an index-only read of the cand_pipeline_open index.
            proposed=Count("stage", filter=Q(stage=Stage.PROPOSED)),
            trained=Count("stage", filter=Q(stage=Stage.TRAINED, certificate_date__gte=cert_from)),
        )
        .values_list("prefix", "proposed", "trained")
    }
    if group_len != len(unit.path):
        pipeline[unit.path] = {key: sum(v[key] for v in pipeline.values()) for key in ("proposed", "trained")}

    def row_for(u: PartyUnit) -> Row:
        target, target_max = quotas.get(u.pk, (None, None))
        pipe = pipeline.get(u.path, {})
        return Row(
            unit=u,
            target=target,
            target_max=target_max,
            admitted=admitted.get(u.path, 0),
            proposed=pipe.get("proposed", 0),
            trained=pipe.get("trained", 0),
            pace=pace,
            elapsed_days=elapsed,
            year_days=year_days,
        )

    root = row_for(unit)
    child_rows = [row_for(c) for c in children]

    # Quarters and months against the year's target.
    months: list[Period] = []
    running = 0
    for m in range(1, 13):
        m_start = datetime.date(year, m, 1)
        m_end = datetime.date(year, m, calendar.monthrange(year, m)[1])
        started = m_start <= as_of
        n = by_month.get(m, 0) if started else None
        if n is not None:
            running += n
        months.append(Period(m, f"Tháng {m}", m_start, m_end, n, root.target, running if started else None))
    quarters: list[Period] = []
    for q in range(4):
        q_months = months[q * 3 : q * 3 + 3]
        started = q_months[0].admitted is not None
        n = sum(p.admitted or 0 for p in q_months) if started else None
        cumulative = [p.cumulative for p in q_months if p.cumulative is not None]
        label = f"Quý {QUARTER_NAMES[q]}"
        quarters.append(
            Period(
                q + 1,
                label,
                q_months[0].start,
                q_months[-1].end,
                n,
                root.target,
                cumulative[-1] if cumulative else None,
            )
        )

    # 7-8. Term target covering the year, and admissions over the term so far.
    term = None
    term_target = (
        TermTarget.objects.filter(unit=unit, first_year__lte=year, last_year__gte=year).order_by("-first_year").first()
        if detail
        else None
    )
    if term_target is not None:
        t_start = datetime.date(term_target.first_year, 1, 1)
        t_end = min(as_of, datetime.date(term_target.last_year, 12, 31))
        term = TermProgress(term_target, admitted_queryset(unit=unit, start=t_start, end=t_end).count(), t_start, t_end)

    # 9-10. Idle cells: no admission since 1/1 of (year - N + 1).
    idle_qs = (
        PartyUnit.objects.filter(under("path", unit.path), kind__in=CELL_KINDS, valid_to__isnull=True)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=idle_since))
        # NOT EXISTS per cell answers from the (admitting_unit, decision_date) index alone.
        .exclude(
            Exists(
                Candidate.objects.filter(
                    admitting_unit=OuterRef("pk"), decision_date__gte=idle_since, decision_date__lte=as_of
                )
            )
        )
    )
    # On PostgreSQL, ORDER BY path LIMIT 50 tempts the planner into walking the whole path index in
    # order (the window count then reads every unit of the country: 88 ms at nation scale). Ordering in
    # the "C" collation, which no index has, keeps it on the subtree's LIKE index (17 ms); for paths of
    # [0-9A-Z] the order is the same.
    path_order = Collate("path", "C") if connection.vendor == "postgresql" else F("path")
    idle_cells = (
        list(idle_qs.annotate(total=Window(Count("pk"))).order_by(path_order.asc())[:IDLE_LIST_LIMIT]) if detail else []
    )
    idle_count = idle_cells[0].total if idle_cells else 0

    grassroots_quota = [(path, quotas[pk][0]) for path, pk in grassroots_paths.items() if pk in quotas]
    grassroots_values = [(row, admitted.get(row[1], 0)) for row in rows if row[1] in grassroots_paths]
    progress = Progress(
        unit=unit,
        target=root.target,
        target_max=root.target_max,
        admitted=root.admitted,
        proposed=root.proposed,
        trained=root.trained,
        pace=pace,
        elapsed_days=elapsed,
        year_days=year_days,
        year=year,
        as_of=as_of,
        start=start,
        children=child_rows,
        quarters=quarters,
        months=months,
        term=term,
        grassroots_total=len(grassroots_paths),
        grassroots_with_quota=len(grassroots_quota),
        grassroots_met=sum(1 for path, target in grassroots_quota if admitted.get(path, 0) >= target),
        grassroots_without_admission=sum(1 for path in grassroots_paths if not admitted.get(path, 0)),
        children_met=[r for r in child_rows if r.met],
        children_without_admission=[r for r in child_rows if r.admitted == 0],
        idle_years=idle_years,
        idle_since=idle_since,
        idle_cells_count=idle_count,
        idle_cells=idle_cells,
        grassroots_values=grassroots_values,
        certificate_valid_from=cert_from,
        detail=detail,
        forecast_applies=year >= timezone.localdate().year,
    )
    return progress


def quarter_progress(
    *, unit: PartyUnit, year: int, quarter: int, as_of: datetime.date | None = None, user=None
) -> Period:
    """Admissions in one quarter (up to the as-of date) against the year's target: "quý I: 28/95"."""
    _check_scope(user, unit)
    if quarter not in (1, 2, 3, 4):
        raise ValueError("quarter must be 1..4")
    as_of = clamp_as_of(year, as_of)
    q_start = datetime.date(year, quarter * 3 - 2, 1)
    q_end = datetime.date(year, quarter * 3, calendar.monthrange(year, quarter * 3)[1])
    quota = Quota.objects.filter(unit=unit, year=year).values_list("target", flat=True).first()
    n = admitted_queryset(unit=unit, start=q_start, end=min(q_end, as_of)).count() if q_start <= as_of else None
    return Period(quarter, f"Quý {QUARTER_NAMES[quarter - 1]}", q_start, q_end, n, quota)
