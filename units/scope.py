"""Who may see and do what: a user's scope is the subtree of each unit they are assigned to.

Every view, export, report and import gets its querysets from `scoped()` and its single
objects from `get_scoped_or_404()`: an object outside the scope is a 404, never a 403
(a 403 would confirm that it exists). Rights inside the scope come from the role.
"""

from collections.abc import Iterable

from django.core.exceptions import MultipleObjectsReturned, ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from .models import Assignment, PartyUnit, Role


class Action:
    VIEW = "view"
    MANAGE_UNITS = "manage_units"
    EDIT_CANDIDATES = "edit_candidates"
    COMMITTEE_DECISIONS = "committee_decisions"
    RECORD_TRAINING = "record_training"
    SET_QUOTAS = "set_quotas"
    IMPORT = "import"
    # Personal data beyond what a list needs (national ID, dossier, contact, history, notes): the
    # training centre sees names, birth dates, cells and results; the viewer aggregates and lists.
    VIEW_PERSONAL = "view_personal"
    # The access log of personal data (who read and exported what): the organization board.
    READ_ACCESS_LOG = "read_access_log"


ACTION_ROLES: dict[str, set[str]] = {
    Action.VIEW: set(Role.values),
    Action.MANAGE_UNITS: {Role.ORG_BOARD},
    Action.EDIT_CANDIDATES: {Role.ORG_BOARD, Role.COMMITTEE, Role.SECRETARY},
    # Committee resolutions and admission decisions are made above the cell.
    Action.COMMITTEE_DECISIONS: {Role.ORG_BOARD, Role.COMMITTEE},
    Action.RECORD_TRAINING: {Role.ORG_BOARD, Role.TRAINING},
    Action.SET_QUOTAS: {Role.ORG_BOARD, Role.COMMITTEE},
    Action.IMPORT: {Role.ORG_BOARD, Role.COMMITTEE, Role.TRAINING},
    Action.VIEW_PERSONAL: {Role.ORG_BOARD, Role.COMMITTEE, Role.SECRETARY},
    Action.READ_ACCESS_LOG: {Role.ORG_BOARD},
}


def assignments(user) -> list[Assignment]:
    """The user's assignments, loaded once per request (cached on the user object)."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_unit_assignments", None)
    if cached is None:
        cached = list(Assignment.objects.filter(user=user).select_related("unit").order_by("unit__path"))
        user._unit_assignments = cached
    return cached


def scope_paths(user) -> list[str] | None:
    """Path prefixes the user may see; None means everything (superuser)."""
    if getattr(user, "is_superuser", False):
        return None
    paths = sorted({a.unit.path for a in assignments(user)})
    # Drop a path already covered by an ancestor's.
    result: list[str] = []
    for path in paths:
        if not any(path.startswith(kept) for kept in result):
            result.append(path)
    return result


def scope_q(user, lookup: str) -> Q:
    paths = scope_paths(user)
    if paths is None:
        return Q()
    if not paths:
        return Q(pk__in=[])
    q = Q()
    for path in paths:
        q |= Q(**{f"{lookup}__startswith": path})
    return q


def scoped(user, model_or_qs: type[Model] | QuerySet, lookup: str | None = None) -> QuerySet:
    """The queryset of a model restricted to the user's subtree. The model names its path
    lookup in `scope_path` (e.g. Candidate.scope_path = "cell__path")."""
    qs = model_or_qs if isinstance(model_or_qs, QuerySet) else model_or_qs._default_manager.all()
    lookup = lookup or qs.model.scope_path
    return qs.filter(scope_q(user, lookup))


def get_scoped_or_404(user, model_or_qs, **kwargs):
    try:
        return scoped(user, model_or_qs).get(**kwargs)
    except (ObjectDoesNotExist, MultipleObjectsReturned, ValueError, ValidationError):
        raise Http404("Không tìm thấy hoặc bạn không có quyền xem.") from None


def unknown_unit_message(code) -> str:
    """One message for a unit code that does not exist and one outside the user's scope (an import
    must not reveal which codes exist elsewhere)."""
    return f"không tìm thấy đơn vị mã “{code}” trong phạm vi quản lý của bạn."


def in_scope(user, unit: PartyUnit) -> bool:
    paths = scope_paths(user)
    return paths is None or any(unit.path.startswith(p) for p in paths)


def roles_for(user, unit: PartyUnit) -> set[str]:
    """Roles the user holds over this unit (through an assignment on it or an ancestor)."""
    if getattr(user, "is_superuser", False):
        return set(Role.values)
    return {a.role for a in assignments(user) if unit.path.startswith(a.unit.path)}


def can(user, action: str, unit: PartyUnit) -> bool:
    return bool(roles_for(user, unit) & ACTION_ROLES[action])


def require(user, action: str, unit: PartyUnit) -> None:
    """For an object already known to be in scope: 403 when the role lacks the right."""
    if not in_scope(user, unit):
        raise Http404("Không tìm thấy hoặc bạn không có quyền xem.")
    if not can(user, action, unit):
        raise PermissionDenied("Vai trò của bạn không được thực hiện thao tác này.")


def can_anywhere(user, action: str) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    return any(a.role in ACTION_ROLES[action] for a in assignments(user))


def home_units(user) -> list[PartyUnit]:
    """The top units of the user's scope (one per assignment, without nested duplicates)."""
    if getattr(user, "is_superuser", False):
        return list(PartyUnit.objects.filter(depth=1).order_by("path"))
    paths = scope_paths(user) or []
    seen: dict[str, PartyUnit] = {}
    for a in assignments(user):
        if a.unit.path in paths:
            seen.setdefault(a.unit.path, a.unit)
    return list(seen.values())


def units_for_action(user, action: str) -> Iterable[PartyUnit]:
    """Units where the user may do the action (top of each subtree)."""
    if getattr(user, "is_superuser", False):
        return PartyUnit.objects.filter(depth=1)
    return [a.unit for a in assignments(user) if a.role in ACTION_ROLES[action]]
