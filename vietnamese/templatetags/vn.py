import functools
from urllib.parse import quote

from django import template
from django.urls import get_script_prefix, reverse
from django.utils.http import RFC3986_SUBDELIMS

from vietnamese import text

register = template.Library()


@register.filter
def vn_int(value):
    return text.format_int(value)


@register.filter
def vn_percent(value, digits=2):
    return text.format_percent(value, int(digits))


@register.filter
def mask_id(value):
    """National ID masked in lists: only the last 3 digits are shown."""
    value = str(value or "")
    if not value:
        return ""
    return "•" * max(len(value) - 3, 0) + value[-3:]


@register.simple_tag(takes_context=True)
def query_with(context, **kwargs):
    """The current query string with some parameters replaced (pagination, sorting)."""
    params = context["request"].GET.copy()
    for key, value in kwargs.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()


_CODE = "0CODE0"


@functools.lru_cache(maxsize=64)
def _url_around_code(name: str, script_prefix: str) -> tuple[str, str]:
    """The URL of `name` reversed once, split around its one <str:code> argument."""
    head, found, tail = reverse(name, args=[_CODE]).partition(_CODE)
    if not found:
        raise ValueError(f"URL {name!r} does not take the unit code as its argument")
    return head, tail


@register.filter
def code_url(code, name):
    """reverse(name, args=[code]), for the many rows of a table: `{{ r.unit.code|code_url:"quotas-unit" }}`.
    The URL is reversed once per name and the code quoted as reverse() quotes it, so a table of a hundred
    units costs a hundred string joins instead of a hundred URL resolutions."""
    code = str(code)
    if not code or "/" in code:
        return reverse(name, args=[code])  # reverse() gives its own error for what a URL can't hold
    head, tail = _url_around_code(name, get_script_prefix())
    return head + quote(code, safe=RFC3986_SUBDELIMS + "/~:@") + tail
