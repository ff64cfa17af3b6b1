"""What the progress selectors return: rows of a unit's progress, periods, term progress."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from units.models import PartyUnit
from vietnamese.text import quantize_percent

from ..models import TermTarget

QUARTER_NAMES = ["I", "II", "III", "IV"]
IDLE_LIST_LIMIT = 50
# The unit columns read for the children and grassroots rows (then the year's target and target_max).
UNIT_FIELDS = ("id", "path", "depth", "numchild", "code", "name", "kind", "valid_from", "valid_to")


CHILDREN_TOTALS_LABEL = "Cộng các đơn vị trực thuộc"
CHILDREN_TOTALS_DEFINITION = (
    "tổng của các dòng trên; chỉ tiêu là tổng chỉ tiêu đã giao cho các đơn vị trực thuộc, "
    "tỷ lệ = tổng đã kết nạp / tổng chỉ tiêu đó"
)

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
    def shortfall(self) -> int | None:
        """ "Còn thiếu": admissions still needed to reach the target (0 when met); None without a quota."""
        if self.target is None:
            return None
        return max(self.target - self.admitted, 0)

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

    @cached_property
    def children_totals(self) -> Row:
        """The total row of every table of children (dashboard, report page, PDF, Excel): each column
        summed over the rows above it — CHILDREN_TOTALS_DEFINITION says so beside the numbers. The
        unit's own target (set by the level above) is shown apart: it may differ from this sum."""
        with_quota = [r for r in self.children if r.target is not None]
        return Row(
            unit=None,
            target=sum(r.target for r in with_quota) if with_quota else None,
            target_max=None,
            admitted=sum(r.admitted for r in self.children),
            proposed=sum(r.proposed for r in self.children),
            trained=sum(r.trained for r in self.children),
        )

    @property
    def children_shortfall_sum(self) -> int:
        """Còn thiếu, summed over the children (a unit ahead of its target does not make up for another)."""
        return sum(r.shortfall or 0 for r in self.children)

    @property
    def children_admitted_sum(self) -> int:
        return sum(r.admitted for r in self.children)
