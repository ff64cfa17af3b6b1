"""Writes to the unit tree. Views, admin, imports and commands call these; none writes around them."""

import datetime
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from treebeard.exceptions import InvalidMoveToDescendant

from vietnamese.text import clean_text

from .models import GRASSROOTS_KINDS, PartyUnit, UnitKind, UnitMerge
from .scope import Action, require

# Other apps register what a merge must carry over (candidates, quotas). Each handler gets
# (source, target, merged_on, actor, decision=...) inside the merge transaction, before the source's
# children move, and returns a dict of what it moved, stored on the UnitMerge record.
MergeHandler = Callable[..., dict]
MERGE_HANDLERS: list[MergeHandler] = []
# Other apps register why a subtree may not close yet (e.g. people still followed in its cells): each
# check gets (unit, closed_on) and returns the reasons, in Vietnamese.
CloseCheck = Callable[[PartyUnit, datetime.date], list[str]]
CLOSE_CHECKS: list[CloseCheck] = []


def register_merge_handler(handler: MergeHandler) -> None:
    if handler not in MERGE_HANDLERS:
        MERGE_HANDLERS.append(handler)


def register_close_check(check: CloseCheck) -> None:
    if check not in CLOSE_CHECKS:
        CLOSE_CHECKS.append(check)


def _validate_fields(*, code: str, name: str, kind: str, instance: PartyUnit | None = None) -> dict:
    errors: dict[str, list[str]] = {}
    if not code:
        errors.setdefault("code", []).append("Mã đơn vị không được để trống.")
    elif PartyUnit.objects.filter(code=code).exclude(pk=getattr(instance, "pk", None)).exists():
        errors.setdefault("code", []).append(f"Mã đơn vị “{code}” đã tồn tại.")
    if not name:
        errors.setdefault("name", []).append("Tên đơn vị không được để trống.")
    if kind not in UnitKind.values:
        errors.setdefault("kind", []).append("Loại tổ chức không hợp lệ.")
    return errors


@transaction.atomic
def unit_create(
    *,
    parent: PartyUnit | None,
    code: str,
    name: str,
    kind: str,
    actor=None,
    sector: str = "other",
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
    member_count: int | None = None,
    **extra,
) -> PartyUnit:
    """Add a unit. `extra`: the other fields of the unit form (Đoàn, union, authorization)."""
    extra = {k: v for k, v in extra.items() if k in EXTRA_FIELDS}
    if actor is not None:
        if parent is None:
            if not getattr(actor, "is_superuser", False):
                raise ValidationError("Chỉ quản trị hệ thống được tạo đơn vị cấp cao nhất.")
        else:
            require(actor, Action.MANAGE_UNITS, parent)
    code, name = clean_text(code), clean_text(name)
    errors = _validate_fields(code=code, name=name, kind=kind)
    if parent is not None and parent.valid_to is not None and (valid_to is None or valid_to > parent.valid_to):
        # Nothing new lands in a closed unit (a historic child closes with it).
        errors.setdefault("valid_to", []).append(
            f"“{parent.name}” đã hết hiệu lực từ sau ngày {parent.valid_to:%d/%m/%Y}: đơn vị trực thuộc mới phải "
            "hết hiệu lực cùng lúc hoặc sớm hơn."
        )
    if errors:
        raise ValidationError(errors)
    unit = PartyUnit(
        code=code,
        name=name,
        kind=kind,
        sector=sector,
        valid_from=valid_from,
        valid_to=valid_to,
        member_count=member_count,
        **extra,
    )
    unit.full_clean(exclude=["path", "depth", "numchild", "code"])
    if parent is None:
        return PartyUnit.objects.add_root(instance=unit)
    parent.refresh_from_db()
    return PartyUnit.objects.add_child(parent, instance=unit)


EXTRA_FIELDS = (
    "has_youth_union",
    "has_trade_union",
    "admission_authorization_number",
    "admission_authorization_date",
    "admission_authorized_by",
)


def _authorization_errors(unit: PartyUnit) -> dict:
    """An authorization to admit is a record: number, date and the committee that gave it."""
    given = [unit.admission_authorization_number, unit.admission_authorization_date, unit.admission_authorized_by]
    if not any(given):
        return {}
    errors = []
    if unit.kind not in GRASSROOTS_KINDS:
        errors.append("Chỉ tổ chức cơ sở đảng được ủy quyền kết nạp đảng viên.")
    if not all(given):
        errors.append("Ủy quyền kết nạp cần đủ số văn bản, ngày và cấp ủy ủy quyền.")
    by = unit.admission_authorized_by
    if by is not None and unit.path and not (unit.path.startswith(by.path) and by.depth < unit.depth):
        errors.append(f"“{by.name}” không phải là cấp ủy cấp trên của đơn vị.")
    return {"admission_authorization_number": errors} if errors else {}


def _close_subtree(unit: PartyUnit, closed_on: datetime.date) -> list[str]:
    """Closing a unit closes its whole open subtree with it, when nothing is still followed there."""
    reasons = []
    for check in CLOSE_CHECKS:
        reasons += check(unit, closed_on)
    if reasons:
        return reasons
    PartyUnit.objects.filter(path__startswith=unit.path, depth__gt=unit.depth).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=closed_on)
    ).update(valid_to=closed_on)
    return []


@transaction.atomic
def unit_update(*, unit: PartyUnit, actor=None, **fields) -> PartyUnit:
    if actor is not None:
        require(actor, Action.MANAGE_UNITS, unit)
    stored_valid_to = PartyUnit.objects.filter(pk=unit.pk).values_list("valid_to", flat=True).first()
    closing = fields.get("valid_to") is not None and fields.get("valid_to") != stored_valid_to
    for key in ("code", "name"):
        if key in fields:
            fields[key] = clean_text(fields[key])
    errors = _validate_fields(
        code=fields.get("code", unit.code),
        name=fields.get("name", unit.name),
        kind=fields.get("kind", unit.kind),
        instance=unit,
    )
    if errors:
        raise ValidationError(errors)
    for key, value in fields.items():
        setattr(unit, key, value)
    errors = _authorization_errors(unit)
    if errors:
        raise ValidationError(errors)
    unit.full_clean(exclude=["path", "depth", "numchild", "code"])
    if closing:
        reasons = _close_subtree(unit, unit.valid_to)
        if reasons:
            raise ValidationError({"valid_to": reasons})
    unit.save()
    return unit


@transaction.atomic
def unit_move(*, unit: PartyUnit, new_parent: PartyUnit, actor=None) -> PartyUnit:
    """Re-parent a unit with its whole subtree. A unit cannot become its own descendant."""
    if actor is not None:
        require(actor, Action.MANAGE_UNITS, unit)
        require(actor, Action.MANAGE_UNITS, new_parent)
    unit.refresh_from_db()
    new_parent.refresh_from_db()
    if new_parent.pk == unit.pk or new_parent.path.startswith(unit.path):
        raise ValidationError({"parent": [f"Không thể đặt “{unit.name}” dưới chính nó hoặc một đơn vị trực thuộc nó."]})
    if unit.parent_path == new_parent.path:
        return unit
    try:
        PartyUnit.objects.move(unit, new_parent, "last-child")
    except InvalidMoveToDescendant:
        raise ValidationError({"parent": ["Không thể chuyển đơn vị vào đơn vị trực thuộc của chính nó."]}) from None
    unit.refresh_from_db()
    return unit


@transaction.atomic
def unit_merge(
    *, source: PartyUnit, target: PartyUnit, merged_on: datetime.date, actor=None, decision: str = ""
) -> UnitMerge:
    """Merge `source` into `target`: the children of source move under target, source is closed
    with target as its successor, every registered handler moves its rows (candidates, quotas),
    and one UnitMerge row records it all."""
    if actor is not None:
        require(actor, Action.MANAGE_UNITS, source)
        require(actor, Action.MANAGE_UNITS, target)
    source.refresh_from_db()
    target.refresh_from_db()
    errors = []
    if source.pk == target.pk:
        errors.append("Không thể sáp nhập một đơn vị vào chính nó.")
    elif target.path.startswith(source.path):
        errors.append(f"Không thể sáp nhập “{source.name}” vào đơn vị trực thuộc của chính nó (“{target.name}”).")
    if source.valid_to is not None:
        errors.append(f"“{source.name}” đã hết hiệu lực từ {source.valid_to:%d/%m/%Y}.")
    if target.valid_to is not None:
        errors.append(f"“{target.name}” đã hết hiệu lực từ {target.valid_to:%d/%m/%Y}.")
    if source.valid_from and merged_on < source.valid_from:
        errors.append("Ngày sáp nhập trước ngày thành lập đơn vị.")
    if errors:
        raise ValidationError(errors)

    moved: dict = {}
    # The handlers run while the source's subtree is still under it (they read where people were).
    for handler in MERGE_HANDLERS:
        moved.update(handler(source, target, merged_on, actor, decision=clean_text(decision)) or {})
    children = list(PartyUnit.objects.filter(path__startswith=source.path, depth=source.depth + 1).order_by("path"))
    for child in children:
        child.refresh_from_db()
        target.refresh_from_db()
        PartyUnit.objects.move(child, target, "last-child")
    moved["children"] = [c.code for c in children]
    source.refresh_from_db()
    source.valid_to = merged_on
    source.successor = target
    source.save()
    return UnitMerge.objects.create(
        source=source,
        target=target,
        merged_on=merged_on,
        decision=clean_text(decision),
        moved=moved,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
