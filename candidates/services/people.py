"""The lists: adding and editing a person, duplicates, putting a person on the cảm tình Đảng list."""

import datetime

from django.db import transaction
from django.db.models import Q

from units.models import PartyUnit
from units.scope import Action
from vietnamese.text import clean_text, fold

from .. import clock, rules
from ..models import (
    Candidate,
    EventKind,
    Stage,
)
from .base import (
    READMISSION_EXITS,
    Result,
    _authorize,
    _check_date,
    _lock,
    _raise,
    _require_stage,
    _save,
    _transition,
    d,
    write_event,
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


def person_errors(data: dict, *, today: datetime.date | None = None, birth_required: bool = True) -> list[str]:
    errors = []
    today = today or clock.today()
    if not clean_text(data.get("full_name", "")):
        errors.append("Họ và tên không được để trống.")
    birth = data.get("birth_date")
    if birth is None:
        if birth_required:
            errors.append("Chưa nhập ngày sinh.")
    elif birth > today:
        errors.append(f"Ngày sinh ({d(birth)}) ở tương lai.")
    elif rules.age_in_months(birth, today) > 100 * 12:
        errors.append(f"Ngày sinh ({d(birth)}) không hợp lệ.")
    national_id = clean_text(data.get("national_id", ""))
    if national_id and (not national_id.isdigit() or len(national_id) not in (9, 12)):
        errors.append("Số CCCD phải gồm 12 chữ số (hoặc CMND 9 chữ số).")
    return errors


def same_person_q(full_name: str, birth_date: datetime.date, national_id: str = "") -> Q:
    """The same person anywhere in the tree: the national ID when both records have one, else the
    name (without diacritics) and the birth date."""
    by_name = Q(search_name=fold(full_name), birth_date=birth_date)
    national_id = clean_text(national_id or "")
    if national_id:
        return Q(national_id=national_id) | (by_name & Q(national_id=""))
    return by_name


def find_same_person(
    full_name: str, birth_date: datetime.date, national_id: str = "", *, exclude_pk=None, open_only=False
) -> Candidate | None:
    qs = Candidate.objects.filter(same_person_q(full_name, birth_date, national_id)).exclude(pk=exclude_pk)
    if open_only:
        qs = qs.filter(is_open=True)
    return qs.select_related("cell").order_by("-is_open", "-id").first()


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
    elif not errors:
        errors += _same_person_errors(data)
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
        legal_date=legal_date or clock.today(),
        actor=actor,
    )
    return Result(candidate, event)


def _same_person_errors(data: dict) -> list[str]:
    """A person already followed elsewhere in the tree, or a former member who can only come back by
    re-admission, is not added again as a new person."""

    other = find_same_person(data["full_name"], data["birth_date"], data.get("national_id", ""))
    if other is None:
        return []
    who = f"{clean_text(data['full_name'])} (sinh ngày {d(data['birth_date'])})"
    if other.is_open:
        return [f"{who} đang có hồ sơ trong danh sách của {other.cell.name}: hãy chuyển chi bộ thay vì thêm mới."]
    if other.exit_reason in READMISSION_EXITS and other.decision_date:
        return [
            f"{who} đã được kết nạp ngày {d(other.decision_date)} và ra khỏi Đảng ngày {d(other.exit_date)} "
            f"({other.get_exit_reason_display().lower()}) tại {other.cell.name}: chỉ có thể xem xét “Kết nạp lại” "
            f"trên hồ sơ cũ {rules.cite('readmission')}."
        ]
    return []


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
