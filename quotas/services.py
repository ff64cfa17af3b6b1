"""Writes to quotas: allocating a year's targets to the units directly below, copying last year's, and
carrying quotas and admissions over when units merge. Views, admin and commands call these."""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from candidates.models import Candidate
from units.models import PartyUnit
from units.scope import Action, in_scope, require
from vietnamese.text import clean_text

from .models import MAX_YEAR, MIN_YEAR, Quota, TermTarget


def allocation_children(unit: PartyUnit, year: int) -> list[PartyUnit]:
    """The units directly below that can receive a target for the year (not closed before it)."""
    return list(
        PartyUnit.objects.filter(path__startswith=unit.path, depth=unit.depth + 1)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=datetime.date(year, 1, 1)))
        .order_by("path")
    )


def _parse_target(raw, label: str, errors: list[str]) -> int | None:
    """'' -> None (no quota); a non-negative whole number -> int; anything else -> an error message."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        errors.append(f"{label}: chỉ tiêu phải là số nguyên không âm.")
        return None
    if isinstance(raw, int):
        value = raw
    else:
        text = clean_text(raw).replace(".", "").replace(" ", "")
        if text == "":
            return None
        try:
            value = int(text)
        except ValueError:
            errors.append(f"{label}: “{clean_text(raw)}” không phải là số nguyên.")
            return None
    if value < 0:
        errors.append(f"{label}: chỉ tiêu không được âm ({value}).")
        return None
    return value


def _check_year(year) -> int:
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ValidationError("Năm không hợp lệ.") from None
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError(f"Năm phải trong khoảng {MIN_YEAR}–{MAX_YEAR} (đã nhập {year}).")
    return year


@transaction.atomic
def quota_allocate(
    *,
    unit: PartyUnit,
    year: int,
    targets: Mapping[int, object],
    actor=None,
    parent_target: object = None,
    set_parent: bool = False,
    document: str = "",
) -> dict:
    """Set the year's targets of the units directly below `unit` (and optionally the unit's own) in one
    transaction. `targets` maps child unit id -> target ('' / None removes the child's quota).
    Every error (negative or non-numeric target, unit outside scope or not a direct child, year out of
    range, duplicate unit) is collected and raised together as a ValidationError; nothing is written.
    Returns {"created": n, "updated": n, "deleted": n}."""
    if actor is not None:
        require(actor, Action.SET_QUOTAS, unit)
    year = _check_year(year)
    errors: list[str] = []
    if unit.valid_to is not None and unit.valid_to < datetime.date(year, 1, 1):
        # Nothing new lands in a closed unit (Nghị quyết 60-NQ/TW 2025: merged or dissolved units).
        errors.append(
            f"“{unit.name}” đã hết hiệu lực từ sau ngày {unit.valid_to:%d/%m/%Y}: không giao chỉ tiêu năm {year}."
        )
    children = {c.pk: c for c in allocation_children(unit, year)}
    parsed: dict[int, int | None] = {}
    seen: set = set()
    for raw_id, raw_target in targets.items() if isinstance(targets, Mapping) else targets:
        try:
            unit_id = int(raw_id)
        except (TypeError, ValueError):
            errors.append(f"Đơn vị “{raw_id}” không hợp lệ.")
            continue
        if unit_id in seen:
            errors.append(f"Đơn vị “{children[unit_id].name if unit_id in children else unit_id}” được nhập hai lần.")
            continue
        seen.add(unit_id)
        child = children.get(unit_id)
        if child is None:
            # Not a direct child for this year: outside the scope or elsewhere in the tree; say no more.
            other = PartyUnit.objects.filter(pk=unit_id).first()
            if other is not None and actor is not None and not in_scope(actor, other):
                errors.append("Có đơn vị nằm ngoài phạm vi quản lý của bạn.")
            else:
                errors.append(f"“{other.name if other else unit_id}” không phải đơn vị trực thuộc của “{unit.name}”.")
            continue
        parsed[unit_id] = _parse_target(raw_target, child.name, errors)
    own = None
    if set_parent:
        if actor is not None and not can_set_own_target(actor, unit):
            errors.append(f"Bạn không được giao chỉ tiêu cho chính “{unit.name}” (do cấp trên giao).")
        own = _parse_target(parent_target, unit.name, errors)
    if errors:
        raise ValidationError(errors)

    document = clean_text(document)
    result = {"created": 0, "updated": 0, "deleted": 0}
    existing = {
        q.unit_id: q for q in Quota.objects.select_for_update().filter(year=year, unit_id__in=[*parsed, unit.pk])
    }
    items = list(parsed.items()) + ([(unit.pk, own)] if set_parent else [])
    for unit_id, target in items:
        quota = existing.get(unit_id)
        if target is None:
            if quota is not None:
                quota.delete()
                result["deleted"] += 1
            continue
        if quota is None:
            quota = Quota(unit_id=unit_id, year=year, target=target, document=document)
            result["created"] += 1
        elif quota.target == target and (not document or quota.document == document):
            continue
        else:
            quota.target = target
            if document:
                quota.document = document
            result["updated"] += 1
        if quota.target_max is not None and quota.target_max < target:
            quota.target_max = None
        quota.full_clean()
        quota.save()
    return result


def can_set_own_target(actor, unit: PartyUnit) -> bool:
    """A unit's own target is set by the level above: the actor needs SET_QUOTAS on the parent, or is
    a superuser (a root unit has no parent in the tree)."""
    if getattr(actor, "is_superuser", False):
        return True
    if unit.depth == 1:
        return False
    from units.scope import can

    parent = PartyUnit.objects.get(path=unit.parent_path)
    return in_scope(actor, parent) and can(actor, Action.SET_QUOTAS, parent)


def quota_previous_targets(*, unit: PartyUnit, year: int) -> dict[int, int]:
    """Last year's targets of the units directly below (child id -> target): the starting point
    that "copy last year's targets" puts in the form (nothing is written until it is saved)."""
    children = allocation_children(unit, year)
    return dict(Quota.objects.filter(year=year - 1, unit__in=children).values_list("unit_id", "target"))


@transaction.atomic
def quota_copy_previous_year(*, unit: PartyUnit, year: int, actor=None) -> dict:
    """Copy last year's targets of the units directly below to `year` (only where `year` has none)."""
    if actor is not None:
        require(actor, Action.SET_QUOTAS, unit)
    year = _check_year(year)
    previous = quota_previous_targets(unit=unit, year=year)
    already = set(Quota.objects.filter(year=year, unit_id__in=previous).values_list("unit_id", flat=True))
    new = {uid: target for uid, target in previous.items() if uid not in already}
    return quota_allocate(unit=unit, year=year, targets=new, actor=actor) if new else {"created": 0}


# ---- merges ---------------------------------------------------------------------------------------


def merge_handler(source: PartyUnit, target: PartyUnit, merged_on: datetime.date, actor, decision: str = "") -> dict:
    """Registered with units.services (see apps.py). Runs inside the merge transaction.

    - Quotas of the merge year and later move to the target: added to the target's quota of the same
      year when it has one (target and target_max summed), else re-assigned. Earlier years stay with
      the source (history). The same for term targets that reach the merge year.
    - Candidates whose cell is the source move to the target in candidates' own handler (with an event
      on each timeline).
    - Admissions recorded at the source (admitting_unit) with a decision in the merge year or later move
      to the target, so the successor counts them from the merge year on — together with the quota
      it took over. Earlier admissions stay where they were recorded.
    Returns the counts moved (stored on the UnitMerge row)."""
    year = merged_on.year
    quotas_moved = 0
    for quota in Quota.objects.select_for_update().filter(unit=source, year__gte=year).order_by("year"):
        existing = Quota.objects.select_for_update().filter(unit=target, year=quota.year).first()
        if existing is None:
            quota.unit = target
            quota.note = clean_text(f"{quota.note} (chuyển từ {source.name})")[:255]
            quota.save()
        else:
            existing.target += quota.target
            if existing.target_max is not None or quota.target_max is not None:
                existing.target_max = (existing.target_max or existing.target - quota.target) + (
                    quota.target_max or quota.target
                )
            existing.note = clean_text(f"{existing.note} (gồm chỉ tiêu của {source.name})")[:255]
            existing.save()
            quota.delete()
        quotas_moved += 1
    terms_moved = 0
    for term in TermTarget.objects.select_for_update().filter(unit=source, last_year__gte=year):
        existing = TermTarget.objects.filter(unit=target, first_year=term.first_year).first()
        if existing is None:
            term.unit = target
            term.save()
        else:
            existing.target += term.target
            existing.save()
            term.delete()
        terms_moved += 1
    admissions = Candidate.objects.filter(admitting_unit=source, decision_date__gte=datetime.date(year, 1, 1)).update(
        admitting_unit=target
    )
    return {"quotas": quotas_moved, "term_targets": terms_moved, "admissions": admissions}
