from django import template

from recruitment import text

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


@register.filter
def may(user, action):
    """Whether the user holds, somewhere in their scope, a role allowed to do the action
    (units.scope.Action value, e.g. "import"): the nav hides links that would answer 403."""
    from units.scope import can_anywhere

    return can_anywhere(user, action)
