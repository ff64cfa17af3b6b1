"""(URL, user, expected status) over every named URL of the app. Each app lists its rows in
<app>/tests/matrix.py; this test also fails when a URL has no row at all.

A row's kwargs callable returns the URL's kwargs, or (kwargs, data): data is then the query string
of a GET (a report with its parameters: a class code, a period, list filters) or the body of a POST."""

import importlib
from urllib.parse import urlencode

import pytest
from django.urls import get_resolver, reverse

APPS = ["accounts", "audit", "jobs", "units", "candidates", "quotas", "reports", "imports", "reminders"]
USERS = ["province_staff", "commune_staff", "secretary_a", "secretary_b", "training", "viewer", "outsider", "anonymous"]
# URLs that are not the app's own pages.
EXEMPT = {"login", "logout", "healthz"}  # healthz: no login by design (recruitment/tests/test_health.py)


def _rows():
    rows = []
    for app in APPS:
        try:
            module = importlib.import_module(f"{app}.tests.matrix")
        except ModuleNotFoundError:
            continue
        rows.extend(module.MATRIX)
    return rows


ROWS = _rows()


def made(kwargs, cast) -> tuple[dict, dict]:
    """A row's URL kwargs and its data (query string or body), from its callable."""
    result = kwargs(cast)
    return result if isinstance(result, tuple) else (result, {})


CASES = [
    pytest.param(name, kwargs, method, user, expected[user], id=f"{method}-{name}-{i}-{user}")
    for i, (name, kwargs, method, expected) in enumerate(ROWS)
    for user in USERS
    if user in expected
]


def _app_url_names():
    names = set()

    def walk(patterns, namespace=None):
        for p in patterns:
            if hasattr(p, "url_patterns"):
                if getattr(p, "namespace", None) == "admin":
                    continue
                walk(p.url_patterns, p.namespace)
            elif p.name and not namespace:
                names.add(p.name)

    walk(get_resolver().url_patterns)
    return names - EXEMPT


def test_every_url_has_a_row():
    covered = {row[0] for row in ROWS}
    assert _app_url_names() - covered == set()


@pytest.mark.parametrize("name,kwargs,method,user,expected", CASES)
def test_permission_matrix(cast, client, name, kwargs, method, user, expected):
    if user != "anonymous":
        client.force_login(getattr(cast, user))
    url_kwargs, data = made(kwargs, cast)
    url = reverse(name, kwargs=url_kwargs)
    if method == "post":
        response = client.post(url, data)
    else:
        response = client.get(f"{url}?{urlencode(data)}" if data else url)
    assert response.status_code == expected, f"{method.upper()} {url} as {user}"


def _import_cases():
    from imports.tests.matrix import IMPORT_MATRIX

    return [
        pytest.param(kind, build, user, expected[user], id=f"import-{label}-{user}")
        for label, kind, build, expected in IMPORT_MATRIX
        for user in USERS
        if user in expected
    ]


@pytest.mark.parametrize("kind,build,user,expected", _import_cases())
def test_import_matrix(cast, kind, build, user, expected):
    """Every import kind obeys the same scope and role rules as the forms, for every role."""
    from django.core.exceptions import PermissionDenied

    from imports.services import run_import

    data, options = build(cast)
    try:
        outcome = run_import(
            kind=kind, data=data, file_name="m.xlsx", user=getattr(cast, user), dry_run=True, options=options
        )
    except PermissionDenied:
        assert expected == 403, f"{kind} as {user}: refused with 403"
        return
    assert expected != 403, f"{kind} as {user}: not refused with 403"
    assert outcome.ok == (expected != "refused"), (kind, user, outcome.error_lines(), outcome.file_errors)
    statuses = {r.status for r in outcome.rows}
    if expected == "unmatched":
        assert statuses == {"unmatched"}, (kind, user, statuses)
    elif expected == "ok":
        assert statuses <= {"new", "update", "unchanged"} and statuses, (kind, user, statuses)
