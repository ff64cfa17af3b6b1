"""The admission decision, the ceremony and probation, recognition as a full member."""

import datetime

from django.db import transaction

from units.scope import Action
from vietnamese.text import clean_text

from .. import clock, rules
from ..models import (
    Candidate,
    Stage,
)
from .base import Result, _check_date, _check_votes, _lock, _raise, _require_stage, _transition, d


@transaction.atomic
def candidate_record_admission_decision(
    *,
    actor,
    candidate: Candidate,
    number: str,
    on: datetime.date,
    issuer: str,
    expected_version: int | None = None,
    note: str = "",
) -> Result:
    candidate = _lock(candidate, actor, Action.COMMITTEE_DECISIONS, expected_version)
    errors = _require_stage(candidate, [Stage.PROPOSED], "ghi quyết định kết nạp")
    if candidate.stage == Stage.PROPOSED and not candidate.committee_resolution_date:
        errors.append("Chưa có nghị quyết của đảng ủy cơ sở đề nghị kết nạp.")
    errors += _check_date(
        "ngày quyết định kết nạp",
        on,
        candidate,
        not_before=candidate.committee_resolution_date or candidate.cell_resolution_date,
        not_before_label="ngày nghị quyết đề nghị",
    )
    if not clean_text(number):
        errors.append("Chưa nhập số quyết định kết nạp.")
    if not clean_text(issuer):
        errors.append("Chưa nhập cơ quan ra quyết định.")
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
    candidate.decision_issuer = issuer
    candidate.admitting_unit = candidate.cell
    event = _transition(
        candidate,
        actor,
        to_stage=Stage.DECIDED,
        action="Quyết định kết nạp",
        legal_date=on,
        document_number=number,
        note=note,
        data={"issuer": clean_text(issuer), "late": bool(warnings)},
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
