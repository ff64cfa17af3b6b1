"""The dossier and the resolutions proposing admission (cell, grassroots committee)."""

import datetime

from django.db import transaction

from units.scope import Action
from vietnamese.text import clean_text

from .. import clock, rules
from ..models import (
    Candidate,
    GeneralEducation,
    Stage,
)
from .base import Result, _check_date, _check_votes, _lock, _raise, _require_stage, _transition, d

DOSSIER_FIELDS = [
    "application_date",
    "history_certified_date",
    "background_check_date",
    "introducer1_name",
    "introducer2_name",
    "union_resolution_number",
    "union_resolution_date",
    "mass_org_comment_date",
    "residence_comment_date",
    "age_exception",
    "education_exception",
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


def dossier_checklist(candidate: Candidate) -> list[tuple[str, bool, str]]:
    """(item, done, detail) — what the cell resolution needs."""
    union_path = bool(candidate.union_resolution_date and (candidate.introducer1_name or candidate.introducer2_name))
    two_introducers = bool(candidate.introducer1_name and candidate.introducer2_name)
    cert_ok = bool(candidate.certificate_date) and rules.certificate_valid_on(candidate.certificate_date, clock.today())
    return [
        (
            "Giấy chứng nhận bồi dưỡng nhận thức về Đảng còn hạn",
            cert_ok,
            f"cấp {d(candidate.certificate_date)}, hết hạn {d(rules.certificate_expiry(candidate.certificate_date))}"
            if candidate.certificate_date
            else "",
        ),
        ("Đơn xin vào Đảng (1-KNĐ)", bool(candidate.application_date), d(candidate.application_date)),
        (
            "Lý lịch người xin vào Đảng được chứng nhận (2-KNĐ)",
            bool(candidate.history_certified_date),
            d(candidate.history_certified_date),
        ),
        ("Thẩm tra lý lịch", bool(candidate.background_check_date), d(candidate.background_check_date)),
        (
            "Giới thiệu: 2 đảng viên chính thức, hoặc nghị quyết Đoàn/Công đoàn và 1 đảng viên",
            two_introducers or union_path,
            ", ".join(
                x
                for x in [candidate.introducer1_name, candidate.introducer2_name, candidate.union_resolution_number]
                if x
            ),
        ),
        ("Nhận xét của đoàn thể", bool(candidate.mass_org_comment_date), d(candidate.mass_org_comment_date)),
        ("Nhận xét của chi ủy nơi cư trú", bool(candidate.residence_comment_date), d(candidate.residence_comment_date)),
    ]


def admission_conditions(candidate: Candidate, meeting: datetime.date) -> list[str]:
    """Every condition of the cell's admission meeting that is not met (Điều lệ Điều 4)."""
    r = rules.rules_for(meeting)
    errors = []
    if candidate.birth_date is None:
        errors.append(
            f"Chưa có ngày sinh (hồ sơ nhập thiếu): cần bổ sung ngày sinh để xét điều kiện tuổi "
            f"({r.min_age_months // 12}–{r.max_age_months // 12} tuổi, {r.source})."
        )
        age = None
    else:
        age = rules.age_in_months(candidate.birth_date, meeting)
    if age is not None and age < r.min_age_months:
        errors.append(
            f"Chưa đủ {r.min_age_months // 12} tuổi vào ngày họp chi bộ {d(meeting)} "
            f"(sinh ngày {d(candidate.birth_date)}, đủ tuổi từ {d(rules.add_months(candidate.birth_date, r.min_age_months))})."
        )
    if age is not None and age > r.max_age_months and not candidate.age_exception:
        errors.append(
            f"Quá {r.max_age_months // 12} tuổi vào ngày họp chi bộ {d(meeting)}, chưa có quyết định ngoại lệ."
        )
    if candidate.general_education == GeneralEducation.PRIMARY and not candidate.education_exception:
        errors.append("Trình độ học vấn dưới trung học cơ sở, chưa có quyết định ngoại lệ.")
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
    introducers = [x for x in (candidate.introducer1_name, candidate.introducer2_name) if x]
    youth = candidate.youth_union_member and age <= r.youth_union_max_age * 12 + 11
    if len(introducers) < 2 and not (candidate.union_resolution_date and introducers):
        if youth:
            errors.append(
                "Thiếu giới thiệu: cần nghị quyết giới thiệu của Đoàn và 1 đảng viên chính thức (hoặc 2 đảng viên)."
            )
        else:
            errors.append(f"Thiếu người giới thiệu: cần 2 đảng viên chính thức, mới có {len(introducers)}.")
    if not candidate.mass_org_comment_date:
        errors.append("Chưa có nhận xét của đoàn thể.")
    if not candidate.residence_comment_date:
        errors.append("Chưa có nhận xét của chi ủy nơi cư trú.")
    for key in DOSSIER_FIELDS:
        value = getattr(candidate, key)
        if isinstance(value, datetime.date) and value > meeting:
            label = Candidate._meta.get_field(key).verbose_name
            errors.append(f"{str(label).capitalize()} ({d(value)}) sau ngày họp chi bộ ({d(meeting)}).")
    return errors


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
    if not errors:
        errors += admission_conditions(candidate, on)
    errors += _check_votes("đảng viên chính thức", votes_for, official_members, rules.rules_for(on).cell_vote_share)
    _raise(errors)
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
        data={"votes_for": votes_for, "official_members": official_members},
    )
    return Result(candidate, event)


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
