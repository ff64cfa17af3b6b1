"""Permission matrix rows of the quotas app: (url name, kwargs from the cast, method, expected status by user).
A secretary sees their own cell's dashboard only; a unit outside the scope is a 404; setting targets
needs the org board or committee role (403 inside the scope otherwise)."""

USERS = ("province_staff", "commune_staff", "secretary_a", "secretary_b", "training", "viewer", "outsider")
ALL_OK = {u: 200 for u in USERS}


def _view(**overrides):
    row = {u: 200 for u in USERS}
    row.update(anonymous=302, **overrides)
    return row


MATRIX = [
    ("quotas-dashboard", lambda c: {}, "get", {**ALL_OK, "anonymous": 302}),
    (
        "quotas-unit",
        lambda c: {"code": c.province.code},
        "get",
        _view(commune_staff=404, secretary_a=404, secretary_b=404, outsider=404),
    ),
    ("quotas-unit", lambda c: {"code": c.commune.code}, "get", _view(secretary_a=404, secretary_b=404, outsider=404)),
    ("quotas-unit", lambda c: {"code": c.cell_a.code}, "get", _view(secretary_b=404, outsider=404)),
    ("quotas-unit", lambda c: {"code": "KHONG-CO"}, "get", {u: 404 for u in USERS}),
    ("quotas-admitted", lambda c: {"code": c.cell_a.code}, "get", _view(secretary_b=404, outsider=404)),
    (
        "quotas-grassroots",
        lambda c: {"code": c.commune.code},
        "get",
        _view(secretary_a=404, secretary_b=404, outsider=404),
    ),
    (
        "quotas-admitted",
        lambda c: {"code": c.commune.code},
        "get",
        _view(secretary_a=404, secretary_b=404, outsider=404),
    ),
    (
        "quotas-allocate",
        lambda c: {"code": c.commune.code},
        "get",
        _view(secretary_a=404, secretary_b=404, training=403, viewer=403, outsider=404),
    ),
    (
        "quotas-allocate",
        lambda c: {"code": c.grassroots.code},
        "post",
        _view(
            province_staff=302,
            commune_staff=302,
            secretary_a=404,
            secretary_b=404,
            training=403,
            viewer=403,
            outsider=404,
        ),
    ),
    (
        "quotas-allocate",
        lambda c: {"code": c.cell_a.code},
        "get",
        _view(secretary_a=403, secretary_b=404, training=403, viewer=403, outsider=404),
    ),
]
