"""Leaving the pipeline, coming back, transfers, and corrections of a recorded event."""

import datetime

from django.db import transaction

from units.models import PartyUnit
from units.scope import Action, in_scope
from vietnamese.text import clean_text

from .. import rules
from ..models import (
    Candidate,
    EventKind,
    ExitReason,
    Stage,
    StageEvent,
)
from .base import Result, RuleViolation, _check_date, _jsonable, _lock, _raise, _save, _transition, d, write_event
from .dossier import DOSSIER_FIELDS
from .people import find_duplicate


@transaction.atomic
def candidate_exit(
    *, actor, candidate: Candidate, reason: str, on: datetime.date, note: str = "", expected_version: int | None = None
) -> Result:
    candidate = _lock(candidate, actor, Action.EDIT_CANDIDATES, expected_version)
    errors = []
    if candidate.stage == Stage.OFFICIAL:
        errors.append("Đảng viên chính thức không thuộc danh sách theo dõi kết nạp.")
    if reason not in ExitReason.values:
        errors.append("Chưa chọn lý do.")
    elif reason == ExitReason.STRUCK_OFF and candidate.stage != Stage.PROBATIONARY:
        errors.append("Chỉ xóa tên đảng viên trong thời gian dự bị.")
    errors += _check_date("ngày ra khỏi danh sách", on, candidate)
    _raise(errors)
    candidate.is_open = False
    candidate.exit_reason = reason
    candidate.exit_date = on
    event = _transition(
        candidate,
        actor,
        to_stage="",
        action=f"Ra khỏi danh sách: {ExitReason(reason).label}",
        legal_date=on,
        note=note,
        data={"reason": reason},
        kind=EventKind.EXIT,
    )
    return Result(candidate, event)


@transaction.atomic
def candidate_reopen(
    *, actor, candidate: Candidate, on: datetime.date, note: str = "", expected_version: int | None = None
) -> Result:
    candidate = _lock(candidate, actor, Action.EDIT_CANDIDATES, expected_version, must_be_open=False)
    errors = []
    if candidate.is_open:
        errors.append(f"{candidate.full_name} đang ở trong danh sách.")
    errors += _check_date(
        "ngày khôi phục", on, candidate, not_before=candidate.exit_date, not_before_label="ngày ra khỏi danh sách"
    )
    if candidate.exit_reason == ExitReason.STRUCK_OFF and candidate.exit_date:
        allowed = rules.add_months(candidate.exit_date, rules.rules_for(on).readmission_after_months)
        if on < allowed:
            errors.append(f"Chỉ được xem xét kết nạp lại sau 36 tháng, từ ngày {d(allowed)}.")
    _raise(errors)
    from_stage = candidate.stage
    if candidate.exit_reason in (ExitReason.CERTIFICATE_EXPIRED, ExitReason.STRUCK_OFF):
        candidate.stage = Stage.SYMPATHIZER  # re-train / start again
    candidate.is_open = True
    candidate.exit_reason = ""
    candidate.exit_date = None
    _save(candidate, actor)
    event = write_event(
        candidate,
        kind=EventKind.REOPEN,
        action="Khôi phục vào danh sách",
        from_stage=from_stage,
        to_stage=candidate.stage,
        legal_date=on,
        actor=actor,
        note=note,
    )
    return Result(candidate, event)


@transaction.atomic
def candidate_transfer(
    *,
    actor,
    candidate: Candidate,
    new_cell: PartyUnit,
    on: datetime.date,
    note: str = "",
    expected_version: int | None = None,
) -> Result:
    candidate = _lock(candidate, actor, Action.EDIT_CANDIDATES, expected_version)
    errors = []
    if new_cell.pk == candidate.cell_id:
        errors.append("Chi bộ mới trùng với chi bộ hiện tại.")
    if not new_cell.holds_candidates:
        errors.append(f"“{new_cell.name}” không phải là chi bộ.")
    if new_cell.valid_to is not None:
        errors.append(f"“{new_cell.name}” đã hết hiệu lực.")
    if actor is not None and not in_scope(actor, new_cell):
        errors.append("Chi bộ mới nằm ngoài phạm vi quản lý của bạn.")
    errors += _check_date("ngày chuyển", on, candidate)
    if not errors and find_duplicate(new_cell, candidate.full_name, candidate.birth_date):
        errors.append(f"Chi bộ “{new_cell.name}” đã có người cùng họ tên và ngày sinh.")
    _raise(errors)
    old = candidate.cell
    candidate.cell = new_cell
    _save(candidate, actor)
    event = write_event(
        candidate,
        kind=EventKind.TRANSFER,
        action=f"Chuyển từ {old.name} sang {new_cell.name}",
        from_stage=candidate.stage,
        to_stage=candidate.stage,
        legal_date=on,
        actor=actor,
        note=note,
        data={"from_unit": old.code, "to_unit": new_cell.code},
    )
    return Result(candidate, event)


CORRECTABLE_FIELDS = set(DOSSIER_FIELDS) | {
    "sympathizer_date",
    "mentor_name",
    "certificate_number",
    "certificate_date",
    "cell_resolution_number",
    "cell_resolution_date",
    "cell_votes_for",
    "cell_official_members",
    "committee_resolution_number",
    "committee_resolution_date",
    "committee_votes_for",
    "committee_members",
    "decision_number",
    "decision_date",
    "decision_issuer",
    "ceremony_date",
    "recognition_resolution_number",
    "recognition_resolution_date",
    "recognition_votes_for",
    "recognition_official_members",
    "recognition_decision_number",
    "recognition_decision_date",
    "exit_date",
}


@transaction.atomic
def event_correct(*, actor, event: StageEvent, changes: dict, note: str, expected_version: int | None = None) -> Result:
    """Correct the record of an earlier event: the fields change, the old event stays, and a
    correction event says what changed from what, by whom and why."""
    candidate = _lock(event.candidate, actor, Action.EDIT_CANDIDATES, expected_version, must_be_open=False)
    errors = []
    if not clean_text(note):
        errors.append("Hãy ghi lý do đính chính.")
    unknown = set(changes) - CORRECTABLE_FIELDS
    if unknown:
        errors.append("Không thể đính chính: " + ", ".join(sorted(unknown)) + ".")
    if not changes:
        errors.append("Không có nội dung nào thay đổi.")
    before = {k: getattr(candidate, k) for k in changes if k in CORRECTABLE_FIELDS}
    for key, value in changes.items():
        if key in CORRECTABLE_FIELDS and isinstance(value, datetime.date):
            errors += _check_date(str(Candidate._meta.get_field(key).verbose_name), value, candidate)
    _raise(errors)
    for key, value in changes.items():
        setattr(candidate, key, value)
    if candidate.decision_date and candidate.ceremony_date and candidate.ceremony_date < candidate.decision_date:
        raise RuleViolation(["Ngày lễ kết nạp trước ngày quyết định kết nạp."])
    for votes, total, label in (
        ("cell_votes_for", "cell_official_members", "chi bộ"),
        ("committee_votes_for", "committee_members", "đảng ủy"),
    ):
        v, t = getattr(candidate, votes), getattr(candidate, total)
        if v is not None and t is not None and v > t:
            raise RuleViolation([f"Số tán thành ({label}) lớn hơn tổng số: {v}/{t}."])
    _save(candidate, actor)
    new_event = write_event(
        candidate,
        kind=EventKind.CORRECTION,
        action=f"Đính chính: {event.action}",
        from_stage=candidate.stage,
        to_stage=candidate.stage,
        legal_date=event.legal_date,
        actor=actor,
        note=note,
        data={"before": _jsonable(before), "after": _jsonable(changes)},
        corrects=event,
    )
    return Result(candidate, new_event)
