"""Headers on every page (a CSP the pages satisfy, no-store), uniform 404s, and fuzzed query strings:
every GET row of the permission matrix is requested as the province's board with hostile values in
every parameter its page reads; nothing answers 500."""

import re

import pytest
from django.urls import reverse

from candidates.tests.factories import make_candidate

from .test_permission_matrix import ROWS, made

GET_ROWS = [(name, kwargs) for name, kwargs, method, expected in ROWS if method == "get"]
# One row per URL name for the fuzz (the values, not the objects, are what is fuzzed).
FUZZ_ROWS = list({name: (name, kwargs) for name, kwargs in reversed(GET_ROWS)}.values())
# Every query parameter read by a page of the app (filters, report parameters, periods, paging).
PARAMS = [
    "q", "stage", "unit", "status", "year", "overdue", "cert_expiring", "sort", "page", "nam", "ngay", "loai",
    "thang", "quy", "muc", "report", "as_of", "quarter", "class_code", "next", "sao_chep", "nguoi_dung",
    "ma_nguoi", "tu_ngay", "den_ngay", "kind", "code",
]  # fmt: skip
HOSTILE = ["0", "-1", "99999999999999999999999", "31/02/2026", "2026-13-45", "abc", "", "%00", "'\"<x>", "1e309",
           "NaN", "x" * 5000, "٣", "1.5", "00/00/0000"]  # fmt: skip
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)[^>]*>", re.I)


@pytest.mark.parametrize("name,kwargs", GET_ROWS, ids=[f"{n}-{i}" for i, (n, _) in enumerate(GET_ROWS)])
def test_pages_satisfy_the_csp_and_are_not_cached(cast, login, name, kwargs):
    client = login(cast.province_staff)
    url_kwargs, query = made(kwargs, cast)
    response = client.get(reverse(name, kwargs=url_kwargs), query)
    if response.status_code >= 300:
        return
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "no-store" in response["Cache-Control"]
    if response["Content-Type"].startswith("text/html"):
        body = response.content.decode()
        assert not INLINE_SCRIPT.search(body), "inline script"
        assert not re.search(r"\sstyle=\"", body), "inline style attribute"
        assert not re.search(r"\son[a-z]+=\"", body), "inline event handler"
        # Every element a field says describes it (its help text) is on the page.
        ids = set(re.findall(r'\bid="([^"]+)"', body))
        described = {ref for value in re.findall(r'aria-describedby="([^"]+)"', body) for ref in value.split()}
        assert described <= ids, f"aria-describedby names no element: {sorted(described - ids)}"


def test_a_download_is_not_cached(cast, login):
    response = login(cast.viewer).get(reverse("reports-download", args=["candidates", "P", "xlsx"]))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]


def test_out_of_scope_and_missing_objects_answer_the_same_404(cast, login):
    other = make_candidate(cast.cell_b)
    client = login(cast.secretary_a)
    out_of_scope = client.get(reverse("candidates-detail", args=[other.pk]))
    missing = client.get(reverse("candidates-detail", args=[other.pk + 1000]))
    assert out_of_scope.status_code == missing.status_code == 404
    assert _page(out_of_scope) == _page(missing)
    unit_out = client.get(reverse("units-detail", args=[cast.commune2.code]))
    unit_missing = client.get(reverse("units-detail", args=["KHONG-CO"]))
    assert unit_out.status_code == unit_missing.status_code == 404 and _page(unit_out) == _page(unit_missing)


def _page(response) -> str:
    """The page without its CSRF token (masked differently on every response)."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


@pytest.mark.parametrize("name,kwargs", FUZZ_ROWS, ids=[n for n, _ in FUZZ_ROWS])
def test_fuzzed_query_strings_never_answer_500(cast, login, name, kwargs):
    client = login(cast.province_staff)
    client.raise_request_exception = False
    url = reverse(name, kwargs=made(kwargs, cast)[0])
    for value in HOSTILE:
        response = client.get(url, {p: value for p in PARAMS})
        assert response.status_code < 500, f"{url}?*={value[:20]!r}: {response.status_code}"
    for i, param in enumerate(PARAMS):  # each parameter alone, the others at their defaults
        value = HOSTILE[i % len(HOSTILE)]
        response = client.get(url, {param: value})
        assert response.status_code < 500, f"{url}?{param}={value[:20]!r}: {response.status_code}"
