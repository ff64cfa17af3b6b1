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
        errors += paths.issuer_errors(candidate, issuer, on)
        errors += exceptions_before_decision(candidate, on)
    self_deciding = issuer is not None and issuer.kind in paths.GRASSROOTS_KINDS
    if self_deciding and not candidate.committee_resolution_date and on is not None:
        errors += _check_votes("cấp ủy viên", votes_for, members, rules.rules_for(on).committee_vote_share)
    _raise(errors)
    warnings = _decision_warnings(candidate, on)
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


RECOGNITION_FILE = [
    ("new_member_certificate_date", "Giấy chứng nhận lớp bồi dưỡng lý luận chính trị cho đảng viên mới"),
    ("self_review_date", "Bản tự kiểm điểm của đảng viên dự bị (10-KNĐ)"),
    ("helper_assessment_date", "Bản nhận xét của đảng viên giúp đỡ (11-KNĐ)"),
    ("probation_comments_date", "Tổng hợp ý kiến nhận xét của đoàn thể, chi ủy nơi cư trú (12-KNĐ)"),
]


def recognition_checklist(candidate: Candidate) -> list[tuple[str, bool, str]]:
    """(item, done, detail) of the recognition file (the candidate page)."""
    items = [(label, bool(getattr(candidate, f)), d(getattr(candidate, f))) for f, label in RECOGNITION_FILE]
    votes = ""
    if candidate.recognition_resolution_date:
        votes = (
            f"số {candidate.recognition_resolution_number} ngày {d(candidate.recognition_resolution_date)}, "
            f"{candidate.recognition_votes_for}/{candidate.recognition_official_members} tán thành"
        )
    items.append(("Nghị quyết chi bộ đề nghị công nhận (13-KNĐ), ít nhất 2/3 tán thành", bool(votes), votes))
    if _has_grassroots_committee(candidate):
        items.append(
            (
                "Nghị quyết của đảng ủy cơ sở",
                bool(candidate.recognition_committee_resolution_date),
                d(candidate.recognition_committee_resolution_date),
            )
        )
    items.append(
        (
            "Quyết định công nhận đảng viên chính thức",
            bool(candidate.recognition_decision_date),
            d(candidate.recognition_decision_date),
        )
    )
    return items


def _has_grassroots_committee(candidate: Candidate) -> bool:
    """A chi bộ trực thuộc proposes through its grassroots committee; a chi bộ cơ sở has none (the same
    path as the admission: candidates.services.path)."""
    return paths.admission_path(candidate.cell).needs_committee_resolution


@transaction.atomic
def candidate_record_recognition_resolution(
    *,
    actor,
    candidate: Candidate,
    number: str,
    on: datetime.date,
    votes_for: int,
    official_members: int,
    file: dict | None = None,
    expected_version: int | None = None,
    note: str = "",
) -> Result:
    """The cell's resolution proposing official membership (13-KNĐ), with the file it considered:
    not before probation ends, >= 2/3 of the official members; due 30 working days after probation."""
    candidate = _lock(candidate, actor, Action.EDIT_CANDIDATES, expected_version)
    errors = _require_stage(candidate, [Stage.PROBATIONARY], "ghi nghị quyết chi bộ đề nghị công nhận chính thức")
    if candidate.stage == Stage.PROBATIONARY and candidate.recognition_resolution_date:
        errors.append(
            f"Đã có nghị quyết chi bộ đề nghị công nhận ngày {d(candidate.recognition_resolution_date)}; "
            "hãy đính chính sự kiện nếu cần sửa."
        )
    file = {
        k: v for k, v in (file or {}).items() if k in dict(RECOGNITION_FILE) or k == "new_member_certificate_number"
    }
    for key, value in file.items():
        if value not in (None, ""):
            setattr(candidate, key, clean_text(value) if isinstance(value, str) else value)
    end = rules.probation_end(candidate.ceremony_date) if candidate.ceremony_date else None
    r = rules.rules_for(on or clock.today())
    errors += _check_date("ngày nghị quyết chi bộ công nhận", on, candidate)
    if end and on and on < end:
        errors.append(
            f"Ngày nghị quyết chi bộ công nhận ({d(on)}) trước ngày hết thời kỳ dự bị {r.probation_months} tháng "
            f"kể từ lễ kết nạp ({d(end)}) ({r.cite('probation_months')})."
        )
    for key, label in RECOGNITION_FILE:
        value = getattr(candidate, key)
        if not value:
            errors.append(f"Thiếu trong hồ sơ công nhận: {label} ({r.cite('recognition_cell_working_days')}).")
        elif on and value > on:
            errors.append(f"{label} ({d(value)}) sau ngày họp chi bộ ({d(on)}).")
    errors += _check_votes("đảng viên chính thức", votes_for, official_members, r.cell_vote_share)
    if (
        votes_for is not None
        and official_members
        and not rules.vote_passes(votes_for, official_members, r.cell_vote_share)
    ):
        errors[-1] = errors[-1].rstrip(".") + (
            f" ({r.cite('cell_vote_share')}); nếu chi bộ đã biểu quyết không đạt, hãy ghi “Biểu quyết công nhận "
            "không đạt”."
        )
    if not clean_text(number):
        errors.append("Chưa nhập số nghị quyết chi bộ đề nghị công nhận.")
    _raise(errors)
    candidate.recognition_resolution_number = clean_text(number)
    candidate.recognition_resolution_date = on
    candidate.recognition_votes_for = votes_for
    candidate.recognition_official_members = official_members
    cal = rules.holidays()
    due = deadlines.recognition_cell_due(candidate, cal)
    warnings = [deadlines.recognition_cell_late_message(candidate, on, due)] if on > due else []
    coverage = cal.coverage_warning(end, max(due, on))
    if coverage:
        warnings.append(coverage)
    event = _transition(
        candidate,
        actor,
        to_stage="",
        action="Nghị quyết chi bộ đề nghị công nhận đảng viên chính thức",
        legal_date=on,
        document_number=number,
        note=note,
        data={"votes_for": votes_for, "official_members": official_members, "due": due, "late": on > due},
    )
    return Result(candidate, event, warnings)


@transaction.atomic
def candidate_record_recognition_failed_vote(
    *,
    actor,
    candidate: Candidate,
    on: datetime.date,
    votes_for: int,
    official_members: int,
    expected_version: int | None = None,
    note: str = "",
) -> Result:
    """A cell vote on recognition below 2/3: counted; the third goes up to the upper committee."""
    candidate = _lock(candidate, actor, Action.EDIT_CANDIDATES, expected_version)
    errors = _require_stage(candidate, [Stage.PROBATIONARY], "ghi biểu quyết công nhận không đạt")
    errors += _check_date("ngày họp chi bộ", on, candidate, not_before=candidate.ceremony_date,
                          not_before_label="ngày lễ kết nạp")  # fmt: skip
    r = rules.rules_for(on or clock.today())
    if votes_for is None or not official_members or votes_for > official_members:
        errors.append("Số tán thành và tổng số đảng viên chính thức không hợp lệ.")
    elif rules.vote_passes(votes_for, official_members, r.cell_vote_share):
        errors.append(
            f"{votes_for}/{official_members} đạt {r.cell_vote_share.numerator}/{r.cell_vote_share.denominator}: "
            f"hãy ghi nghị quyết chi bộ đề nghị công nhận ({r.cite('cell_vote_share')})."
        )
    _raise(errors)
    candidate.recognition_failed_votes += 1
    warnings = []
    if candidate.recognition_failed_votes >= r.recognition_failed_votes_limit:
        warnings.append(deadlines.failed_votes_message(candidate))
    event = _transition(
        candidate,
        actor,
        to_stage="",
        action=f"Chi bộ biểu quyết công nhận chính thức không đạt (lần {candidate.recognition_failed_votes})",
        legal_date=on,
        note=note,
        data={
            "votes_for": votes_for,
            "official_members": official_members,
            "count": candidate.recognition_failed_votes,
        },
    )
    return Result(candidate, event, warnings)


@transaction.atomic
def candidate_record_recognition(
    *,
    actor,
    candidate: Candidate,
    decision_number: str,
    decision_date: datetime.date,
    committee_resolution_number: str = "",
    committee_resolution_date: datetime.date | None = None,
    expected_version: int | None = None,
    note: str = "",
) -> Result:
    """The committee's decision recognizing official membership, after the cell's resolution (and the
    grassroots committee's where there is one); due 30 working days after the cell's resolution. The
    official date stays the end of probation even when the decision is late."""
    candidate = _lock(candidate, actor, Action.COMMITTEE_DECISIONS, expected_version)
    errors = _require_stage(candidate, [Stage.PROBATIONARY], "công nhận đảng viên chính thức")
    if candidate.stage == Stage.PROBATIONARY and not candidate.recognition_resolution_date:
        errors.append("Chưa có nghị quyết chi bộ đề nghị công nhận đảng viên chính thức (13-KNĐ).")
    committee_number = clean_text(committee_resolution_number)
    if _has_grassroots_committee(candidate):
        if not committee_number or not committee_resolution_date:
            errors.append("Chưa có nghị quyết của đảng ủy cơ sở đề nghị công nhận (chi bộ trực thuộc đảng ủy cơ sở).")
        else:
            errors += _check_date(
                "ngày nghị quyết đảng ủy cơ sở",
                committee_resolution_date,
                candidate,
                not_before=candidate.recognition_resolution_date,
                not_before_label="ngày nghị quyết chi bộ",
            )
    errors += _check_date(
        "ngày quyết định công nhận",
        decision_date,
        candidate,
        not_before=committee_resolution_date or candidate.recognition_resolution_date,
        not_before_label="ngày nghị quyết đề nghị",
    )
    if not clean_text(decision_number):
        errors.append("Chưa nhập số quyết định công nhận đảng viên chính thức.")
    _raise(errors)
    if committee_resolution_date:
        candidate.recognition_committee_resolution_number = committee_number
        candidate.recognition_committee_resolution_date = committee_resolution_date
    cal = rules.holidays()
    due = deadlines.recognition_decision_due(candidate, cal)
    warnings = (
        [deadlines.recognition_decision_late_message(candidate, decision_date, due)] if decision_date > due else []
    )
    coverage = cal.coverage_warning(candidate.recognition_resolution_date, max(due, decision_date))
    if coverage:
        warnings.append(coverage)
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
        data={
            "official_date": rules.official_date(candidate.ceremony_date),
            "due": due,
            "late": decision_date > due,
        },
    )
    return Result(candidate, event, warnings)
