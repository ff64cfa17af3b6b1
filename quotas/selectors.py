"""Quota progress: admitted against target for a unit, a year and an as-of date, aggregated in SQL.

Stable API (used by the dashboard and by reports):

    unit_progress(*, unit, year, as_of=None, user=None) -> Progress
    quarter_progress(*, unit, year, quarter, as_of=None, user=None) -> Row   (one quarter against the year's target)
    admitted_queryset(*, unit, start, end) / proposed_queryset(*, unit) / trained_queryset(*, unit, year)
        -> the Candidate querysets behind every number (the lists the dashboard links to)

Counting rules (DOMAIN.md, "Quotas"):
- admitted = candidates whose `decision_date` lies between 1 January of the year and the as-of date
  (clamped to the year), counted under `admitting_unit` (the cell at the decision: a later transfer
  does not move the admission) over the unit's whole subtree. A person admitted and later struck off
  or exited was still admitted that year: exits do not remove an admission.
- target = the unit's own Quota for the year (a unit without one is "chưa giao chỉ tiêu": percent and
  met are None, never 0%). Met means admitted >= target (the minimum; target_max is the "strive for").
- percent = admitted / target, two decimals, ROUND_HALF_UP (1214/1150 = 105.57).
- forecast = admitted + proposed (stage proposed, open) + trained (stage trained, open, certificate still
  valid on 31/12 of the year), each shown separately. The pipeline parts are the pipeline as it is
  now (stages are current state), so the forecast is meaningful for the current year.
- pace = share of the year elapsed at the as-of date; behind = a target exists and
  admitted/target < pace (compared exactly in integers).
- merged units: the merge handler (quotas.services.merge_handler) moves the source's quotas and
  admissions from the merge year on to the successor, so the successor counts them.
- idle cells = active cells of the subtree (existing since the start of the window) with no admission
  between 1 January of (year - QUOTA_IDLE_YEARS + 1) and the as-of date.

Query count is constant whatever the number of units and candidates: 5 (6 with a term target) for the
full dashboard, 3 with detail=False. Every per-unit number comes from GROUP BY substr(path, 1, n)
queries: units + their quota (one LEFT JOIN), admissions per (child, month) UNION per grassroots unit,
the pipeline per child, the term count, the idle cells (NOT EXISTS on the admitting-unit index).
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.conf import settings
from django.db import connection
from django.db.models import (
    Count,
    Exists,
    F,
    FilteredRelation,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    Window,
)
from django.db.models.functions import Collate, Length, Substr
from django.http import Http404
from django.utils import timezone

from candidates.models import Candidate, Stage
from candidates.rules import add_months, certificate_valid_on
from units.models import CELL_KINDS, GRASSROOTS_KINDS, PartyUnit
from units.scope import in_scope
from vietnamese.text import quantize_percent

from .models import Quota, TermTarget

QUARTER_NAMES = ["I", "II", "III", "IV"]
IDLE_LIST_LIMIT = 50
# The unit columns read for the children and grassroots rows (then the year's target and target_max).
UNIT_FIELDS = ("id", "path", "depth", "numchild", "code", "name", "kind", "valid_from", "valid_to")


# ---- result types ---------------------------------------------------------------------------------


@dataclass
class Row:
    """Progress of one unit (or one period) against a target."""

    unit: PartyUnit | None
    target: int | None
    target_max: int | None
    admitted: int
    proposed: int = 0
    trained: int = 0
    # Share of the year elapsed at the as-of date, in percent (2 decimals).
    pace: Decimal = Decimal("0.00")
    elapsed_days: int = 0
    year_days: int = 365

    @property
    def has_quota(self) -> bool:
        return self.target is not None

    @cached_property  # a row is read many times when a page shows it, and never changed
    def percent(self) -> Decimal | None:
        """admitted / target in percent, 2 decimals ROUND_HALF_UP; None when there is no quota (or 0)."""
        if self.target is None:
            return None
        return quantize_percent(self.admitted, self.target)

    @property
    def met(self) -> bool | None:
        if self.target is None:
            return None
        return self.admitted >= self.target

    @property
    def forecast(self) -> int:
        return self.admitted + self.proposed + self.trained

    @property
    def forecast_met(self) -> bool | None:
        if self.target is None:
            return None
        return self.forecast >= self.target

    @property
    def forecast_percent(self) -> Decimal | None:
        return None if self.target is None else quantize_percent(self.forecast, self.target)

    @property
    def expected(self) -> Decimal | None:
        """Admissions expected by now at an even pace (target × share of the year elapsed)."""
        if self.target is None:
            return None
        return (Decimal(self.target) * self.elapsed_days / self.year_days).quantize(Decimal("0.1"))

    @property
    def behind(self) -> bool | None:
        """admitted/target < elapsed/year_days, compared exactly; None without a quota."""
        if not self.target:
            return None
        return self.admitted * self.year_days < self.target * self.elapsed_days

    @property
    def bar_width(self) -> int:
        """Width of the progress bar in percent (capped at 100)."""
        percent = self.percent
        return 0 if percent is None else int(min(percent, Decimal(100)))

    @property
    def pace_position(self) -> int:
        return int(min(self.pace, Decimal(100)))


@dataclass
class Period:
    """Admissions in a quarter or a month, against the year's target ("quý I: 28/95, 29,5%")."""

    number: int
    label: str
    start: datetime.date
    end: datetime.date
    admitted: int | None  # None for a period that has not started at the as-of date
    target: int | None
    cumulative: int | None = None

    @property
    def percent(self) -> Decimal | None:
        if self.admitted is None or self.target is None:
            return None
        return quantize_percent(self.admitted, self.target)


@dataclass
class TermProgress:
    term: TermTarget
    admitted: int
    start: datetime.date
    end: datetime.date

    @property
    def target(self) -> int:
        return self.term.target

    @property
    def percent(self) -> Decimal | None:
        return quantize_percent(self.admitted, self.term.target)

    @property
    def met(self) -> bool:
        return self.admitted >= self.term.target


@dataclass
class Progress(Row):
    year: int = 0
    as_of: datetime.date | None = None
    start: datetime.date | None = None
    children: list[Row] = field(default_factory=list)
    quarters: list[Period] = field(default_factory=list)
    months: list[Period] = field(default_factory=list)
    term: TermProgress | None = None
    # Grassroots units (tổ chức cơ sở đảng) of the subtree: how many, how many have a quota,
    # how many met it ("20 cấp ủy cơ sở hoàn thành"), how many admitted nobody this year.
    grassroots_total: int = 0
    grassroots_with_quota: int = 0
    grassroots_met: int = 0
    grassroots_without_admission: int = 0
    # Children (the rows) that met their target / admitted nobody this year.
    children_met: list[Row] = field(default_factory=list)
    children_without_admission: list[Row] = field(default_factory=list)
    # Cells with no admission in the last `idle_years` years (first IDLE_LIST_LIMIT listed, all counted).
    idle_years: int = 2
    idle_since: datetime.date | None = None
    idle_cells_count: int = 0
    idle_cells: list[PartyUnit] = field(default_factory=list)
    # (detail) (unit values, admitted) per grassroots unit of the subtree, in tree order; the `grassroots`
    # property turns them into Rows only when a page lists them (the dashboard needs the counts alone).
    grassroots_values: list[tuple[tuple, int]] = field(default_factory=list, repr=False)
    certificate_valid_from: datetime.date | None = None
    # False for the compact version (no grassroots counts, term target or idle cells).
    detail: bool = True
    # The pipeline is today's: a forecast only makes sense for the current (or a future) year.
    forecast_applies: bool = True

    @cached_property
    def grassroots(self) -> list[Row]:
        """One Row per grassroots unit of the subtree, in tree order: the list behind the counts above."""
        return [
            Row(
                unit=PartyUnit(**dict(zip(UNIT_FIELDS, values, strict=False))),
                target=values[-2],
                target_max=values[-1],
                admitted=admitted,
            )
            for values, admitted in self.grassroots_values
        ]

    @property
    def children_targets_sum(self) -> int:
        return sum(r.target or 0 for r in self.children)

    @property
    def children_admitted_sum(self) -> int:
        return sum(r.admitted for r in self.children)


# ---- helpers --------------------------------------------------------------------------------------


def year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def clamp_as_of(year: int, as_of: datetime.date | None) -> datetime.date:
    """The as-of date inside the year: today for the current year, 31/12 for a past year."""
    first, last = year_bounds(year)
    if as_of is None:
        as_of = datetime.date.today()
    return min(max(as_of, first), last)


def certificate_threshold(year: int) -> datetime.date:
    """The earliest certificate date still valid on 31/12 of the year (rules.certificate_valid_on)."""
    year_end = datetime.date(year, 12, 31)
    day = add_months(year_end, -61)
    while not certificate_valid_on(day, year_end):
        day += datetime.timedelta(days=1)
    return day


def under(lookup: str, path: str) -> Q:
    """Rows whose `lookup` path lies in the subtree of `path`. PostgreSQL answers LIKE 'path%' from the
    varchar_pattern_ops index Django adds; SQLite only uses an index for LIKE under
    case_sensitive_like, so there the same set is asked as a range (paths are [0-9A-Z], '[' follows 'Z')."""
    if connection.vendor == "sqlite":
        return Q(**{f"{lookup}__gte": path, f"{lookup}__lt": path + "["})
    return Q(**{f"{lookup}__startswith": path})


def in_subtree(fk: str, path: str) -> Q:
    """Rows whose foreign key `fk` points into the subtree of `path`, as `fk IN (units of the subtree)`:
    the planner can then walk the subtree's units and seek each one in the (fk, …) index, which is what
    makes a commune's numbers cost what a commune has, not what the province has."""
    return Q(**{f"{fk}__in": PartyUnit.objects.filter(under("path", path)).values("pk")})


class Month(Func):
    """Month of a date column, without SQLite's Python-level date function (one call per row)."""

    output_field = IntegerField()

    def as_sql(self, compiler, conn, **extra):
        return super().as_sql(compiler, conn, template="CAST(EXTRACT(MONTH FROM %(expressions)s) AS integer)", **extra)

    def as_sqlite(self, compiler, conn, **extra):
        return super().as_sql(compiler, conn, template="CAST(substr(%(expressions)s, 6, 2) AS integer)", **extra)


def admitted_queryset(*, unit: PartyUnit, start: datetime.date, end: datetime.date) -> QuerySet:
    """The admissions behind a number: decisions in [start, end] recorded in the unit's subtree."""
    return Candidate.objects.filter(
        in_subtree("admitting_unit", unit.path), decision_date__gte=start, decision_date__lte=end
    )


def proposed_queryset(*, unit: PartyUnit) -> QuerySet:
    return Candidate.objects.filter(in_subtree("cell", unit.path), stage=Stage.PROPOSED, is_open=True)


def trained_queryset(*, unit: PartyUnit, year: int) -> QuerySet:
    """Trained, open, with a certificate still valid on 31/12 of the year."""
    return Candidate.objects.filter(
        in_subtree("cell", unit.path),
        stage=Stage.TRAINED,
        is_open=True,
        certificate_date__gte=certificate_threshold(year),
    )


def _grouped(qs: QuerySet, path_lookup: str, lengths: list[int], **aggregates) -> dict[str, dict]:
    """{path prefix: {aggregate: value}} for every prefix length, in ONE query (UNION of GROUP BYs)."""
    lengths = sorted(set(lengths))
    if not lengths:
        return {}
    names = list(aggregates)
    parts = [
        qs.order_by()
        .annotate(prefix=Substr(path_lookup, 1, length))
        .values("prefix")
        .annotate(**aggregates)
        .values_list("prefix", *names)
        for length in lengths
    ]
    query = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return {row[0]: dict(zip(names, row[1:], strict=True)) for row in query}


def _check_scope(user, unit: PartyUnit) -> None:
    if user is not None and not in_scope(user, unit):
        raise Http404("Không tìm thấy hoặc bạn không có quyền xem.")


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
