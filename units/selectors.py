"""Read queries over the tree. Counts per subtree are grouped in SQL by path prefix."""

from collections.abc import Callable
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Length, Substr

from .models import CELL_KINDS, PartyUnit
from .scope import scoped


def subtree(unit: PartyUnit, include_self: bool = True) -> QuerySet:
    qs = PartyUnit.objects.filter(path__startswith=unit.path)
    return qs if include_self else qs.exclude(pk=unit.pk)


def children(unit: PartyUnit) -> QuerySet:
    return PartyUnit.objects.filter(path__startswith=unit.path, depth=unit.depth + 1)


def ancestors(unit: PartyUnit) -> QuerySet:
    return PartyUnit.objects.filter(path__in=unit.ancestor_paths()).order_by("depth")


def counts_by_prefix(qs: QuerySet, path_lookup: str, prefix_lengths: list[int]) -> dict[str, int]:
    """{path prefix: number of rows} for every prefix length, in ONE query (a UNION of GROUP BYs).
    Each row counts once per ancestor level, so a unit's number covers its whole subtree."""
    if not prefix_lengths:
        return {}
    # Rows whose own path is shorter than the prefix would repeat a shorter prefix: leave them out.
    parts = [
        qs.order_by()
        .annotate(path_length=Length(path_lookup))
        .filter(path_length__gte=length)
        .annotate(prefix=Substr(path_lookup, 1, length))
        .values("prefix")
        .annotate(n=Count("pk"))
        .values_list("prefix", "n")
        for length in sorted(set(prefix_lengths))
    ]
    query = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return {prefix: n for prefix, n in query}


def unit_search(user, term: str) -> QuerySet:
    """Units in the user's scope whose name holds every word of `term`, diacritics ignored. When no
    name holds them all, words may be in an ancestor's name ("doai tan hoa" finds the "Chi bộ thôn
    Đoài" of xã Tân Hòa), at least one in the unit's own: one more query per word then."""
    from vietnamese.text import fold

    words = [w for w in fold(term).split(" ") if w]
    scope = scoped(user, PartyUnit)
    own = scope
    for word in words:
        own = own.filter(search_name__contains=word)
    if len(words) < 2 or own.exists():
        return own
    qs, in_own_name = scope, Q()
    for word in words:
        holders = PartyUnit.objects.filter(search_name__contains=word, numchild__gt=0).values_list("path", flat=True)
        condition = Q(search_name__contains=word)
        in_own_name |= Q(search_name__contains=word)
        for path in holders[:ANCESTOR_WORD_LIMIT]:
            condition |= Q(path__startswith=path)
        qs = qs.filter(condition)
    return qs.filter(in_own_name)


# Ancestors looked at per word of a search (a word found in more unit names than this is too common
# to narrow by ancestry: the unit's own name must hold it).
ANCESTOR_WORD_LIMIT = 50


def _unit_and_cell_counts(qs: QuerySet, lengths: list[int]) -> tuple[dict[str, int], dict[str, int]]:
    """counts_by_prefix of units and of cells together, in one query."""
    if not lengths:
        return {}, {}
    parts = [
        qs.order_by()
        .annotate(path_length=Length("path"))
        .filter(path_length__gte=length)
        .annotate(prefix=Substr("path", 1, length))
        .values("prefix")
        .annotate(n=Count("pk"), cells=Count("pk", filter=Q(kind__in=CELL_KINDS)))
        .values_list("prefix", "n", "cells")
        for length in sorted(set(lengths))
    ]
    query = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    units, cells = {}, {}
    for prefix, n, c in query:
        units[prefix], cells[prefix] = n, c
    return units, cells


# Counts of what stands on the tree (people in the pipeline, ...) come from the apps above through
# counters they register at start-up: the units app knows no people. Each counter takes
# (user, root, prefix lengths) and returns {path prefix: number} over the root's subtree in one query.
SubtreeCounter = Callable[[Any, PartyUnit, list[int]], dict[str, int]]
_SUBTREE_COUNTERS: dict[str, SubtreeCounter] = {}


def register_subtree_counter(name: str, counter: SubtreeCounter) -> None:
    """Add a column `name` to every row of tree_rows, filled by `counter`."""
    _SUBTREE_COUNTERS[name] = counter


def tree_rows(user, root: PartyUnit, max_depth: int | None = None) -> list[dict]:
    """The root's subtree in path order, each with its number of cells and of subunits below it
    and what the registered counters count (candidates in the pipeline). Three queries whatever the size of the tree."""
    units_qs = scoped(user, subtree(root)).order_by("path")
    if max_depth is not None:
        units_qs = units_qs.filter(depth__lte=root.depth + max_depth)
    units = list(units_qs.only("id", "path", "depth", "numchild", "code", "name", "kind", "valid_to"))
    lengths = sorted({len(u.path) for u in units})
    below = subtree(root, include_self=False)
    unit_counts, cell_counts = _unit_and_cell_counts(below, lengths)
    counted = {name: counter(user, root, lengths) for name, counter in _SUBTREE_COUNTERS.items()}
    rows = []
    for u in units:
        rows.append(
            {
                "unit": u,
                "level": u.depth - root.depth,
                "units_below": unit_counts.get(u.path, 0) - (1 if u.path != root.path else 0),
                "cells_below": cell_counts.get(u.path, 0) - (1 if u.kind in CELL_KINDS and u.path != root.path else 0),
                **{name: counts.get(u.path, 0) for name, counts in counted.items()},
            }
        )
    return rows
