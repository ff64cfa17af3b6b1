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
