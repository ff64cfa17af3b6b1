"""The dossier and the resolutions proposing admission (cell, grassroots committee)."""

import datetime

from django.db import transaction

from units.scope import Action
from vietnamese.text import clean_text

from .. import clock, rules
from ..models import (
    Candidate,
    IntroductionRoute,
    Stage,
)
from .base import Result, RuleViolation, _check_date, _check_votes, _lock, _raise, _require_stage, _transition, d
from .conditions import personal_condition_errors
from .introducers import cell_size_warnings, introducer_problems, stale_comment_warnings
from .path import admission_path, closed_unit_errors

DOSSIER_FIELDS = [
    "application_date",
    "history_certified_date",
    "background_check_date",
    "mass_org_comment_date",
    "residence_comment_date",
]


@transaction.atomic
def candidate_record_dossier(
    *, actor, candidate: Candidate, data: dict, expected_version: int | None = None, note: str = ""
) -> Result:
    candidate = _lock(candidate, actor, Action.EDIT_CANDIDATES, expected_version)
    errors = _require_stage(candidate, [Stage.SYMPATHIZER, Stage.TRAINED], "cập nhật hồ sơ kết nạp")
    changes = {k: v for k, v in data.items() if k in DOSSIER_FIELDS and v != getattr(candidate, k)}
    for key, value in changes.items():
        if isinstance(value, datetime.date):
            label = Candidate._meta.get_field(key).verbose_name
            errors += _check_date(str(label), value, candidate)
    if not changes:
        errors.append("Không có thông tin hồ sơ nào thay đổi.")
    _raise(errors)
    for key, value in changes.items():
        setattr(candidate, key, clean_text(value) if isinstance(value, str) else value)
    dates = [v for v in changes.values() if isinstance(v, datetime.date)]
    event = _transition(
        candidate,
        actor,
        to_stage="",
        action="Cập nhật hồ sơ kết nạp",
        legal_date=max(dates) if dates else clock.today(),
        note=note,
        data=changes,
    )
    return Result(candidate, event)


def dossier_checklist(candidate: Candidate, on: datetime.date | None = None) -> list[tuple[str, bool, str]]:
    """(item, done, detail) — what the cell resolution needs; a failed item says what is missing."""
    on = on or clock.today()
    cert_ok = bool(candidate.certificate_date) and rules.certificate_valid_on(candidate.certificate_date, on)
    introducers = list(candidate.introducers.select_related("member"))
    intro_errors, intro_warnings = introducer_problems(candidate, on, introducers)
    route = candidate.introduction_route
    names = ", ".join(
        [x.full_name + (" (thay thế)" if x.is_replacement else "") for x in introducers]
        + ([f"NQ {candidate.union_resolution_number}"] if route and route != IntroductionRoute.TWO_MEMBERS else [])
    )
    person_errors, person_warnings = personal_condition_errors(candidate, on)
    return [
        (
            "Giấy chứng nhận bồi dưỡng nhận thức về Đảng còn hạn",
            cert_ok,
            f"cấp {d(candidate.certificate_date)}, hết hạn {d(rules.certificate_expiry(candidate.certificate_date))}"
            if candidate.certificate_date
            else "chưa có",
        ),
        (
            "Điều kiện về tuổi, học vấn (ngoại lệ có văn bản), tôn giáo",
            not person_errors,
            " ".join(person_errors + person_warnings) or "đủ",
        ),
        ("Đơn xin vào Đảng (1-KNĐ)", bool(candidate.application_date), d(candidate.application_date) or "chưa có"),
        (
            "Lý lịch người xin vào Đảng được chứng nhận (2-KNĐ)",
            bool(candidate.history_certified_date),
            d(candidate.history_certified_date) or "chưa có",
        ),
        ("Thẩm tra lý lịch", bool(candidate.background_check_date), d(candidate.background_check_date) or "chưa có"),
        (
            "Giới thiệu vào Đảng (3-KNĐ; 4-KNĐ của Đoàn/Công đoàn): "
            + (candidate.get_introduction_route_display() if route else "chưa chọn hình thức"),
            not intro_errors,
            " ".join(intro_errors + intro_warnings) or names,
        ),
        (
            "Nhận xét của đoàn thể",
            bool(candidate.mass_org_comment_date),
            d(candidate.mass_org_comment_date) or "chưa có",
        ),
        (
            "Nhận xét của chi ủy nơi cư trú",
            bool(candidate.residence_comment_date),
            d(candidate.residence_comment_date) or "chưa có",
        ),
    ]


def admission_conditions(candidate: Candidate, meeting: datetime.date) -> list[str]:
    """Every condition of the cell's admission meeting that is not met (Điều lệ Điều 4)."""
    return admission_review(candidate, meeting)[0]


def admission_review(candidate: Candidate, meeting: datetime.date) -> tuple[list[str], list[str]]:
    """(errors, warnings) of the cell's admission meeting."""
    errors, warnings = personal_condition_errors(candidate, meeting)
    if not candidate.certificate_date:
        errors.append("Chưa có giấy chứng nhận bồi dưỡng nhận thức về Đảng.")
    elif not rules.certificate_valid_on(candidate.certificate_date, meeting):
        errors.append(
            f"Giấy chứng nhận bồi dưỡng đã hết hạn ngày {d(rules.certificate_expiry(candidate.certificate_date, meeting))}."
        )
    if not candidate.application_date:
        errors.append("Chưa có đơn xin vào Đảng.")
    if not candidate.history_certified_date:
        errors.append("Lý lịch chưa được chứng nhận.")
    if not candidate.background_check_date:
        errors.append("Chưa hoàn thành thẩm tra lý lịch.")
    intro_errors, intro_warnings = introducer_problems(candidate, meeting)
    errors += intro_errors
    warnings += intro_warnings
    if not candidate.mass_org_comment_date:
        errors.append("Chưa có nhận xét của đoàn thể.")
    if not candidate.residence_comment_date:
        errors.append("Chưa có nhận xét của chi ủy nơi cư trú.")
    stale_errors, stale_warnings = stale_comment_warnings(candidate, meeting)
    errors += stale_errors
    warnings += stale_warnings
    for key in DOSSIER_FIELDS:
        value = getattr(candidate, key)
        if isinstance(value, datetime.date) and value > meeting:
            label = Candidate._meta.get_field(key).verbose_name
            errors.append(f"{str(label).capitalize()} ({d(value)}) sau ngày họp chi bộ ({d(meeting)}).")
    errors += closed_unit_errors(candidate.cell, meeting, "họp xét kết nạp")
    return errors, warnings


@transaction.atomic
def candidate_record_cell_resolution(
    *,
    actor,
    candidate: Candidate,
    number: str,
    on: datetime.date,
    votes_for: int,
    official_members: int,
    expected_version: int | None = None,
    note: str = "",
) -> Result:
    candidate = _lock(candidate, actor, Action.EDIT_CANDIDATES, expected_version)
    errors = _require_stage(candidate, [Stage.TRAINED], "ghi nghị quyết chi bộ đề nghị kết nạp")
    errors += _check_date("ngày nghị quyết chi bộ", on, candidate)
    warnings = []
    if not errors:
        review_errors, warnings = admission_review(candidate, on)
        errors += review_errors
    errors += _check_votes("đảng viên chính thức", votes_for, official_members, rules.rules_for(on).cell_vote_share)
    _raise(errors)
    warnings += cell_size_warnings(official_members, on)
    candidate.cell_resolution_number = clean_text(number)
    candidate.cell_resolution_date = on
    candidate.cell_votes_for = votes_for
    candidate.cell_official_members = official_members
    event = _transition(
        candidate,
        actor,
        to_stage=Stage.PROPOSED,
        action="Nghị quyết chi bộ đề nghị kết nạp",
        legal_date=on,
        document_number=number,
        note=note,
        data={"votes_for": votes_for, "official_members": official_members, "warnings": warnings},
    )
    return Result(candidate, event, warnings)


@transaction.atomic
def candidate_record_committee_resolution(
    *,
    actor,
    candidate: Candidate,
    number: str,
    on: datetime.date,
    votes_for: int,
    members: int,
    expected_version: int | None = None,
    note: str = "",
) -> Result:
    candidate = _lock(candidate, actor, Action.COMMITTEE_DECISIONS, expected_version)
    errors = _require_stage(candidate, [Stage.PROPOSED], "ghi nghị quyết đảng ủy")
    path = admission_path(candidate.cell)
    if not path.needs_committee_resolution:
        raise RuleViolation(
            [
                f"“{candidate.cell.name}” là chi bộ cơ sở: nghị quyết của chi bộ được gửi thẳng lên cấp ủy có thẩm "
                f"quyền, không có bước nghị quyết đảng ủy cơ sở {rules.cite('path')}."
            ]
        )
    if candidate.committee_resolution_date:
        errors.append(
            f"Đã có nghị quyết đảng ủy số {candidate.committee_resolution_number} ngày {d(candidate.committee_resolution_date)}."
        )
    errors += appraisal_missing(candidate, path)
    errors += _check_date(
        "ngày nghị quyết đảng ủy",
        on,
        candidate,
        not_before=candidate.cell_resolution_date,
        not_before_label="ngày nghị quyết chi bộ",
    )
    errors += _check_votes("cấp ủy viên", votes_for, members, rules.rules_for(on).committee_vote_share)
    _raise(errors)
    candidate.committee_resolution_number = clean_text(number)
    candidate.committee_resolution_date = on
    candidate.committee_votes_for = votes_for
    candidate.committee_members = members
    event = _transition(
        candidate,
        actor,
        to_stage="",
        action="Nghị quyết đảng ủy đề nghị kết nạp",
        legal_date=on,
        document_number=number,
        note=note,
        data={"votes_for": votes_for, "members": members},
    )
    return Result(candidate, event)


def appraisal_missing(candidate: Candidate, path=None) -> list[str]:
    """Under a partial committee, its appraisal (7-KNĐ) comes before the grassroots committee's resolution."""
    path = path or admission_path(candidate.cell)
    if path.needs_appraisal and not candidate.appraisal_date:
        return [
            f"Chưa có báo cáo thẩm định (7-KNĐ) của “{path.partial.name}” trước nghị quyết đảng ủy {rules.cite('path')}."
        ]
    return []


@transaction.atomic
def candidate_record_appraisal(
    *, actor, candidate: Candidate, number: str, on: datetime.date, expected_version: int | None = None, note: str = ""
) -> Result:
    """The partial committee's appraisal (7-KNĐ) of a cell under a đảng bộ bộ phận."""
    candidate = _lock(candidate, actor, Action.COMMITTEE_DECISIONS, expected_version)
    errors = _require_stage(candidate, [Stage.PROPOSED], "ghi báo cáo thẩm định của đảng ủy bộ phận")
    path = admission_path(candidate.cell)
    if not path.needs_appraisal:
        errors.append(
            f"“{candidate.cell.name}” không trực thuộc đảng bộ bộ phận: không có bước thẩm định {rules.cite('path')}."
        )
    if not clean_text(number):
        errors.append("Chưa nhập số báo cáo thẩm định.")
    errors += _check_date(
        "ngày thẩm định",
        on,
        candidate,
        not_before=candidate.cell_resolution_date,
        not_before_label="ngày nghị quyết chi bộ",
    )
    _raise(errors)
    candidate.appraisal_number = clean_text(number)
    candidate.appraisal_date = on
    event = _transition(
        candidate,
        actor,
        to_stage="",
        action=f"Báo cáo thẩm định của {path.partial.name}",
        legal_date=on,
        document_number=number,
        note=note,
        data={"unit": path.partial.code},
    )
    return Result(candidate, event)
