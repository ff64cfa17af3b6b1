"""Every write to a candidate: one function per user action, split along the pipeline. Each one checks
the scope and the rules inside a transaction, locks the row, refuses a stale version, and writes a
StageEvent. A refused action raises RuleViolation with every unmet condition at once, in Vietnamese.

base: the shared parts; people: the lists; training: classes and results; dossier: the dossier and the
resolutions; admission: the decision, its extension, the received date, the ceremony; recognition: the
file, the cell's resolution, the decision; exits: exits, transfers, corrections; voids: cancelling a
mistaken step; readiness: why a next step is not possible yet.
"""

from .admission import (
    candidate_record_admission_decision,
    candidate_record_ceremony,
    candidate_record_decision_extension,
    candidate_record_decision_received,
    decision_prerequisites,
)
from .base import (
    ACTIONS,
    READMISSION_EXITS,
    STAGE_LABELS,
    Result,
    RuleViolation,
    available_actions,
    d,
    write_event,
)
from .conditions import candidate_record_exception, personal_condition_errors
from .dossier import (
    DOSSIER_FIELDS,
    admission_conditions,
    admission_review,
    candidate_record_appraisal,
    candidate_record_cell_resolution,
    candidate_record_committee_resolution,
    candidate_record_dossier,
    dossier_checklist,
)
from .exits import (
    CORRECTABLE_FIELDS,
    candidate_exit,
    candidate_readmit,
    candidate_reopen,
    candidate_transfer,
    event_correct,
)
from .introducers import candidate_record_introducers, introducer_problems, open_routes, unit_facts
from .path import admission_path, competent_bodies, issuer_errors
from .people import (
    PERSON_FIELDS,
    candidate_add_to_sympathizers,
    candidate_create,
    candidate_update,
    find_duplicate,
    find_same_person,
    person_errors,
)
from .readiness import step_blockers
from .recognition import (
    RECOGNITION_FILE,
    candidate_record_recognition,
    candidate_record_recognition_failed_vote,
    candidate_record_recognition_resolution,
    recognition_checklist,
)
from .training import (
    candidate_record_training,
    class_enroll,
    training_class_create,
)
from .voids import event_void, latest_step, void_deadline, void_preview, void_problems, void_rights, voidable_step

__all__ = [
    "ACTIONS",
    "RuleViolation",
    "Result",
    "d",
    "STAGE_LABELS",
    "available_actions",
    "write_event",
    "PERSON_FIELDS",
    "person_errors",
    "find_duplicate",
    "candidate_create",
    "candidate_update",
    "candidate_add_to_sympathizers",
    "candidate_record_training",
    "class_enroll",
    "training_class_create",
    "DOSSIER_FIELDS",
    "candidate_record_dossier",
    "dossier_checklist",
    "admission_conditions",
    "candidate_record_cell_resolution",
    "candidate_record_committee_resolution",
    "candidate_record_admission_decision",
    "candidate_record_ceremony",
    "candidate_record_recognition",
    "candidate_record_decision_extension",
    "candidate_record_decision_received",
    "candidate_record_recognition_resolution",
    "candidate_record_recognition_failed_vote",
    "recognition_checklist",
    "RECOGNITION_FILE",
    "candidate_exit",
    "candidate_reopen",
    "candidate_transfer",
    "CORRECTABLE_FIELDS",
    "event_correct",
    "decision_prerequisites",
    "candidate_record_exception",
    "personal_condition_errors",
    "admission_review",
    "candidate_record_appraisal",
    "READMISSION_EXITS",
    "candidate_readmit",
    "candidate_record_introducers",
    "introducer_problems",
    "open_routes",
    "unit_facts",
    "admission_path",
    "competent_bodies",
    "issuer_errors",
    "find_same_person",
    "event_void",
    "latest_step",
    "void_deadline",
    "void_preview",
    "void_problems",
    "void_rights",
    "voidable_step",
    "step_blockers",
]
