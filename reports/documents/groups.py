"""Context builders for a class: certificates, the list sent to the class. (A unit's statistics
table of new members: statistics.py.)"""

from django.urls import reverse

from candidates.models import PASSING_RESULTS, TrainingClass, TrainingResult
from candidates.rules import rules_for
from units.models import PartyUnit

from .base import DocumentError, DocumentIncomplete, Missing, Prepared, common_context, date_text, issuer_of
from .issuers import committee_name

RESULT_LABELS = dict(TrainingResult.choices)


def _class_phrase(klass: TrainingClass) -> dict:
    return {
        "class_name": klass.name,
        "class_code": klass.code,
        "class_start": date_text(klass.start_date),
        "class_end": date_text(klass.end_date),
        "class_location_phrase": f", tại {klass.location}" if klass.location else "",
    }


def build_certificates(kind, klass: TrainingClass, enrollments_qs, user=None) -> Prepared:
    """One page per passing trainee (in the list order), numbered by the certificate numbers on record."""
    enrollments = list(
        enrollments_qs.filter(training_class=klass, result__in=PASSING_RESULTS)
        .select_related("candidate", "candidate__cell")
        .order_by("candidate__sort_key", "candidate__birth_date", "candidate_id")
    )
    if not enrollments:
        raise DocumentError(f"Lớp {klass.code} chưa có học viên đạt yêu cầu: không có giấy chứng nhận để in.")
    url = reverse("candidates-class-detail", args=[klass.pk])
    missing = []
    for e in enrollments:
        if not e.certificate_number:
            missing.append(Missing("số giấy chứng nhận", url, e.candidate.full_name))
        if not e.certificate_date:
            missing.append(Missing("ngày cấp giấy chứng nhận", url, e.candidate.full_name))
    if missing:
        raise DocumentIncomplete(kind.label, missing)
    issuer = issuer_of(klass.unit, body="standing")
    day = max(e.certificate_date for e in enrollments)
    ctx = common_context(kind, issuer, day, recipients=[])
    ctx.update(_class_phrase(klass))
    ctx["valid_months"] = rules_for(day).certificate_valid_months
    ctx["pages"] = [
        {
            "number_line": f"Số {e.certificate_number}",
            "full_name": e.candidate.full_name,
            "birth_date": date_text(e.candidate.birth_date),
            "workplace": e.candidate.workplace or e.candidate.residence,
            "cell_name": committee_name(e.candidate.cell),
            "result": RESULT_LABELS.get(e.result, e.result),
            "certificate_date": date_text(e.certificate_date),
        }
        for e in enrollments
    ]
    return Prepared(
        kind,
        issuer,
        day,
        f"class:{klass.pk}",
        f"Giấy chứng nhận lớp {klass.code} ({len(enrollments)} học viên)",
        klass.unit,
        ctx,
        candidates=[e.candidate for e in enrollments],
        training_class=klass,
        numbered=False,
        filename=f"giay-chung-nhan-{klass.code}",
    )


def build_class_list(kind, klass: TrainingClass, unit: PartyUnit, enrollments_qs, user=None) -> Prepared:
    """The list of people a committee sends to the class: the enrolments of the unit's subtree."""
    enrollments = list(
        enrollments_qs.filter(training_class=klass, candidate__cell__path__startswith=unit.path)
        .select_related("candidate", "candidate__cell")
        .order_by("candidate__cell__path", "candidate__sort_key", "candidate_id")
    )
    if not enrollments:
        raise DocumentError(f"{unit.name} không có người nào được cử đi học lớp {klass.code}.")
    issuer = issuer_of(unit)
    day = klass.start_date
    ctx = common_context(kind, issuer, day, recipients=[committee_name(klass.unit), "Các chi bộ có người đi học"])
    ctx.update(_class_phrase(klass))
    ctx["people_count"] = len(enrollments)
    ctx["people"] = [
        {
            "full_name": e.candidate.full_name,
            "birth_date": date_text(e.candidate.birth_date),
            "workplace": e.candidate.workplace or e.candidate.residence,
            "cell_name": committee_name(e.candidate.cell),
        }
        for e in enrollments
    ]
    return Prepared(
        kind,
        issuer,
        day,
        f"class:{klass.pk}:unit:{unit.pk}",
        f"Cử đi học lớp {klass.code} ({unit.name})",
        unit,
        ctx,
        candidates=[e.candidate for e in enrollments],
        training_class=klass,
        filename=f"danh-sach-cu-di-hoc-{klass.code}-{unit.code}",
    )
