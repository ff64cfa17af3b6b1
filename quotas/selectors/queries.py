"""The querysets and SQL pieces the progress selectors are made of: year bounds, subtrees, admissions."""

from __future__ import annotations

import datetime

from django.db import connection
from django.db.models import (
    Func,
    IntegerField,
    Q,
    QuerySet,
)
from django.db.models.functions import Substr
from django.http import Http404

from candidates.models import Candidate, Stage
from candidates.rules import add_months, certificate_valid_on
from units.models import PartyUnit
from units.scope import in_scope

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
