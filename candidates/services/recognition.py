"""Recognition as a full member: the recognition file, the cell's resolution (13-KNĐ, within 30 working
days after probation ends), a failed vote (the third goes up), the committee's decision (within 30
working days after the cell's resolution). The official date stays the end of probation."""

import datetime

from django.db import transaction

from units.scope import Action
from vietnamese.text import clean_text

from .. import clock, deadlines, rules
from ..models import Candidate, Stage
from .base import Result, _check_date, _check_votes, _lock, _raise, _require_stage, _transition, d
from .path import admission_path

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
    return admission_path(candidate.cell).needs_committee_resolution


def probation_not_over(candidate: Candidate, on: datetime.date) -> list[str]:
    """The cell considers recognition only once the probation has ended (ceremony + 12 months)."""
    if not candidate.ceremony_date:
        return []
    end = rules.probation_end(candidate.ceremony_date)
    if on >= end:
        return []
    r = rules.rules_for(candidate.ceremony_date)
    return [f"Chưa đủ {r.probation_months} tháng dự bị (đến {d(end)}) ({r.cite('probation_months')})."]


def recognition_prerequisites(candidate: Candidate) -> list[str]:
    """What the committee's recognition decision needs recorded first: the cell's resolution."""
    if candidate.stage == Stage.PROBATIONARY and not candidate.recognition_resolution_date:
        return ["Chưa có nghị quyết chi bộ đề nghị công nhận đảng viên chính thức (13-KNĐ)."]
    return []


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
    if on is not None and candidate.stage == Stage.PROBATIONARY:
        errors += probation_not_over(candidate, on)
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
    errors += recognition_prerequisites(candidate)
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
