"""Permission matrix rows of the units app: (url name, kwargs from the cast, method, expected status by user).
Users: province_staff, commune_staff, secretary_a, secretary_b, training, viewer, outsider, anonymous."""

ALL_OK = {
    u: 200 for u in ("province_staff", "commune_staff", "secretary_a", "secretary_b", "training", "viewer", "outsider")
}

MATRIX = [
    ("home", lambda c: {}, "get", {**ALL_OK, "anonymous": 302}),
    ("units-tree", lambda c: {}, "get", {**ALL_OK, "anonymous": 302}),
    ("units-search", lambda c: {}, "get", {**ALL_OK, "anonymous": 302}),
    (
        "units-detail",
        lambda c: {"code": c.cell_a.code},
        "get",
        {
            "province_staff": 200,
            "commune_staff": 200,
            "secretary_a": 200,
            "secretary_b": 404,
            "training": 200,
            "viewer": 200,
            "outsider": 404,
            "anonymous": 302,
        },
    ),
    (
        "units-detail",
        lambda c: {"code": c.commune.code},
        "get",
        {
            "province_staff": 200,
            "commune_staff": 200,
            "secretary_a": 404,
            "secretary_b": 404,
            "training": 200,
            "viewer": 200,
            "outsider": 404,
            "anonymous": 302,
        },
    ),
    (
        "units-merge",
        lambda c: {"code": c.cell_a.code},
        "get",
        {
            "province_staff": 200,
            "commune_staff": 403,
            "secretary_a": 403,
            "secretary_b": 404,
            "training": 403,
            "viewer": 403,
            "outsider": 404,
            "anonymous": 302,
        },
    ),
    (
        "units-merge",
        lambda c: {"code": c.cell_a.code},
        "post",
        {
            "province_staff": 200,
            "commune_staff": 403,
            "secretary_a": 403,
            "secretary_b": 404,
            "training": 403,
            "viewer": 403,
            "outsider": 404,
            "anonymous": 302,
        },
    ),
]
