"""Every write to a candidate: one function per user action. Each one checks the scope and the
rules inside a transaction, locks the row, refuses a stale version, and writes a StageEvent.
A refused action raises RuleViolation with every unmet condition at once, in Vietnamese."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from units.models import PartyUnit
from units.scope import Action, can, in_scope
from vietnamese.text import clean_text, fold

from . import rules
from .models import (
    PASSING_RESULTS,
    Candidate,
    Enrollment,
    EventKind,
    ExitReason,
    GeneralEducation,
    Stage,
    StageEvent,
    TrainingClass,
)


class RuleViolation(ValidationError):
    """A refused action; `.messages` lists every unmet condition."""


@dataclass
class Result:
    candidate: Candidate
    event: StageEvent | None = None
    warnings: list[str] = field(default_factory=list)


def d(day: datetime.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def today() -> datetime.date:
    return timezone.localdate()


STAGE_LABELS = dict(Stage.choices)

# The next action from each stage, and what it is called (used by the candidate page).
ACTIONS: dict[str, dict[str, Any]] = {
    "sympathizer": {
        "label": "Đưa vào danh sách cảm tình Đảng",
        "stages": [Stage.SOURCE],
        "right": Action.EDIT_CANDIDATES,
    },
    "training": {
        "label": "Ghi kết quả lớp bồi dưỡng",
        "stages": [Stage.SYMPATHIZER, Stage.TRAINED],
        "right": (Action.EDIT_CANDIDATES, Action.RECORD_TRAINING),
    },
    "dossier": {
        "label": "Cập nhật hồ sơ kết nạp",
        "stages": [Stage.SYMPATHIZER, Stage.TRAINED],
        "right": Action.EDIT_CANDIDATES,
    },
    "cell_resolution": {"label": "Ghi nghị quyết chi bộ", "stages": [Stage.TRAINED], "right": Action.EDIT_CANDIDATES},
    "committee_resolution": {
        "label": "Ghi nghị quyết đảng ủy",
        "stages": [Stage.PROPOSED],
        "right": Action.COMMITTEE_DECISIONS,
    },
    "decision": {"label": "Ghi quyết định kết nạp", "stages": [Stage.PROPOSED], "right": Action.COMMITTEE_DECISIONS},
    "ceremony": {"label": "Ghi lễ kết nạp", "stages": [Stage.DECIDED], "right": Action.EDIT_CANDIDATES},
    "recognition": {
        "label": "Công nhận đảng viên chính thức",
        "stages": [Stage.PROBATIONARY],
        "right": Action.EDIT_CANDIDATES,
    },
    "transfer": {
        "label": "Chuyển sang chi bộ khác",
        "stages": [Stage.SOURCE, Stage.SYMPATHIZER, Stage.TRAINED, Stage.PROPOSED, Stage.DECIDED, Stage.PROBATIONARY],
        "right": Action.EDIT_CANDIDATES,
    },
    "exit": {
        "label": "Đưa ra khỏi danh sách",
        "stages": [Stage.SOURCE, Stage.SYMPATHIZER, Stage.TRAINED, Stage.PROPOSED, Stage.DECIDED, Stage.PROBATIONARY],
        "right": Action.EDIT_CANDIDATES,
    },
}


def _has_right(actor, right, unit: PartyUnit) -> bool:
    rights = right if isinstance(right, tuple) else (right,)
    return any(can(actor, r, unit) for r in rights)


def available_actions(candidate: Candidate, actor) -> list[tuple[str, str]]:
    """(key, label) of what this user may do next with this candidate."""
    if not candidate.is_open:
        return (
            [("reopen", "Khôi phục vào danh sách")] if _has_right(actor, Action.EDIT_CANDIDATES, candidate.cell) else []
        )
    return [
        (key, spec["label"])
        for key, spec in ACTIONS.items()
        if candidate.stage in spec["stages"] and _has_right(actor, spec["right"], candidate.cell)
    ]


# ---- Shared steps ----------------------------------------------------------------------------


def _authorize(actor, unit: PartyUnit, right) -> None:
    if actor is None:  # system (imports, commands without --user, demo data)
        return
    if not in_scope(actor, unit):
        raise Http404("Không tìm thấy hoặc bạn không có quyền xem.")
    if not _has_right(actor, right, unit):
        raise PermissionDenied("Vai trò của bạn không được thực hiện thao tác này.")


def _lock(candidate: Candidate, actor, right, expected_version: int | None, *, must_be_open: bool = True) -> Candidate:
    """Re-read the row under a lock, check scope, version and open status."""
    _authorize(actor, candidate.cell, right)
    locked = Candidate.objects.select_for_update().select_related("cell").get(pk=candidate.pk)
    if locked.cell_id != candidate.cell_id:
        _authorize(actor, locked.cell, right)
    if expected_version is not None and int(expected_version) != locked.version:
        raise RuleViolation(
            "Hồ sơ này vừa được người khác cập nhật (hoặc biểu mẫu đã được gửi). "
            "Dữ liệu mới nhất được giữ nguyên; hãy tải lại trang và nhập lại nếu cần."
        )
    if must_be_open and not locked.is_open:
        reason = locked.get_exit_reason_display() or "đã ra khỏi danh sách"
        raise RuleViolation(
            f"{locked.full_name} đã ra khỏi danh sách ngày {d(locked.exit_date)} ({reason}); hãy khôi phục trước."
        )
    return locked


def _require_stage(candidate: Candidate, allowed: list[str], what: str) -> list[str]:
    if candidate.stage in allowed:
        return []
    wanted = " hoặc ".join(f"“{STAGE_LABELS[s]}”" for s in allowed)
    return [f"Không thể {what}: đang ở giai đoạn “{STAGE_LABELS[candidate.stage]}”, cần {wanted}."]


def _check_date(
    label: str, day: datetime.date | None, candidate: Candidate, *, not_before=None, not_before_label=""
) -> list[str]:
    errors = []
    if day is None:
        return [f"Chưa nhập {label}."]
    if day > today():
        errors.append(f"{label.capitalize()} ({d(day)}) ở tương lai.")
    if candidate.birth_date and day < candidate.birth_date:
        errors.append(f"{label.capitalize()} ({d(day)}) trước ngày sinh ({d(candidate.birth_date)}).")
    if not_before and day < not_before:
        errors.append(f"{label.capitalize()} ({d(day)}) trước {not_before_label} ({d(not_before)}).")
    return errors


def _check_votes(label: str, votes_for, members, share) -> list[str]:
    if votes_for is None or members is None:
        return [f"Chưa nhập số phiếu {label}."]
    if members <= 0:
        return [f"Số thành viên biểu quyết {label} phải lớn hơn 0."]
    if votes_for > members:
        return [f"Số tán thành {label} ({votes_for}) lớn hơn tổng số ({members})."]
    if not rules.vote_passes(votes_for, members, share):
        return [f"Chưa đủ {share.numerator}/{share.denominator} số {label} tán thành: {votes_for}/{members}."]
    return []


def _raise(errors: list[str]) -> None:
    if errors:
        raise RuleViolation(errors)


def write_event(
    candidate: Candidate,
    *,
    kind: str,
    action: str,
    legal_date: datetime.date,
    actor=None,
    from_stage: str = "",
    to_stage: str = "",
    document_number: str = "",
    note: str = "",
    data: dict | None = None,
    imported: bool = False,
    corrects: StageEvent | None = None,
) -> StageEvent:
    return StageEvent.objects.create(
        candidate=candidate,
        kind=kind,
        action=action,
        from_stage=from_stage,
        to_stage=to_stage,
        legal_date=legal_date,
        entered_by=actor if getattr(actor, "pk", None) else None,
        document_number=clean_text(document_number),
        note=clean_text(note),
        data=_jsonable(data or {}),
        unit_id=candidate.cell_id,
        imported=imported,
        corrects=corrects,
    )


def _jsonable(data: dict) -> dict:
    out = {}
    for key, value in data.items():
        if isinstance(value, datetime.date):
            value = value.isoformat()
        elif isinstance(value, PartyUnit | TrainingClass):
            value = value.code
        out[key] = value
    return out


def _save(candidate: Candidate, actor) -> None:
    candidate.version += 1
    candidate._history_user = actor if getattr(actor, "pk", None) else None
    candidate.full_clean()
    candidate.save()


def _transition(candidate, actor, *, to_stage, action, legal_date, document_number="", note="", data=None, kind=None):
    from_stage = candidate.stage
    if to_stage:
        candidate.stage = to_stage
    _save(candidate, actor)
    return write_event(
        candidate,
        kind=kind or (EventKind.TRANSITION if to_stage and to_stage != from_stage else EventKind.RECORD),
        action=action,
        from_stage=from_stage,
        to_stage=candidate.stage,
        legal_date=legal_date,
        actor=actor,
        document_number=document_number,
        note=note,
        data=data,
    )


# ---- Actions ---------------------------------------------------------------------------------

PERSON_FIELDS = [
    "full_name",
    "birth_date",
    "sex",
    "ethnicity",
    "religion",
    "general_education",
    "professional_education",
    "occupation",
    "workplace",
    "in_private_enterprise",
    "youth_union_member",
    "trade_union_member",
    "residence",
    "phone",
    "national_id",
    "source_group",
    "note",
]


def person_errors(data: dict) -> list[str]:
    errors = []
    if not clean_text(data.get("full_name", "")):
        errors.append("Họ và tên không được để trống.")
    birth = data.get("birth_date")
    if birth is None:
        errors.append("Chưa nhập ngày sinh.")
    elif birth > today():
        errors.append(f"Ngày sinh ({d(birth)}) ở tương lai.")
    elif rules.age_in_months(birth, today()) > 100 * 12:
        errors.append(f"Ngày sinh ({d(birth)}) không hợp lệ.")
    national_id = clean_text(data.get("national_id", ""))
    if national_id and (not national_id.isdigit() or len(national_id) not in (9, 12)):
        errors.append("Số CCCD phải gồm 12 chữ số (hoặc CMND 9 chữ số).")
    return errors


def find_duplicate(cell: PartyUnit, full_name: str, birth_date: datetime.date, exclude_pk=None) -> Candidate | None:
    return (
        Candidate.objects.filter(cell=cell, search_name=fold(full_name), birth_date=birth_date)
        .exclude(pk=exclude_pk)
        .first()
    )


@transaction.atomic
def candidate_create(*, actor, cell: PartyUnit, data: dict, legal_date: datetime.date | None = None) -> Result:
    """Add a person to the cell's source list (quần chúng)."""
    _authorize(actor, cell, Action.EDIT_CANDIDATES)
    errors = person_errors(data)
    if not cell.holds_candidates:
        errors.append(f"“{cell.name}” không phải là chi bộ; hãy chọn chi bộ quản lý quần chúng.")
    if cell.valid_to is not None:
        errors.append(f"“{cell.name}” đã hết hiệu lực từ {d(cell.valid_to)}.")
    if not errors and find_duplicate(cell, data["full_name"], data["birth_date"]):
        errors.append(f"Chi bộ đã có {clean_text(data['full_name'])}, sinh ngày {d(data['birth_date'])}.")
    _raise(errors)
    candidate = Candidate(cell=cell, **{k: v for k, v in data.items() if k in PERSON_FIELDS})
    candidate._history_user = actor if getattr(actor, "pk", None) else None
    candidate.full_clean()
    candidate.save()
    event = write_event(
        candidate,
        kind=EventKind.CREATE,
        action="Đưa vào danh sách tạo nguồn",
        to_stage=Stage.SOURCE,
        legal_date=legal_date or today(),
        actor=actor,
    )
    return Result(candidate, event)


@transaction.atomic
def candidate_update(*, actor, candidate: Candidate, data: dict, expected_version: int | None) -> Result:
    """Edit personal details (field-level history is kept by django-simple-history)."""
    candidate = _lock(candidate, actor, Action.EDIT_CANDIDATES, expected_version, must_be_open=False)
    merged = {k: getattr(candidate, k) for k in PERSON_FIELDS} | {k: v for k, v in data.items() if k in PERSON_FIELDS}
    errors = person_errors(merged)
    if not errors and find_duplicate(
        candidate.cell, merged["full_name"], merged["birth_date"], exclude_pk=candidate.pk
    ):
        errors.append(f"Chi bộ đã có {clean_text(merged['full_name'])}, sinh ngày {d(merged['birth_date'])}.")
    _raise(errors)
    for key, value in merged.items():
        setattr(candidate, key, value)
    _save(candidate, actor)
    return Result(candidate)


@transaction.atomic
def candidate_add_to_sympathizers(
    *,
    actor,
    candidate: Candidate,
    on: datetime.date,
    mentor_name: str,
    document_number: str = "",
    note: str = "",
    expected_version: int | None = None,
) -> Result:
    candidate = _lock(candidate, actor, Action.EDIT_CANDIDATES, expected_version)
    errors = _require_stage(candidate, [Stage.SOURCE], "đưa vào danh sách cảm tình Đảng")
    errors += _check_date("ngày vào danh sách cảm tình Đảng", on, candidate)
    if not clean_text(mentor_name):
        errors.append("Chưa phân công đảng viên giúp đỡ.")
    _raise(errors)
    candidate.sympathizer_date = on
    candidate.mentor_name = mentor_name
    event = _transition(
        candidate,
        actor,
        to_stage=Stage.SYMPATHIZER,
        action="Vào danh sách cảm tình Đảng",
        legal_date=on,
        document_number=document_number,
        note=note,
        data={"mentor_name": clean_text(mentor_name)},
    )
    return Result(candidate, event)


@transaction.atomic
def candidate_record_training(
    *,
    actor,
    candidate: Candidate,
    training_class: TrainingClass,
    result: str,
    certificate_number: str = "",
    certificate_date: datetime.date | None = None,
    expected_version: int | None = None,
    note: str = "",
) -> Result:
    """Record a class result; a pass with its certificate moves the candidate to 'trained'."""
    candidate = _lock(candidate, actor, (Action.EDIT_CANDIDATES, Action.RECORD_TRAINING), expected_version)
    errors = _require_stage(candidate, [Stage.SYMPATHIZER, Stage.TRAINED], "ghi kết quả bồi dưỡng")
    passed = result in PASSING_RESULTS
    if passed:
        if not clean_text(certificate_number):
            errors.append("Chưa nhập số giấy chứng nhận.")
        errors += _check_date(
            "ngày cấp giấy chứng nhận",
            certificate_date,
            candidate,
            not_before=training_class.start_date,
            not_before_label="ngày khai giảng lớp",
        )
    _raise(errors)
    Enrollment.objects.update_or_create(
        training_class=training_class,
        candidate=candidate,
        defaults={
            "result": result,
            "certificate_number": clean_text(certificate_number),
            "certificate_date": certificate_date if passed else None,
        },
    )
    legal_date = certificate_date if passed else min(training_class.end_date, today())
    data = {"class": training_class.code, "result": result}
    if passed:
        candidate.training_class = training_class
        candidate.training_result = result
        candidate.certificate_number = clean_text(certificate_number)
        candidate.certificate_date = certificate_date
        data |= {"certificate_number": candidate.certificate_number, "certificate_date": certificate_date}
    event = _transition(
        candidate,
        actor,
        to_stage=Stage.TRAINED if passed else "",
        action="Kết quả lớp bồi dưỡng nhận thức về Đảng",
        legal_date=legal_date,
        document_number=certificate_number,
        note=note,
        data=data,
    )
    return Result(candidate, event)


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
        legal_date=max(dates) if dates else today(),
        note=note,
        data=changes,
    )
    return Result(candidate, event)


def dossier_checklist(candidate: Candidate) -> list[tuple[str, bool, str]]:
    """(item, done, detail) — what the cell resolution needs."""
    union_path = bool(candidate.union_resolution_date and (candidate.introducer1_name or candidate.introducer2_name))
    two_introducers = bool(candidate.introducer1_name and candidate.introducer2_name)
    cert_ok = bool(candidate.certificate_date) and rules.certificate_valid_on(candidate.certificate_date, today())
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
    age = rules.age_in_months(candidate.birth_date, meeting)
    if age < r.min_age_months:
        errors.append(
            f"Chưa đủ {r.min_age_months // 12} tuổi vào ngày họp chi bộ {d(meeting)} "
            f"(sinh ngày {d(candidate.birth_date)}, đủ tuổi từ {d(rules.add_months(candidate.birth_date, r.min_age_months))})."
        )
    if age > r.max_age_months and not candidate.age_exception:
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
        "đảng viên chính thức", votes_for, official_members, rules.rules_for(resolution_date or today()).cell_vote_share
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


@transaction.atomic
def class_enroll(
    *, actor, training_class: TrainingClass, cell: PartyUnit, candidates: list[Candidate], note: str = ""
) -> list[Enrollment]:
    """Send several sympathizers of one cell to a training class (the results are recorded later,
    per person or from the class roster). All or nothing: every refusal is listed."""
    _authorize(actor, cell, (Action.EDIT_CANDIDATES, Action.RECORD_TRAINING))
    errors = []
    if not candidates:
        errors.append("Chưa chọn người nào.")
    locked = list(
        Candidate.objects.select_for_update().filter(pk__in=[c.pk for c in candidates]).order_by("sort_key", "id")
    )
    already = set(
        Enrollment.objects.filter(training_class=training_class, candidate__in=locked).values_list(
            "candidate_id", flat=True
        )
    )
    for c in locked:
        if c.cell_id != cell.pk:
            errors.append(f"{c.full_name} không thuộc {cell.name}.")
        elif not c.is_open:
            errors.append(f"{c.full_name} đã ra khỏi danh sách.")
        elif c.stage != Stage.SYMPATHIZER:
            errors.append(f"{c.full_name} đang ở giai đoạn “{STAGE_LABELS[c.stage]}”, cần “Cảm tình Đảng”.")
        elif c.pk in already:
            errors.append(f"{c.full_name} đã có tên trong lớp {training_class.name}.")
    if training_class.end_date < today():
        errors.append(f"Lớp {training_class.name} đã bế giảng ngày {d(training_class.end_date)}.")
    _raise(errors)
    enrollments = []
    for c in locked:
        enrollments.append(Enrollment.objects.create(training_class=training_class, candidate=c))
        c._history_user = actor if getattr(actor, "pk", None) else None
        c.version += 1
        c.save(update_fields=["version", "updated_at"])
        write_event(
            c,
            kind=EventKind.RECORD,
            action=f"Cử đi học {training_class.name}",
            from_stage=c.stage,
            to_stage=c.stage,
            legal_date=today(),
            actor=actor,
            note=note,
            data={"class": training_class.code},
        )
    return enrollments


def training_class_create(
    *, actor, code: str, name: str, unit: PartyUnit, start_date: datetime.date, end_date: datetime.date
) -> TrainingClass:
    """Open a training class (a roster import names a class that does not exist yet)."""
    training_class = TrainingClass(
        code=clean_text(code), name=clean_text(name), unit=unit, start_date=start_date, end_date=end_date
    )
    training_class._history_user = actor if getattr(actor, "pk", None) else None
    training_class.full_clean()
    training_class.save()
    return training_class
