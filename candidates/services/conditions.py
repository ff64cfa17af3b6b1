"""The personal conditions of the cell's meeting that admit recorded exceptions: age over 60,
education below lower secondary, and the conditions checked for religious candidates. An exception is
a record (kind, document number and date, issuing body), never free text, dated before the decision."""

import datetime

from django.db import transaction

from units.scope import Action
from vietnamese.text import clean_text

from .. import rules
from ..models import EDUCATION_EXCEPTIONS, AdmissionException, Candidate, ExceptionKind, GeneralEducation, Stage
from ..vocab import is_religious
from .base import Result, _check_date, _lock, _raise, _require_stage, _transition, d


def _exceptions(candidate: Candidate, exceptions=None) -> list[AdmissionException]:
    return list(candidate.exceptions.all()) if exceptions is None else exceptions


def personal_condition_errors(
    candidate: Candidate, meeting: datetime.date, exceptions=None
) -> tuple[list[str], list[str]]:
    """(errors, warnings): age, education, religion at the cell's meeting."""
    r = rules.rules_for(meeting)
    exceptions = _exceptions(candidate, exceptions)
    kinds = {e.kind: e for e in exceptions if e.document_date <= meeting}
    errors, warnings = [], []
    if candidate.birth_date is None:
        errors.append(
            f"Chưa có ngày sinh (hồ sơ nhập thiếu): cần bổ sung ngày sinh để xét điều kiện tuổi "
            f"({r.min_age_months // 12}–{r.max_age_months // 12} tuổi) ({r.cite('min_age_months')})."
        )
        age = of_age = None
    else:
        age = rules.age_in_months(candidate.birth_date, meeting)
        # One rule for 29/02 birthdays (rules.full_years_date): full years reached on 01/03 in common years.
        of_age = rules.full_years_date(candidate.birth_date, r.min_age_months // 12)
    if of_age is not None and meeting < of_age:
        leap = (
            " (sinh ngày 29/02: năm không nhuận tính đủ tuổi từ 01/03)"
            if candidate.birth_date.day == 29 and (candidate.birth_date.month == 2)
            else ""
        )
        errors.append(
            f"Chưa đủ {r.min_age_months // 12} tuổi vào ngày họp chi bộ {d(meeting)} "
            f"(sinh ngày {d(candidate.birth_date)}, đủ tuổi từ {d(of_age)}{leap}) ({r.cite('min_age_months')})."
        )
    if age is not None and age > r.max_age_months and ExceptionKind.AGE_OVER_60 not in kinds:
        errors.append(
            f"Quá {r.max_age_months // 12} tuổi vào ngày họp chi bộ {d(meeting)}, chưa ghi văn bản đồng ý của cấp ủy "
            f"trực thuộc Trung ương (số, ngày, cơ quan) {rules.cite('age')}."
        )
    education = candidate.general_education
    if education == GeneralEducation.UNKNOWN:
        errors.append(f"Chưa ghi trình độ học vấn (cần từ trung học cơ sở trở lên) {rules.cite('education')}.")
    elif education == GeneralEducation.PRIMARY and not any(k in kinds for k in EDUCATION_EXCEPTIONS):
        errors.append(
            "Trình độ học vấn dưới trung học cơ sở, chưa ghi trường hợp ngoại lệ (vùng cao, vùng sâu, vùng xa, vùng "
            f"đồng bào dân tộc; hoặc già làng, trưởng bản) với số, ngày văn bản {rules.cite('education')}."
        )
    if is_religious(candidate.religion) and ExceptionKind.RELIGIOUS not in kinds:
        warnings.append(
            f"Người có đạo ({candidate.religion}): chưa ghi việc xem xét các điều kiện theo {rules.SOURCES['religion']}."
        )
    return errors, warnings


def exceptions_before_decision(candidate: Candidate, on: datetime.date) -> list[str]:
    """An exception the admission rests on must be dated before the decision."""
    return [
        f"Văn bản {e.document_number} ({e.get_kind_display()}) ngày {d(e.document_date)} sau ngày quyết định kết nạp "
        f"{d(on)}: văn bản ngoại lệ phải có trước quyết định {rules.cite('age')}."
        for e in candidate.exceptions.all()
        if e.kind != ExceptionKind.RELIGIOUS and e.document_date > on
    ]


@transaction.atomic
def candidate_record_exception(
    *,
    actor,
    candidate: Candidate,
    kind: str,
    document_number: str,
    document_date: datetime.date,
    issuer: str,
    note: str = "",
    expected_version: int | None = None,
) -> Result:
    candidate = _lock(candidate, actor, Action.EDIT_CANDIDATES, expected_version)
    errors = _require_stage(
        candidate, [Stage.SOURCE, Stage.SYMPATHIZER, Stage.TRAINED, Stage.PROPOSED], "ghi trường hợp ngoại lệ"
    )
    if kind not in ExceptionKind.values:
        errors.append("Chưa chọn trường hợp ngoại lệ.")
    if not clean_text(document_number):
        errors.append("Chưa nhập số văn bản.")
    if not clean_text(issuer):
        errors.append("Chưa nhập cơ quan ban hành văn bản.")
    errors += _check_date("ngày văn bản", document_date, candidate)
    _raise(errors)
    record = AdmissionException.objects.create(
        candidate=candidate,
        kind=kind,
        document_number=clean_text(document_number),
        document_date=document_date,
        issuer=clean_text(issuer),
        note=clean_text(note),
    )
    event = _transition(
        candidate,
        actor,
        to_stage="",
        action=f"Ghi trường hợp ngoại lệ: {record.get_kind_display()}",
        legal_date=document_date,
        document_number=record.document_number,
        note=note,
        data={"kind": kind, "issuer": record.issuer},
        undo={"exception": record.pk},
    )
    return Result(candidate, event)
