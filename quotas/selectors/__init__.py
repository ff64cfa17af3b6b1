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

from .progress import (
    quarter_progress,
    unit_progress,
)
from .queries import (
    Month,
    admitted_queryset,
    certificate_threshold,
    clamp_as_of,
    in_subtree,
    proposed_queryset,
    trained_queryset,
    under,
    year_bounds,
)
from .results import (
    CHILDREN_TOTALS_DEFINITION,
    CHILDREN_TOTALS_LABEL,
    IDLE_LIST_LIMIT,
    QUARTER_NAMES,
    UNIT_FIELDS,
    Period,
    Progress,
    Row,
    TermProgress,
)

__all__ = [
    "CHILDREN_TOTALS_DEFINITION",
    "CHILDREN_TOTALS_LABEL",
    "IDLE_LIST_LIMIT",
    "Period",
    "Progress",
    "QUARTER_NAMES",
    "Row",
    "TermProgress",
    "UNIT_FIELDS",
    "Month",
    "admitted_queryset",
    "certificate_threshold",
    "clamp_as_of",
    "in_subtree",
    "proposed_queryset",
    "trained_queryset",
    "under",
    "year_bounds",
    "quarter_progress",
    "unit_progress",
]
