"""Permission matrix rows of the candidates app: (url name, kwargs from the cast, method, expected status).
Candidates live in cell A; secretary B and the outsider get 404 everywhere, read-only roles 403 on writes."""

import datetime

from candidates.models import EventKind, Stage
from candidates.services import write_event
from candidates.tests.factories import make_candidate, make_class

USERS = ("province_staff", "commune_staff", "secretary_a", "secretary_b", "training", "viewer", "outsider")
ALL_OK = {u: 200 for u in USERS} | {"anonymous": 302}
# A candidate of cell A, seen by everyone above it.
SEE_A = ALL_OK | {"secretary_b": 404, "outsider": 404}
# Editing a candidate of cell A (org board, committee, the cell's secretary).
EDIT_A = SEE_A | {"training": 403, "viewer": 403}
# Committee decisions on a candidate of cell A.
DECIDE_A = EDIT_A | {"secretary_a": 403}
# Training results on a candidate of cell A (editors and the training centre).
TRAIN_A = SEE_A | {"viewer": 403}
PERSONAL = ALL_OK | {"training": 403, "viewer": 403}
CREATE = ALL_OK | {"training": 403, "viewer": 403}
# A class held by the province: visible to everyone in the province; sending people needs a right.
CLASS = ALL_OK | {"outsider": 404}
ENROLL = CLASS | {"viewer": 403}


def cand(stage=Stage.SOURCE):
    return lambda c: {"pk": make_candidate(c.cell_a, stage).pk}


def action(key, stage, **fields):
    return lambda c: {"pk": make_candidate(c.cell_a, stage, **fields).pk, "action": key}


def event(c):
    candidate = make_candidate(c.cell_a, Stage.SYMPATHIZER)
    e = write_event(
        candidate,
        kind=EventKind.TRANSITION,
        action="Vào danh sách cảm tình Đảng",
        from_stage=Stage.SOURCE,
        to_stage=Stage.SYMPATHIZER,
        legal_date=candidate.sympathizer_date,
    )
    return {"pk": candidate.pk, "event_pk": e.pk}


def klass(c):
    return {"pk": make_class(c.province).pk}


MATRIX = [
    ("candidates-list", lambda c: {}, "get", ALL_OK),
    ("candidates-search-id", lambda c: {}, "get", PERSONAL),
    ("candidates-search-id", lambda c: {}, "post", PERSONAL),
    ("candidates-board", lambda c: {}, "get", ALL_OK),
    ("candidates-rules", lambda c: {}, "get", ALL_OK),
    ("candidates-classes", lambda c: {}, "get", ALL_OK),
    ("candidates-create", lambda c: {}, "get", CREATE),
    ("candidates-create", lambda c: {}, "post", CREATE),
    ("candidates-detail", cand(), "get", SEE_A),
    ("candidates-detail", cand(Stage.PROBATIONARY), "get", SEE_A),
    ("candidates-edit", cand(), "get", EDIT_A),
    ("candidates-person-data", cand(), "get", EDIT_A),
    ("candidates-correction-request", cand(), "post", {**EDIT_A, **{u: 302 for u, s in EDIT_A.items() if s == 200}}),
    ("candidates-edit", cand(), "post", EDIT_A),
    ("candidates-action", action("sympathizer", Stage.SOURCE), "post", EDIT_A),
    ("candidates-action", action("training", Stage.SYMPATHIZER), "post", TRAIN_A),
    ("candidates-action", action("dossier", Stage.TRAINED), "post", EDIT_A),
    ("candidates-action", action("cell_resolution", Stage.TRAINED), "post", EDIT_A),
    (
        "candidates-action",
        action(
            "committee_resolution",
            Stage.PROPOSED,
            committee_resolution_number="",
            committee_resolution_date=None,
            committee_votes_for=None,
        ),
        "post",
        DECIDE_A,
    ),
    ("candidates-action", action("decision", Stage.PROPOSED), "post", DECIDE_A),
    ("candidates-action", action("extension", Stage.PROPOSED), "post", DECIDE_A),
    ("candidates-action", action("received", Stage.DECIDED), "post", EDIT_A),
    ("candidates-action", action("ceremony", Stage.DECIDED), "post", EDIT_A),
    ("candidates-action", action("introducers", Stage.TRAINED), "post", EDIT_A),
    ("candidates-action", action("exception", Stage.TRAINED), "post", EDIT_A),
    ("candidates-action", action("recognition_resolution", Stage.PROBATIONARY), "post", EDIT_A),
    ("candidates-action", action("recognition_failed", Stage.PROBATIONARY), "post", EDIT_A),
    (
        "candidates-action",
        action(
            "recognition",
            Stage.PROBATIONARY,
            recognition_resolution_number="5-NQ/CB",
            recognition_resolution_date=datetime.date(2026, 10, 1),
        ),
        "post",
        DECIDE_A,
    ),
    ("candidates-action", action("transfer", Stage.SYMPATHIZER), "post", EDIT_A),
    ("candidates-action", action("exit", Stage.SYMPATHIZER), "post", EDIT_A),
    (
        "candidates-action",
        action(
            "reopen", Stage.SYMPATHIZER, is_open=False, exit_reason="withdrawn", exit_date=datetime.date(2025, 1, 1)
        ),
        "post",
        EDIT_A,
    ),
    (
        "candidates-action",
        action(
            "readmit",
            Stage.PROBATIONARY,
            is_open=False,
            exit_reason="struck_off",
            exit_date=datetime.date(2021, 1, 1),
        ),
        "post",
        EDIT_A,
    ),
    ("candidates-action", action("no-such-action", Stage.SOURCE), "post", {u: 404 for u in USERS} | {"anonymous": 302}),
    ("candidates-correct", event, "post", EDIT_A),
    # Voiding a step: whoever may record it (an event written without a service: the editors' right).
    ("candidates-void", event, "get", EDIT_A),
    ("candidates-void", event, "post", EDIT_A),
    ("candidates-class-detail", klass, "get", CLASS),
    ("candidates-class-enroll", klass, "get", ENROLL),
    ("candidates-class-enroll", klass, "post", ENROLL),
]
