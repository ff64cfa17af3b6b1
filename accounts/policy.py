"""Who must use a second factor: the organization board, committee staff and anyone who can open the
admin (staff, superusers). Everyone else may enrol; once enrolled, every login asks for the code."""

from django.conf import settings
from django_otp import devices_for_user

from units.models import Role
from units.scope import assignments

DEFAULT_REQUIRED_ROLES = (Role.ORG_BOARD, Role.COMMITTEE)


def required_roles() -> set[str]:
    return set(getattr(settings, "TWO_FACTOR_REQUIRED_ROLES", DEFAULT_REQUIRED_ROLES))


def requires_two_factor(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or user.is_staff:
        return True
    wanted = required_roles()
    return any(a.role in wanted for a in assignments(user))


def is_enrolled(user) -> bool:
    return any(True for _ in devices_for_user(user, confirmed=True))
