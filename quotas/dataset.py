"""Bulk building of unit trees and candidates for the scale dataset and for size tests.

bulk_create bypasses PartyUnit.save / Candidate.save and treebeard, so this module computes what they
would: treebeard materialized paths (steplen 4, alphabet 0-9A-Z: the n-th child of P is
P + base36(n) zero-padded to 4), depth and numchild, and the candidates' normalized name, search
name and sort key (vietnamese.text, as Candidate.save does)."""

from __future__ import annotations

from candidates.models import Candidate
from units.models import PartyUnit
from vietnamese.text import clean_text, fold


def child_path(parent_path: str, n: int) -> str:
    """Path of the n-th child (1-based) under a parent path, exactly as treebeard builds it."""
    return PartyUnit._get_path(parent_path, len(parent_path) // PartyUnit.steplen + 1, n)


def new_unit(parent: PartyUnit | None, n: int, *, code: str, name: str, kind: str, **fields) -> PartyUnit:
    """An unsaved unit at position n below parent (or the n-th root), with path/depth/search_name set."""
    parent_path = parent.path if parent is not None else ""
    name = clean_text(name)
    return PartyUnit(
        path=child_path(parent_path, n),
        depth=(parent.depth + 1) if parent is not None else 1,
        numchild=0,
        code=clean_text(code),
        name=name,
        search_name=fold(name),
        kind=kind,
        **fields,
    )


def set_numchild(units: list[PartyUnit]) -> None:
    """numchild of every unit in the list, from the paths of the list (children must be in it too)."""
    counts: dict[str, int] = {}
    for u in units:
        if u.depth > 1:
            parent_path = u.path[: -PartyUnit.steplen]
            counts[parent_path] = counts.get(parent_path, 0) + 1
    for u in units:
        u.numchild = counts.get(u.path, 0)


def add_cells(parent: PartyUnit, count: int, kind: str = "cell", prefix: str | None = None) -> list[PartyUnit]:
    """Append `count` leaf units below an existing parent with bulk_create (for size tests)."""
    parent.refresh_from_db()
    start = parent.numchild
    prefix = prefix or parent.code
    units = [
        new_unit(parent, start + i, code=f"{prefix}-N{start + i}", name=f"Chi bộ số {start + i}", kind=kind)
        for i in range(1, count + 1)
    ]
    PartyUnit.objects.bulk_create(units, batch_size=2000)
    PartyUnit.objects.filter(pk=parent.pk).update(numchild=start + count)
    parent.refresh_from_db()
    return list(PartyUnit.objects.filter(path__in=[u.path for u in units]).order_by("path"))


def prepare_candidate(candidate: Candidate) -> Candidate:
    """What Candidate.save computes, for a candidate about to be bulk-created."""
    candidate.normalize()
    return candidate
