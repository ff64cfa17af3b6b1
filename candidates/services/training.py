"""The awareness class: classes, enrolment, and the result and certificate of a trainee."""

import datetime

from django.db import transaction

from units.models import PartyUnit
from units.scope import Action
from vietnamese.text import clean_text

from .. import clock
from ..models import (
    PASSING_RESULTS,
    Candidate,
    Enrollment,
    EventKind,
    Stage,
    TrainingClass,
)
from .base import (
    STAGE_LABELS,
    Result,
    _authorize,
    _check_date,
    _lock,
    _raise,
    _remember_facts,
    _require_stage,
    _transition,
    d,
    write_event,
)


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
    undo = {"enrollment": enrollment_state(training_class, candidate)}
    Enrollment.objects.update_or_create(
        training_class=training_class,
        candidate=candidate,
        defaults={
            "result": result,
            "certificate_number": clean_text(certificate_number),
            "certificate_date": certificate_date if passed else None,
        },
    )
    legal_date = certificate_date if passed else min(training_class.end_date, clock.today())
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
        undo=undo,
    )
    return Result(candidate, event)


def enrollment_state(training_class: TrainingClass, candidate: Candidate) -> dict:
    """The person's place in the class before a step changes it (None: not enrolled), for a void."""
    before = Enrollment.objects.filter(training_class=training_class, candidate=candidate).first()
    state = None
    if before is not None:
        state = {
            "result": before.result,
            "certificate_number": before.certificate_number,
            "certificate_date": before.certificate_date.isoformat() if before.certificate_date else None,
        }
    return {"class": training_class.pk, "before": state}


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
    if training_class.end_date < clock.today():
        errors.append(f"Lớp {training_class.name} đã bế giảng ngày {d(training_class.end_date)}.")
    _raise(errors)
    enrollments = []
    for c in locked:
        _remember_facts(c, (Action.EDIT_CANDIDATES, Action.RECORD_TRAINING))
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
            legal_date=clock.today(),
            actor=actor,
            note=note,
            data={"class": training_class.code},
            undo={"enrollment": {"class": training_class.pk, "before": None}},
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
