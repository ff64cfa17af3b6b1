"""Why a next step is not possible yet (the candidate page offers only the steps that are, and names the
reason for the others). Each reason comes from the check the step's own service runs; nothing here
restates a rule."""

import datetime

from .. import clock
from ..models import Candidate
from .admission import decision_prerequisites
from .dossier import admission_review, appraisal_missing
from .path import admission_path
from .recognition import probation_not_over, recognition_prerequisites


def _cell_resolution(candidate: Candidate, on: datetime.date) -> list[str]:
    # The conditions of the cell's meeting held today (the page lists the warnings beside them).
    return admission_review(candidate, on)[0]


def _decision(candidate: Candidate, on: datetime.date) -> list[str]:
    # Without a date: what must be recorded first (an authorized grassroots committee decides itself).
    path = admission_path(candidate.cell)
    own = path.cell if path.grassroots_cell else path.grassroots
    issuer = own if own is not None and own.admission_authorization_number else None
    return decision_prerequisites(candidate, issuer, None)


BLOCKERS = {
    "cell_resolution": _cell_resolution,
    "committee_resolution": lambda c, on: appraisal_missing(c),
    "decision": _decision,
    "recognition_resolution": probation_not_over,
    "recognition_failed": probation_not_over,
    "recognition": lambda c, on: recognition_prerequisites(c),
}


def step_blockers(
    candidate: Candidate, keys, on: datetime.date | None = None, *, known: dict | None = None
) -> dict[str, list[str]]:
    """{step: reasons} for the steps among `keys` that are not possible on the day (default today);
    a step absent from the answer is possible. `known`: reasons a caller already has (not run twice)."""
    on = on or clock.today()
    known = known or {}
    out = {}
    for key in keys:
        check = BLOCKERS.get(key)
        if key in known:
            reasons = known[key]
        else:
            reasons = check(candidate, on) if check and candidate.is_open else []
        if reasons:
            out[key] = reasons
    return out
