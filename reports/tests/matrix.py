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
