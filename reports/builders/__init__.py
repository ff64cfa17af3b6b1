"""One data builder per report: pure queries (scoped by the unit the caller already fetched through
`get_scoped_or_404`), aggregated in SQL, returning a `Report`. A builder runs the same number of queries
for 10 rows or 10,000. Nothing here formats numbers or knows about PDF or Excel."""

from .candidate_list import (
    CANDIDATE_COLUMNS,
    build_candidates,
)
from .document import (
    COMMITTEE_KINDS,
    NBSP,
    OPEN_STAGES,
    RESULT_LABELS,
    STAGE_LABELS,
    user_label,
)
from .pipeline import (
    SECTION_START,
    WAITING_LIMIT,
    build_pipeline,
)
from .progress import (
    build_progress,
)
from .summary import (
    admitted_in,
    build_summary,
)
from .training_class import (
    build_class,
)

__all__ = [
    "COMMITTEE_KINDS",
    "NBSP",
    "OPEN_STAGES",
    "RESULT_LABELS",
    "STAGE_LABELS",
    "user_label",
    "build_progress",
    "SECTION_START",
    "WAITING_LIMIT",
    "build_pipeline",
    "admitted_in",
    "build_summary",
    "CANDIDATE_COLUMNS",
    "build_candidates",
    "build_class",
]
