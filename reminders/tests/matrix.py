"""Permission matrix rows of the reminders app (see tests/test_permission_matrix.py)."""

OWN = {
    u: 200 for u in ("province_staff", "commune_staff", "secretary_a", "secretary_b", "training", "viewer", "outsider")
}

MATRIX = [
    ("reminder-settings", lambda c: {}, "get", {**OWN, "anonymous": 302}),
    ("reminder-settings", lambda c: {}, "post", {**{u: 302 for u in OWN}, "anonymous": 302}),
    # A token nobody holds: 404 for everyone, logged in or not (the token is the only key).
    (
        "reminder-calendar",
        lambda c: {"token": "khong-co-ai-giu-dia-chi-nay"},
        "get",
        {**{u: 404 for u in OWN}, "anonymous": 404},
    ),
]
