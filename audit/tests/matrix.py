"""Permission rows of the access log: the organization board only (others 403, anonymous to login)."""

USERS = ("province_staff", "commune_staff", "secretary_a", "secretary_b", "training", "viewer", "outsider")
BOARD = {u: 403 for u in USERS} | {"province_staff": 200, "outsider": 200, "anonymous": 302}

MATRIX = [
    ("audit-log", lambda c: {}, "get", BOARD),
    ("audit-export", lambda c: {"fmt": "xlsx"}, "get", BOARD),
    ("audit-export", lambda c: {"fmt": "csv"}, "get", BOARD),
    ("audit-export", lambda c: {"fmt": "pdf"}, "get", BOARD | {"province_staff": 404, "outsider": 404}),
]
