from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from units import selectors as unit_selectors
from units.forms import UnitSearchForm
from units.models import Role
from units.scope import assignments, home_units, roles_for

# Roles whose home page opens on the quota dashboard of their unit (the training centre keeps the tree).
DASHBOARD_ROLES = {Role.ORG_BOARD, Role.COMMITTEE, Role.VIEWER, Role.SECRETARY}


@login_required
def guide(request):
    """The guide in Vietnamese ("Hướng dẫn"): everyday tasks by role, screenshots taken by the tests."""
    from .guide import SECTIONS

    mine = {str(r) for r in _roles(request.user)}
    return render(request, "recruitment/guide.html", {"sections": SECTIONS, "my_roles": mine})


def _roles(user):
    roles = set()
    for unit in home_units(user):
        roles |= roles_for(user, unit)
    return roles


@login_required
def home(request):
    roots = home_units(request.user)
    trees = [{"root": root, "rows": unit_selectors.tree_rows(request.user, root, max_depth=3)} for root in roots]
    context = {
        "assignments": assignments(request.user),
        "trees": trees,
        "search_form": UnitSearchForm(),
    }
    dashboard_unit = next((r for r in roots if roles_for(request.user, r) & DASHBOARD_ROLES), None)
    if dashboard_unit is not None:
        from quotas.views import dashboard_context

        context.update(dashboard_context(request, dashboard_unit, detail=False))
        context["dashboard_unit"] = dashboard_unit
    return render(request, "recruitment/home.html", context)
