"""Permission rows for tests/test_permission_matrix.py: (url name, kwargs, method, {user: status}).
A download for a unit outside the user's subtree is a 404 (never a 403), for every report."""

ALL_IN = {
    "province_staff": 200,
    "commune_staff": 200,
    "secretary_a": 200,
    "secretary_b": 200,
    "training": 200,
    "viewer": 200,
    "outsider": 200,
    "anonymous": 302,
}


def _province(slug, fmt):
    return lambda c: {"slug": slug, "code": c.province.code, "fmt": fmt}


def _cell_a(slug, fmt):
    return lambda c: {"slug": slug, "code": c.cell_a.code, "fmt": fmt}


PROVINCE_ONLY = {
    "province_staff": 200,
    "commune_staff": 404,
    "secretary_a": 404,
    "secretary_b": 404,
    "training": 200,
    "viewer": 200,
    "outsider": 404,
    "anonymous": 302,
}
CELL_A = {
    "province_staff": 200,
    "commune_staff": 200,
    "secretary_a": 200,
    "secretary_b": 404,
    "training": 200,
    "viewer": 200,
    "outsider": 404,
    "anonymous": 302,
}
# The class report without a class code: bad input (400) inside the scope, 404 outside.
CLASS_MISSING = {**PROVINCE_ONLY, "province_staff": 400, "training": 400, "viewer": 400}

MATRIX = [("reports-index", lambda c: {}, "get", ALL_IN)]
for _slug in ("progress", "pipeline", "summary", "candidates"):
    for _fmt in ("pdf", "xlsx"):
        MATRIX.append(("reports-download", _province(_slug, _fmt), "get", PROVINCE_ONLY))
        MATRIX.append(("reports-download", _cell_a(_slug, _fmt), "get", CELL_A))
MATRIX.append(("reports-download", _province("class", "pdf"), "get", CLASS_MISSING))
MATRIX.append(("reports-download", _province("class", "xlsx"), "get", CLASS_MISSING))


def _person(c):
    from candidates.tests.factories import make_candidate

    return {"pk": make_candidate(c.cell_a).pk}


# Everything held about one person (PDF): roles that may see personal data, inside the scope.
MATRIX.append(("reports-person", _person, "get", CELL_A | {"secretary_b": 404, "training": 403, "viewer": 403}))
from .matrix_documents import MATRIX as DOCUMENT_ROWS  # noqa: E402

MATRIX += DOCUMENT_ROWS


# ---- Downloads with their query parameters (issue 14: every report, for every role) ----------------


def _class_report(unit_attr, fmt, *, foreign=False):
    """The class report of a class the province held, attended by a person of cell A; `foreign`: a class
    of another province's with none of this province's people, asked for through this province's
    report (a 404 for everyone; a class attended by the unit's people is theirs to report on)."""

    def build(c):
        import datetime

        from candidates.models import Enrollment, Stage
        from candidates.tests.factories import make_candidate, make_class

        klass = make_class(c.other_province if foreign else c.province, code="K-MATRIX")
        Enrollment.objects.create(
            training_class=klass,
            candidate=make_candidate(c.other_province if foreign else c.cell_a, Stage.TRAINED),
            result="good",
            certificate_number="7/CN",
            certificate_date=datetime.date(2024, 6, 27),
        )
        code = getattr(c, unit_attr).code
        return {"slug": "class", "code": code, "fmt": fmt}, {"class_code": "K-MATRIX"}

    return build


def _with(slug, unit_attr, fmt, params):
    return lambda c: ({"slug": slug, "code": getattr(c, unit_attr).code, "fmt": fmt}, params)


NOBODY = {u: 404 for u in PROVINCE_ONLY} | {"anonymous": 302}
BAD_IN_SCOPE = {**PROVINCE_ONLY, "province_staff": 400, "training": 400, "viewer": 400}
for _fmt in ("pdf", "xlsx"):
    MATRIX.append(("reports-download", _class_report("province", _fmt), "get", PROVINCE_ONLY))
    MATRIX.append(("reports-download", _class_report("cell_a", _fmt), "get", CELL_A))
    MATRIX.append(("reports-download", _class_report("province", _fmt, foreign=True), "get", NOBODY))
    MATRIX.append(("reports-download", _with("progress", "province", _fmt, {"year": 2024, "quarter": 2}), "get",
                   PROVINCE_ONLY))  # fmt: skip
    MATRIX.append(
        ("reports-download", _with("pipeline", "cell_a", _fmt, {"year": 2024, "as_of": "30/06/2024"}), "get", CELL_A)
    )
    MATRIX.append(("reports-download", _with("candidates", "cell_a", _fmt,
                   {"stage": "sympathizer", "status": "all", "q": "nguyen", "sort": "name"}), "get", CELL_A))  # fmt: skip
    MATRIX.append(("reports-download", _with("summary", "province", _fmt, {"year": 0}), "get", BAD_IN_SCOPE))
    MATRIX.append(("reports-download", _with("candidates", "cell_a", _fmt, {"stage": "<script>"}), "get",
                   CELL_A | {u: 400 for u in CELL_A if CELL_A[u] == 200}))  # fmt: skip
