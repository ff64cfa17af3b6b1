"""Permission matrix rows of the imports app (see tests/test_permission_matrix.py)."""

from imports.models import ImportRecord

USERS = ("province_staff", "commune_staff", "secretary_a", "secretary_b", "training", "viewer", "outsider", "anonymous")


def _expect(allowed: set[str], ok: int = 200, **special) -> dict:
    out = {u: (ok if u in allowed else 403) for u in USERS}
    out["anonymous"] = 302
    out.update(special)
    return out


def _record(cast):
    record = ImportRecord.objects.create(
        kind="candidates", file_name="ds.xlsx", sha256="0" * 64, file_format="xlsx", unit=cast.commune
    )
    return {"pk": record.pk}


def _partial_record(cast):
    from imports import storage

    record = ImportRecord.objects.create(
        kind="candidates", file_name="ds.xlsx", sha256="1" * 64, file_format="xlsx", unit=cast.commune, status="partial"
    )
    storage.keep_rejected(record, (["Họ và tên"], [(["Nguyễn Văn A"], ["thiếu ngày sinh."])]))
    return {"pk": record.pk}


IMPORTERS = {"province_staff", "commune_staff", "training", "outsider"}
BY_KIND = {
    "units": {"province_staff", "outsider"},
    "candidates": {"province_staff", "commune_staff", "outsider"},
    "roster": {"province_staff", "commune_staff", "training", "outsider"},
    "quotas": {"province_staff", "commune_staff", "outsider"},
}

MATRIX = [
    ("imports-index", lambda c: {}, "get", _expect(IMPORTERS)),
    ("imports-record", _record, "get", _expect(IMPORTERS, outsider=404)),
    ("imports-rejected", _partial_record, "get", _expect(IMPORTERS, outsider=404)),
    ("imports-upload", lambda c: {"kind": "nothing"}, "get", _expect(set(), **{u: 404 for u in USERS[:-1]})),
]
for _kind, _allowed in BY_KIND.items():
    MATRIX += [
        ("imports-upload", lambda c, k=_kind: {"kind": k}, "get", _expect(_allowed)),
        ("imports-upload", lambda c, k=_kind: {"kind": k}, "post", _expect(_allowed)),  # empty form: shown again
        ("imports-confirm", lambda c, k=_kind: {"kind": k}, "post", _expect(_allowed, ok=302)),  # no token
        ("imports-template", lambda c, k=_kind: {"kind": k}, "get", _expect(_allowed)),
    ]


# ---- What each role can change through an import (not only which pages answer) -------------------
# (label, kind, builder(cast) -> (file bytes, options), {user: "ok" | "refused" | "unmatched" | 403}); run
# as a dry run by tests/test_permission_matrix.py. "refused": the file is read, every row checked, nothing
# written. "unmatched": a roster row naming nobody in the user's scope is skipped (a class mixes units).


def _file(rows):
    from imports.tests.helpers import xlsx

    return xlsx(rows)


def _units(c):
    header = ["Mã đơn vị", "Tên đơn vị", "Loại tổ chức", "Mã đơn vị cấp trên"]
    return _file([header, ["P-C1-G1-A", "Chi bộ thôn Đông mới", "Chi bộ", "P-C1-G1"]]), {}


def _candidate_in(code):
    def build(c):
        header = ["Họ và tên", "Ngày sinh", "Giới tính", "Mã chi bộ"]
        return _file([header, ["Nguyễn Văn Nhập", "01/01/1990", "Nam", code]]), {}

    return build


def _quota(code):
    return lambda c: (_file([["Mã đơn vị", "Năm", "Chỉ tiêu"], [code, 2026, 3]]), {})


def _roster(c):
    import datetime

    from candidates.models import Stage
    from candidates.tests.factories import make_candidate
    from imports.tests.helpers import ROSTER_OPTIONS

    person = make_candidate(c.cell_a, Stage.SYMPATHIZER, full_name="Trần Thị Học Viên")
    rows = [["Họ và tên", "Ngày sinh", "Kết quả", "Số GCN", "Ngày cấp"]]
    rows.append([person.full_name, person.birth_date, "Khá", "1/GCN", datetime.date(2024, 6, 28)])
    return _file(rows), dict(ROSTER_OPTIONS)


def _outcomes(ok: set[str], refused: set[str], unmatched: frozenset[str] = frozenset()) -> dict:
    def one(u):
        return "ok" if u in ok else "refused" if u in refused else "unmatched" if u in unmatched else 403

    return {u: one(u) for u in USERS if u != "anonymous"}


IMPORT_MATRIX = [
    ("units: rename a cell", "units", _units, _outcomes({"province_staff"}, {"outsider"})),
    (
        "candidates: a new person in cell A",
        "candidates",
        _candidate_in("P-C1-G1-A"),
        _outcomes({"province_staff", "commune_staff"}, {"outsider"}),
    ),
    (
        "candidates: a new person in the other commune's school",
        "candidates",
        _candidate_in("P-C2-S"),
        _outcomes({"province_staff"}, {"commune_staff", "outsider"}),
    ),
    (
        "quotas: the grassroots unit below the commune",
        "quotas",
        _quota("P-C1-G1"),
        _outcomes({"province_staff", "commune_staff"}, {"outsider"}),
    ),
    # The audit's leak: commune staff lowered their own, province-assigned target through the import.
    (
        "quotas: the commune's own target",
        "quotas",
        _quota("P-C1"),
        _outcomes({"province_staff"}, {"commune_staff", "outsider"}),
    ),
    (
        "quotas: the province's own target",
        "quotas",
        _quota("P"),
        _outcomes(set(), {"province_staff", "commune_staff", "outsider"}),
    ),
    (
        "roster: a sympathizer of cell A",
        "roster",
        _roster,
        _outcomes({"province_staff", "commune_staff", "training"}, set(), frozenset({"outsider"})),
    ),
]
