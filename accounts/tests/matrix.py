"""Permission matrix rows of the accounts pages (every user is logged in with a verified second factor:
see accounts.testing.VerifiedClient; the enforcement itself is in test_two_factor.py)."""

USERS = ("province_staff", "commune_staff", "secretary_a", "secretary_b", "training", "viewer", "outsider")


def _all(status: int) -> dict:
    return {u: status for u in USERS} | {"anonymous": 302}


MATRIX = [
    ("accounts-security", lambda c: {}, "get", _all(200)),
    ("accounts-2fa-verify", lambda c: {}, "get", _all(302)),  # already verified: on to the next page
    ("accounts-2fa-setup", lambda c: {}, "get", _all(200)),
    ("accounts-2fa-qr", lambda c: {}, "get", _all(200)),
    ("accounts-2fa-recovery", lambda c: {}, "post", _all(200)),
    ("accounts-password", lambda c: {}, "get", _all(200)),
    ("accounts-password", lambda c: {}, "post", _all(200)),  # empty form: shown again with errors
]
