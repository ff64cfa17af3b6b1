"""The admission decision, the ceremony and probation, recognition as a full member."""

import datetime

from django.db import transaction

from units.models import PartyUnit
from units.scope import Action
from vietnamese.text import clean_text

from .. import clock, deadlines, rules
from ..models import (
    Candidate,
    Stage,
)
from .base import Result, _check_date, _check_votes, _lock, _raise, _require_stage, _transition, d
from .conditions import exceptions_before_decision
from .path import GRASSROOTS_KINDS, admission_path, closed_unit_errors, issuer_errors, issuer_label


def decision_prerequisites(candidate: Candidate, issuer: PartyUnit | None, on: datetime.date) -> list[str]:
    """What the decision needs from the path (Điều lệ Điều 4.3–4.4): the grassroots committee's
    resolution for a chi bộ trực thuộc (none for a chi bộ cơ sở, nor when the authorized grassroots
    committee decides itself), and the readmission consent for a re-admission."""
    path = admission_path(candidate.cell)
    errors = []
    self_deciding = issuer is not None and issuer.pk == getattr(path.grassroots, "pk", None)
    if path.needs_appraisal and not candidate.appraisal_date:
        errors.append(f"Chưa có báo cáo thẩm định (7-KNĐ) của “{path.partial.name}” {rules.cite('path')}.")
    if path.needs_committee_resolution and not self_deciding and not candidate.committee_resolution_date:
        errors.append(
            f"Chưa có nghị quyết của {path.grassroots.name.replace('Đảng bộ', 'Đảng ủy', 1)} đề nghị kết nạp "
            f"(8-KNĐ) {rules.cite('path')}."
        )
    if candidate.readmission_of_id and not (
        candidate.readmission_consent_number and candidate.readmission_consent_date
    ):
        errors.append(f"Kết nạp lại: chưa ghi văn bản đồng ý của Ban Thường vụ tỉnh ủy {rules.cite('readmission')}.")
    elif on is not None and candidate.readmission_consent_date and candidate.readmission_consent_date > on:
        errors.append(
            f"Văn bản đồng ý kết nạp lại ngày {d(candidate.readmission_consent_date)} sau ngày quyết định {d(on)}."
        )
    if on is not None:
        # Nothing new lands in a closed unit: no admission counted for a cell after it closed.
        errors += closed_unit_errors(candidate.cell, on, "ghi quyết định kết nạp")
    return errors


def _decision_warnings(candidate: Candidate, on: datetime.date) -> list[str]:
    """The decision's deadline (60 working days after the cell's resolution, + the recorded extension)."""
    cal = rules.holidays()
    due = deadlines.decision_due(candidate, cal)
    warnings = [deadlines.decision_late_message(candidate, on, due)] if on > due else []
    coverage = cal.coverage_warning(candidate.cell_resolution_date, max(due, on))
    return warnings + ([coverage] if coverage else [])


@transaction.atomic
def candidate_record_admission_decision(
    *,
    actor,
    candidate: Candidate,
    number: str,
    on: datetime.date,
    issuer: PartyUnit | None,
    votes_for: int | None = None,
    members: int | None = None,
    expected_version: int | None = None,
    note: str = "",
) -> Result:
    """The admission decision by the competent body chosen from the tree. When the authorized grassroots
    committee decides, its resolution is the decision: the committee's votes are recorded with it."""
    candidate = _lock(candidate, actor, Action.COMMITTEE_DECISIONS, expected_version)
    errors = _require_stage(candidate, [Stage.PROPOSED], "ghi quyết định kết nạp")
    if candidate.stage == Stage.PROPOSED:
        errors += decision_prerequisites(candidate, issuer, on)
    errors += _check_date(
        "ngày quyết định kết nạp",
        on,
        candidate,
        not_before=candidate.committee_resolution_date or candidate.cell_resolution_date,
        not_before_label="ngày nghị quyết đề nghị",
    )
    if not clean_text(number):
        errors.append("Chưa nhập số quyết định kết nạp.")
    if on is not None:
        errors += issuer_errors(candidate, issuer, on)
        errors += exceptions_before_decision(candidate, on)
    self_deciding = issuer is not None and issuer.kind in GRASSROOTS_KINDS
    if self_deciding and not candidate.committee_resolution_date and on is not None:
        errors += _check_votes("cấp ủy viên", votes_for, members, rules.rules_for(on).committee_vote_share)
    _raise(errors)
    warnings = _decision_warnings(candidate, on)
    candidate.decision_number = clean_text(number)
    candidate.decision_date = on
    candidate.decision_issuer = issuer_label(issuer)
    candidate.decision_issuer_unit = issuer
    candidate.admitting_unit = candidate.cell
    if self_deciding and not candidate.committee_resolution_date:
        candidate.committee_resolution_number = candidate.decision_number
        candidate.committee_resolution_date = on
        candidate.committee_votes_for = votes_for
        candidate.committee_members = members
    event = _transition(
        candidate,
        actor,
        to_stage=Stage.DECIDED,
        action="Quyết định kết nạp",
        legal_date=on,
        document_number=number,
        note=note,
        data={"issuer": candidate.decision_issuer, "issuer_unit": issuer.code, "late": bool(warnings)},
    )
    return Result(candidate, event, warnings)


@transaction.atomic
def candidate_record_decision_extension(
    *,
    actor,
    candidate: Candidate,
    days: int,
    number: str,
    on: datetime.date,
    reason: str,
    expected_version: int | None = None,
    note: str = "",
) -> Result:
    """The one extension of the decision's deadline (special cases, at most 30 working days), recorded by
    the committee before the decision."""
    candidate = _lock(candidate, actor, Action.COMMITTEE_DECISIONS, expected_version)
    errors = _require_stage(candidate, [Stage.PROPOSED], "gia hạn thời hạn quyết định kết nạp")
    r = rules.rules_for(candidate.cell_resolution_date or on or clock.today())
    source = r.cite("decision_extension_working_days")
    if candidate.decision_extension_days:
        errors.append(
            f"Thời hạn quyết định kết nạp đã được gia hạn một lần ({candidate.decision_extension_days} ngày làm việc, "
            f"văn bản số {candidate.decision_extension_number}); chỉ được gia hạn một lần ({source})."
        )
    if days is None or days < 1 or days > r.decision_extension_working_days:
        errors.append(
            f"Số ngày gia hạn phải từ 1 đến {r.decision_extension_working_days} ngày làm việc, đã nhập {days} "
            f"({source})."
        )
    errors += _check_date(
        "ngày văn bản gia hạn",
        on,
        candidate,
        not_before=candidate.cell_resolution_date,
        not_before_label="ngày nghị quyết chi bộ",
    )
    if not clean_text(number):
        errors.append("Chưa nhập số văn bản gia hạn.")
    if not clean_text(reason):
        errors.append(f"Chưa nhập lý do gia hạn (chỉ gia hạn trong trường hợp đặc biệt; {source}).")
    _raise(errors)
    candidate.decision_extension_days = days
    candidate.decision_extension_number = clean_text(number)
    candidate.decision_extension_date = on
    candidate.decision_extension_reason = clean_text(reason)
    due = deadlines.decision_due(candidate)
    event = _transition(
        candidate,
        actor,
        to_stage="",
        action=f"Gia hạn thời hạn quyết định kết nạp {days} ngày làm việc (đến {d(due)})",
        legal_date=on,
        document_number=number,
        note=note,
        data={"days": days, "reason": clean_text(reason), "due": due},
    )
    return Result(candidate, event)


@transaction.atomic
def candidate_record_decision_received(
    *, actor, candidate: Candidate, on: datetime.date, expected_version: int | None = None, note: str = ""
) -> Result:
    """The day the cell received the admission decision: the ceremony's 30 working days start there."""
    candidate = _lock(candidate, actor, Action.EDIT_CANDIDATES, expected_version)
    errors = _require_stage(candidate, [Stage.DECIDED], "ghi ngày chi bộ nhận quyết định kết nạp")
    errors += _check_date(
        "ngày chi bộ nhận quyết định",
        on,
        candidate,
        not_before=candidate.decision_date,
        not_before_label="ngày quyết định kết nạp",
    )
    _raise(errors)
    candidate.decision_received_date = on
    due = deadlines.ceremony_due(candidate)
    event = _transition(
        candidate,
        actor,
        to_stage="",
        action=f"Chi bộ nhận quyết định kết nạp (hạn tổ chức lễ {d(due)})",
        legal_date=on,
        note=note,
        data={"ceremony_due": due},
    )
    return Result(candidate, event)


@transaction.atomic
def candidate_record_ceremony(
    *,
    actor,
    candidate: Candidate,
    on: datetime.date,
    received_on: datetime.date | None = None,
    late_approval_number: str = "",
    late_approval_date: datetime.date | None = None,
    expected_version: int | None = None,
    note: str = "",
) -> Result:
    """The ceremony, within 30 working days of the day the cell received the decision (recorded here or
    before; default the decision date); later only with the upper committee's recorded approval."""
    candidate = _lock(candidate, actor, Action.EDIT_CANDIDATES, expected_version)
    errors = _require_stage(candidate, [Stage.DECIDED], "ghi lễ kết nạp")
    errors += _check_date(
        "ngày lễ kết nạp", on, candidate, not_before=candidate.decision_date, not_before_label="ngày quyết định kết nạp"
    )
    if received_on:
        errors += _check_date(
            "ngày chi bộ nhận quyết định",
            received_on,
            candidate,
            not_before=candidate.decision_date,
            not_before_label="ngày quyết định kết nạp",
        )
        if on and received_on > on:
            errors.append(f"Ngày chi bộ nhận quyết định ({d(received_on)}) sau ngày lễ kết nạp ({d(on)}).")
    approval_number = clean_text(late_approval_number)
    if bool(approval_number) != bool(late_approval_date):
        errors.append("Ý kiến của cấp ủy cấp trên cho tổ chức lễ muộn cần cả số và ngày văn bản.")
    elif late_approval_date:
        errors += _check_date("ngày văn bản đồng ý tổ chức lễ muộn", late_approval_date, candidate)
    _raise(errors)
    if received_on:
        candidate.decision_received_date = received_on
    if late_approval_date:
        candidate.ceremony_late_approval_number = approval_number
        candidate.ceremony_late_approval_date = late_approval_date
    cal = rules.holidays()
    start, due = deadlines.ceremony_start(candidate), deadlines.ceremony_due(candidate, cal)
    late = on > due
    warnings = []
    if late and not candidate.ceremony_late_approval_date:
        warnings.append(deadlines.ceremony_late_message(candidate, on, due))
    coverage = cal.coverage_warning(start, max(due, on))
    if coverage:
        warnings.append(coverage)
    candidate.ceremony_date = on
    event = _transition(
        candidate,
        actor,
        to_stage=Stage.PROBATIONARY,
        action="Lễ kết nạp đảng viên",
        legal_date=on,
        note=note,
        data={
            "probation_end": rules.probation_end(on),
            "received": start,
            "due": due,
            "late": late,
            "late_approval": approval_number,
        },
    )
    return Result(candidate, event, warnings)
