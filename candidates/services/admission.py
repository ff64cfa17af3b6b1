"""The admission decision, the ceremony and probation, recognition as a full member."""

import datetime

from django.db import transaction

from units.models import PartyUnit
from units.scope import Action
from vietnamese.text import clean_text

from .. import clock, rules
from ..models import (
    Candidate,
    Stage,
)
from . import path as paths
from .base import Result, _check_date, _check_votes, _lock, _raise, _require_stage, _transition, d
from .conditions import exceptions_before_decision


def decision_prerequisites(candidate: Candidate, issuer: PartyUnit | None, on: datetime.date) -> list[str]:
    """What the decision needs from the path (Điều lệ Điều 4.3–4.4): the grassroots committee's
    resolution for a chi bộ trực thuộc (none for a chi bộ cơ sở, nor when the authorized grassroots
    committee decides itself), and the readmission consent for a re-admission."""
    path = paths.admission_path(candidate.cell)
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
    elif candidate.readmission_consent_date and candidate.readmission_consent_date > on:
        errors.append(
            f"Văn bản đồng ý kết nạp lại ngày {d(candidate.readmission_consent_date)} sau ngày quyết định {d(on)}."
        )
    return errors


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
        errors += paths.issuer_errors(candidate, issuer, on)
        errors += exceptions_before_decision(candidate, on)
    self_deciding = issuer is not None and issuer.kind in paths.GRASSROOTS_KINDS
    if self_deciding and not candidate.committee_resolution_date and on is not None:
        errors += _check_votes("cấp ủy viên", votes_for, members, rules.rules_for(on).committee_vote_share)
    _raise(errors)
    warnings = []
    deadline = rules.decision_deadline(candidate.cell_resolution_date)
    if on > deadline:
        warnings.append(
            f"Quyết định kết nạp quá {rules.rules_for(on).decision_working_days} ngày làm việc kể từ nghị quyết chi bộ "
            f"(hạn {d(deadline)})."
        )
    candidate.decision_number = clean_text(number)
    candidate.decision_date = on
    candidate.decision_issuer = paths.issuer_label(issuer)
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
def candidate_record_ceremony(
    *, actor, candidate: Candidate, on: datetime.date, expected_version: int | None = None, note: str = ""
) -> Result:
    candidate = _lock(candidate, actor, Action.EDIT_CANDIDATES, expected_version)
    errors = _require_stage(candidate, [Stage.DECIDED], "ghi lễ kết nạp")
    errors += _check_date(
        "ngày lễ kết nạp", on, candidate, not_before=candidate.decision_date, not_before_label="ngày quyết định kết nạp"
    )
    _raise(errors)
    warnings = []
    deadline = rules.ceremony_deadline(candidate.decision_date)
    if on > deadline:
        warnings.append(f"Lễ kết nạp quá 30 ngày làm việc kể từ quyết định (hạn {d(deadline)}).")
    candidate.ceremony_date = on
    event = _transition(
        candidate,
        actor,
        to_stage=Stage.PROBATIONARY,
        action="Lễ kết nạp đảng viên",
        legal_date=on,
        note=note,
        data={"probation_end": rules.probation_end(on), "late": bool(warnings)},
    )
    return Result(candidate, event, warnings)


@transaction.atomic
def candidate_record_recognition(
    *,
    actor,
    candidate: Candidate,
    resolution_number: str,
    resolution_date: datetime.date,
    votes_for: int,
    official_members: int,
    decision_number: str,
    decision_date: datetime.date,
    expected_version: int | None = None,
    note: str = "",
) -> Result:
    candidate = _lock(candidate, actor, Action.EDIT_CANDIDATES, expected_version)
    errors = _require_stage(candidate, [Stage.PROBATIONARY], "công nhận đảng viên chính thức")
    if candidate.ceremony_date:
        end = rules.probation_end(candidate.ceremony_date)
        errors += _check_date(
            "ngày nghị quyết chi bộ công nhận",
            resolution_date,
            candidate,
            not_before=end,
            not_before_label="ngày hết thời gian dự bị",
        )
        errors += _check_date(
            "ngày quyết định công nhận",
            decision_date,
            candidate,
            not_before=resolution_date,
            not_before_label="ngày nghị quyết chi bộ",
        )
    errors += _check_votes(
        "đảng viên chính thức",
        votes_for,
        official_members,
        rules.rules_for(resolution_date or clock.today()).cell_vote_share,
    )
    if not clean_text(decision_number):
        errors.append("Chưa nhập số quyết định công nhận đảng viên chính thức.")
    _raise(errors)
    warnings = []
    deadline = rules.recognition_deadline(candidate.ceremony_date)
    if decision_date > deadline:
        warnings.append(f"Quyết định công nhận chính thức muộn so với hạn {d(deadline)}.")
    candidate.recognition_resolution_number = clean_text(resolution_number)
    candidate.recognition_resolution_date = resolution_date
    candidate.recognition_votes_for = votes_for
    candidate.recognition_official_members = official_members
    candidate.recognition_decision_number = clean_text(decision_number)
    candidate.recognition_decision_date = decision_date
    event = _transition(
        candidate,
        actor,
        to_stage=Stage.OFFICIAL,
        action="Công nhận đảng viên chính thức",
        legal_date=decision_date,
        document_number=decision_number,
        note=note,
        data={"votes_for": votes_for, "official_members": official_members, "late": bool(warnings)},
    )
    return Result(candidate, event, warnings)
