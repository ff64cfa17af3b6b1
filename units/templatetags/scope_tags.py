from django import template

from units.scope import can_anywhere

register = template.Library()


@register.filter
def may(user, action):
    """Whether the user holds, somewhere in their scope, a role allowed to do the action
    (units.scope.Action value, e.g. "import"): the nav hides links that would answer 403."""
    return can_anywhere(user, action)
