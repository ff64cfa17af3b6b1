from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from units import selectors as unit_selectors
from units.forms import UnitSearchForm
from units.scope import assignments, home_units


@login_required
def home(request):
    roots = home_units(request.user)
    trees = [{"root": root, "rows": unit_selectors.tree_rows(request.user, root, max_depth=3)} for root in roots]
    context = {
        "assignments": assignments(request.user),
        "trees": trees,
        "search_form": UnitSearchForm(),
    }
    return render(request, "recruitment/home.html", context)
