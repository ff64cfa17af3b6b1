"""The code_url template filter gives exactly what reverse() gives, for any unit code."""

import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch, reverse, set_script_prefix

CODES = ["GP01-001", "TP.HN-01", "Chi bộ 1", "a b&c?d#e%f", "đ~:@!$'()*+,;="]


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("name", ["quotas-unit", "quotas-admitted", "units-detail"])
def test_code_url_equals_reverse(code, name):
    html = Template("{% load vn %}{{ code|code_url:name }}").render(Context({"code": code, "name": name}))
    # The template escapes & into &amp; as it would escape the reversed URL.
    assert html == reverse(name, args=[code]).replace("&", "&amp;").replace("'", "&#x27;")


def test_code_url_follows_the_script_prefix():
    try:
        set_script_prefix("/dang/")
        assert Template("{% load vn %}{{ 'GP01'|code_url:'quotas-unit' }}").render(Context()) == reverse(
            "quotas-unit", args=["GP01"]
        )
        assert reverse("quotas-unit", args=["GP01"]).startswith("/dang/")
    finally:
        set_script_prefix("/")


def test_a_code_no_url_can_hold_fails_as_reverse_fails():
    with pytest.raises(NoReverseMatch):
        Template("{% load vn %}{{ 'a/b'|code_url:'quotas-unit' }}").render(Context())
