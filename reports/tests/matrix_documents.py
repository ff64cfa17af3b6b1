"""Permission rows of the documents pages (imported by reports/tests/matrix.py)."""

import datetime

from candidates.models import Enrollment, Stage
from candidates.tests.factories import make_candidate, make_class
from reports.documents.word import default_path
from reports.models import UnitTemplate

USERS = ("province_staff", "commune_staff", "secretary_a", "secretary_b", "training", "viewer", "outsider")
ALL_OK = {u: 200 for u in USERS} | {"anonymous": 302}
SEE_A = ALL_OK | {"secretary_b": 404, "outsider": 404}
EDIT_A = SEE_A | {"training": 403, "viewer": 403}
DECIDE_A = EDIT_A | {"secretary_a": 403}
CLASS = ALL_OK | {"outsider": 404}
# Certificates are the training centre's (and the organization board's) documents.
CERTIFICATES = CLASS | {"commune_staff": 403, "secretary_a": 403, "secretary_b": 403, "viewer": 403}
BAD_INPUT = {u: 400 for u in USERS} | {"anonymous": 302}
MEETING_POST = EDIT_A | {"province_staff": 400, "commune_staff": 400, "secretary_a": 400}
DELETE = DECIDE_A | {"province_staff": 302, "commune_staff": 302}


def person(stage, kind, fmt="pdf"):
    return lambda c: {"pk": make_candidate(c.cell_a, stage).pk, "kind": kind, "fmt": fmt}


def klass(c):
    return {"pk": make_class(c.province).pk}


def certificates(c):
    k = make_class(c.province)
    p = make_candidate(c.cell_a, Stage.TRAINED)
    Enrollment.objects.create(
        training_class=k,
        candidate=p,
        result="good",
        certificate_number="9/CN",
        certificate_date=datetime.date(2024, 6, 27),
    )
    return {"pk": k.pk, "kind": "certificates", "fmt": "pdf"}


def meeting(c):
    return {"cell_pk": c.cell_a.pk, "kind": "admission", "day": "2024-09-10"}


def template(c):
    row = UnitTemplate.objects.create(
        unit=c.cell_a, document_kind="decision", file_name="x.docx", content=default_path("decision").read_bytes()
    )
    return {"pk": row.pk}


MATRIX = [
    ("documents-index", lambda c: {}, "get", ALL_OK),
    ("documents-person", lambda c: {"pk": make_candidate(c.cell_a).pk}, "get", EDIT_A),
    ("documents-person-produce", person(Stage.SYMPATHIZER, "sympathizer-list"), "post", EDIT_A),
    ("documents-person-produce", person(Stage.DECIDED, "decision", "docx"), "post", DECIDE_A),
    (
        "documents-facts",
        lambda c: {"pk": make_candidate(c.cell_a, Stage.PROBATIONARY).pk, "kind": "ceremony"},
        "get",
        EDIT_A,
    ),
    (
        "documents-facts",
        lambda c: {"pk": make_candidate(c.cell_a, Stage.PROBATIONARY).pk, "kind": "ceremony"},
        "post",
        EDIT_A | {"province_staff": 400, "commune_staff": 400, "secretary_a": 400},
    ),
    ("documents-class", klass, "get", CLASS),
    ("documents-class-produce", certificates, "post", CERTIFICATES),
    ("documents-statistics", lambda c: {}, "post", BAD_INPUT),
    ("documents-meeting", meeting, "get", EDIT_A),
    ("documents-meeting", meeting, "post", MEETING_POST),
    ("documents-templates", lambda c: {}, "get", ALL_OK),
    ("documents-templates", lambda c: {}, "post", BAD_INPUT),
    ("documents-template-delete", template, "post", DELETE),
    ("documents-template-default", lambda c: {"kind": "decision"}, "get", ALL_OK),
]

# The 11-HD/BTCTW statistics with their parameters: a unit in the scope gets the file, one outside is a 404.
MATRIX += [
    ("documents-statistics", lambda c: ({}, {"unit": c.cell_a.code, "year": 2024, "half": "", "fmt": "pdf"}), "post",
     SEE_A),
    ("documents-statistics", lambda c: ({}, {"unit": c.province.code, "year": 2024, "half": "1", "fmt": "docx"}),
     "post", ALL_OK | {"commune_staff": 404, "secretary_a": 404, "secretary_b": 404, "outsider": 404}),
    ("documents-statistics", lambda c: ({}, {"unit": c.cell_a.code, "year": 1800, "fmt": "pdf"}), "post", BAD_INPUT),
]  # fmt: skip
