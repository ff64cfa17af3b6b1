"""The statistics table of new members (11-HD/BTCTW, DOMAIN.md "Official documents"): made by every
level for a year or a half-year, counted by decision date. One row per unit directly below the
reporting unit, the "Tổng số" row (its whole subtree) and the shares row first; one column per
breakdown of the year-end summary (reports.builders.summary.measures, so both count alike), grouped
under their headings and numbered. A fixed number of queries whatever the tree's size."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q
from django.db.models.functions import Substr
from django.utils import timezone

from units.models import PartyUnit
from units.selectors import children
from vietnamese.text import format_int, format_percent

from ..builders.summary import grassroots_in, measure_aggregates, new_members
from ..params import Period
from .base import DocumentError, Prepared, common_context, date_text, issuer_of
from .statistics_columns import COLUMNS

# Shares: of the new members (column 1), of the grassroots units (column 20); none for the average.
SHARE_OF = {key: "total" for key, _l, _g in COLUMNS} | {"avg_age": None, "grassroots": None}
SHARE_OF["grassroots_admitting"] = "grassroots"


def statistics_period(year: int, half: int | None) -> Period:
    """A year, or its first (01/01–30/06) or second half (01/07–31/12): the 11-HD/BTCTW reporting periods."""
    if half not in (None, 1, 2):
        raise DocumentError("Kỳ thống kê: cả năm, 6 tháng đầu năm (1) hoặc 6 tháng cuối năm (2).")
    start = datetime.date(year, 7 if half == 2 else 1, 1)
    end = datetime.date(year, 6, 30) if half == 1 else datetime.date(year, 12, 31)
    return Period(year=year, quarter=None, as_of=None, start=start, end=end)


def period_label(year: int, half: int | None) -> str:
    return {None: f"Năm {year}", 1: f"6 tháng đầu năm {year}", 2: f"6 tháng cuối năm {year}"}[half]


def _average_years(months) -> str:
    if months is None:
        return ""
    years = (Decimal(months) / 12).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return format_percent(years, 1).removesuffix("%")


def _share(n, of) -> str:
    if not of:
        return ""
    return format_percent(Decimal(n) * 100 / Decimal(of), 1).removesuffix("%")


def _figures(row: dict, grassroots: dict) -> dict:
    """A row's printed figures from its aggregates and its grassroots counts."""
    out = {key: format_int(row.get(key) or 0) for key, _l, _g in COLUMNS}
    out["avg_age"] = _average_years(row.get("avg_age_m"))
    out["grassroots"] = format_int(grassroots.get("n") or 0)
    out["grassroots_admitting"] = format_int(grassroots.get("with_admissions") or 0)
    return out


def statistics_table(unit: PartyUnit, period: Period) -> dict:
    """{"sum_row", "share_row", "rows"}: the figures of the whole subtree, their shares, and one row per
    unit directly below that existed in the period (a row for the unit's own admissions when it has any)."""
    qs = new_members(unit, period)
    aggregates = measure_aggregates()
    totals = qs.aggregate(**aggregates)
    period_units, admitted_somewhere = grassroots_in(unit, period)
    grassroots_count = {"n": Count("id"), "with_admissions": Count("id", filter=admitted_somewhere)}
    grassroots_total = period_units.aggregate(**grassroots_count)

    below = list(
        children(unit)
        .filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=period.start),
            Q(valid_from__isnull=True) | Q(valid_from__lte=period.end),
        )
        .order_by("path")
    )
    # Children's paths all have the same length: group by that prefix of the admitting unit's path
    # (the unit's own admissions group under its shorter path).
    length = len(unit.path) + PartyUnit.steplen
    by_child = {
        r["prefix"]: r
        for r in qs.order_by()
        .annotate(prefix=Substr("admitting_unit__path", 1, length))
        .values("prefix")
        .annotate(**aggregates)
    }
    grassroots_by_child = {
        r["prefix"]: r
        for r in period_units.order_by()
        .annotate(prefix=Substr("path", 1, length))
        .values("prefix")
        .annotate(**grassroots_count)
    }
    rows = []
    own = by_child.get(unit.path)
    if below and own:
        rows.append({"label": f"{unit.name} (trực tiếp)", **_figures(own, grassroots_by_child.get(unit.path, {}))})
    for child in below:
        rows.append(
            {"label": child.name, **_figures(by_child.get(child.path, {}), grassroots_by_child.get(child.path, {}))}
        )
    for i, row in enumerate(rows, start=1):
        row["index"] = str(i)

    raw = {key: totals.get(key) or 0 for key, _l, _g in COLUMNS}
    raw["grassroots"] = grassroots_total["n"]
    raw["grassroots_admitting"] = grassroots_total["with_admissions"]
    sum_row = {"index": "", "label": "Tổng số", **_figures(totals, grassroots_total)}
    share_row = {"index": "", "label": "Tỷ lệ so với tổng số (%)"}
    for key, _l, _g in COLUMNS:
        of = SHARE_OF[key]
        share_row[key] = _share(raw[key], raw[of]) if of else ""
    return {"sum_row": sum_row, "share_row": share_row, "rows": rows}


def build_statistics(kind, unit: PartyUnit, year: int, half: int | None, user=None) -> Prepared:
    period = statistics_period(year, half)
    issuer = issuer_of(unit)
    day = timezone.localdate()
    label = period_label(year, half)
    ctx = common_context(kind, issuer, day, recipients=["Cấp ủy cấp trên", "Ban Tổ chức cấp trên"])
    ctx.update(
        period_label=label,
        unit_name=unit.name,
        start=date_text(period.start),
        end=date_text(period.end),
        **statistics_table(unit, period),
    )
    key = f"unit:{unit.pk}:{year}:{half or 'Y'}"
    return Prepared(
        kind,
        issuer,
        day,
        key,
        f"Thống kê đảng viên mới {label.lower()} ({unit.name})",
        unit,
        ctx,
        filename=f"thong-ke-dang-vien-moi-{unit.code}-{year}" + (f"-h{half}" if half else ""),
    )
