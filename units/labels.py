"""Units told apart where their names repeat: "Chi bộ thôn Đoài — xã Tân Hòa".

A unit whose name no other unit bears is shown by its name. Otherwise its name is followed by the
nearest ancestor that tells it from every namesake: first among the ancestors people name a place by
(commune, district, bloc — "xã Tân Hòa"), then any ancestor; the ancestor's kind words ("Đảng bộ",
"Chi bộ cơ sở"…) are dropped. Two queries for any set of units (the namesakes, then all their
ancestors), whatever the number of units: no query per row."""

from collections import defaultdict
from collections.abc import Iterable

from .models import PartyUnit, UnitKind

SEPARATOR = " — "
PLACE_KINDS = (UnitKind.COMMUNE, UnitKind.DISTRICT, UnitKind.BLOC, UnitKind.PROVINCE)
# Longest first: the words of an ancestor's name that say what kind of unit it is.
KIND_PREFIXES = ("Đảng bộ bộ phận ", "Đảng bộ cơ sở ", "Chi bộ cơ sở ", "Đảng bộ ", "Chi bộ ")


def short_name(name: str) -> str:
    """ "Đảng bộ xã Tân Hòa" -> "xã Tân Hòa" (the name of a place, as people say it)."""
    for prefix in KIND_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix) :]
    return name


def _ancestor_paths(path: str, steplen: int) -> list[str]:
    """Nearest first."""
    return [path[:i] for i in range(len(path) - steplen, 0, -steplen)]


def display_names(units: Iterable[PartyUnit]) -> dict[int, str]:
    """{unit id: the name to show} for the given units."""
    units = list({u.pk: u for u in units if u is not None}.values())
    if not units:
        return {}
    names = {u.name for u in units}
    namesakes = defaultdict(list)
    for pk, path, name in PartyUnit.objects.filter(name__in=names).values_list("pk", "path", "name"):
        namesakes[name].append((pk, path))
    repeated = {name: members for name, members in namesakes.items() if len(members) > 1}
    result = {u.pk: u.name for u in units}
    if not repeated:
        return result
    steplen = PartyUnit.steplen
    wanted = {p for members in repeated.values() for _, path in members for p in _ancestor_paths(path, steplen)}
    ancestors = {
        path: (name, kind)
        for path, name, kind in PartyUnit.objects.filter(path__in=wanted).values_list("path", "name", "kind")
    }
    for u in units:
        members = repeated.get(u.name)
        if members is None:
            continue
        result[u.pk] = u.name + SEPARATOR + _distinguishing(u, members, ancestors, steplen)
    return result


def _distinguishing(unit: PartyUnit, members, ancestors, steplen: int) -> str:
    others = [path for pk, path in members if pk != unit.pk]
    other_names = set()
    for path in others:
        other_names.update(ancestors.get(p, ("", ""))[0] for p in _ancestor_paths(path, steplen))
    own = [ancestors[p] for p in _ancestor_paths(unit.path, steplen) if p in ancestors]
    # A place people name (xã, phường, huyện, khối) first, then any ancestor, nearest first.
    for name, _kind in [a for a in own if a[1] in PLACE_KINDS] + own:
        # The ancestor tells this unit apart when no namesake has an ancestor of that name.
        if name not in other_names:
            return short_name(name)
    # Every ancestor is shared (the namesake sits deeper, e.g. under a former district): the parent
    # still tells them apart unless a namesake has a parent of the same name; then the code does.
    parent = ancestors.get(unit.path[:-steplen])
    other_parents = {ancestors.get(path[:-steplen], ("", ""))[0] for path in others}
    if parent and parent[0] not in other_parents:
        return short_name(parent[0])
    return unit.code


def label_units(units: Iterable[PartyUnit]) -> None:
    """Set each unit's `label` (see PartyUnit.label) for the templates, in two queries."""
    units = [u for u in units if u is not None]
    names = display_names(units)
    for u in units:
        u._label = names.get(u.pk, u.name)
