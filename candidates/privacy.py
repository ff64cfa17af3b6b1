"""The data subject's rights (Law 91/2025/QH15 on personal data protection): everything held about one
person in one structure (exported as JSON here and as PDF by reports.person), correction requests and
their outcome, and the anonymization of exited non-members after PERSONAL_DATA_RETENTION_YEARS.

Anonymization keeps each row (stage, dates of the pipeline, cell, admitting unit), so every count of
past statistics stays the same; it removes what identifies the person."""

import datetime
import re

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from audit.models import PersonalDataAccess
from imports.models import ImportRecord
from vietnamese.text import fold

from .models import Candidate, Stage

LEGAL_BASIS = (
    "Căn cứ xử lý: Điều lệ Đảng, Quy định 232-QĐ/TW và Hướng dẫn 06-HD/TW về công tác kết nạp đảng viên; "
    "Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15. Mục đích: theo dõi, bồi dưỡng và xét kết nạp đảng viên; "
    "dữ liệu chỉ dùng trong tổ chức đảng có thẩm quyền, người được xử lý có quyền xem, yêu cầu đính chính."
)
ANONYMIZED = "Đã ẩn danh"
# What identifies the person; cleared by anonymization (birth date kept as 1 January of its year).
IDENTIFYING = [
    "person_code", "workplace", "residence", "phone", "national_id", "note", "mentor_name", "guide_name",
    "transfer_destination",
]  # fmt: skip
# Keys of a stage event's data that may hold what identifies the person: a correction's old and new
# values, the helper's name, a free-text reason.
EVENT_IDENTIFYING = ("before", "after", "mentor_name", "reason")


def _value(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return value


def person_record(candidate: Candidate) -> dict:
    """Everything held about the person: fields, timeline, classes, documents, field history, correction
    requests and who read or exported their data (Vietnamese labels, dates dd/mm/yyyy)."""
    fields = {}
    for f in Candidate._meta.concrete_fields:
        if f.name in ("id", "search_name", "sort_key", "family_name", "middle_name", "given_name"):
            continue
        value = getattr(candidate, f.name)
        if f.choices and value:
            value = getattr(candidate, f"get_{f.name}_display")()
        elif f.is_relation:
            value = str(value) if value is not None else None
        fields[str(f.verbose_name)] = _value(value)
    events = [
        {
            "ngày": _value(e.legal_date),
            "việc": e.action,
            "số văn bản": e.document_number,
            "ghi chú": e.note,
            "ghi bởi": e.entered_by.get_username() if e.entered_by else "hệ thống",
            "ghi lúc": _value(e.entered_at),
        }
        for e in candidate.events.select_related("entered_by").order_by("legal_date", "id")
    ]
    classes = [
        {
            "lớp": en.training_class.name,
            "kết quả": en.get_result_display(),
            "giấy chứng nhận": en.certificate_number,
            "ngày cấp": _value(en.certificate_date),
        }
        for en in candidate.enrollments.select_related("training_class")
    ]
    documents = [{"mẫu": d.form_code, "tên": d.title, "ngày": _value(d.date)} for d in candidate.documents.all()]
    history = [
        {"lúc": _value(h.history_date), "người sửa": h.history_user.get_username() if h.history_user else "hệ thống"}
        for h in candidate.history.select_related("history_user").order_by("history_date")
    ]
    requests = [
        {
            "ngày nhận": _value(r.received_on),
            "nội dung": r.request,
            "kết quả": r.get_status_display(),
            "trả lời": r.outcome,
            "ngày trả lời": _value(r.decided_on),
        }
        for r in candidate.correction_requests.all()
    ]
    accesses = [
        {"lúc": _value(a.at), "người dùng": a.username, "loại": a.get_kind_display()}
        for a in PersonalDataAccess.objects.filter(person_id=candidate.pk).order_by("at")
    ]
    return {
        "căn cứ và mục đích": LEGAL_BASIS,
        "thông tin": fields,
        "quá trình": events,
        "lớp bồi dưỡng": classes,
        "giấy tờ": documents,
        "lịch sử chỉnh sửa": history,
        "yêu cầu đính chính": requests,
        "nhật ký truy cập": accesses,
    }


def retention_years() -> int:
    return int(getattr(settings, "PERSONAL_DATA_RETENTION_YEARS", 5))


# What apps above this one keep about a person beyond its own rows (the documents register's "about"
# line, say) is scrubbed by the handlers they register here: handler({pk: old full name}).
_SCRUBBERS = []


def register_anonymizer(handler) -> None:
    """Call `handler({candidate pk: former full name})` after each anonymization run that changed someone."""
    if handler not in _SCRUBBERS:
        _SCRUBBERS.append(handler)


def retention_cutoff(today: datetime.date) -> datetime.date:
    """`today` less the retention years, 29 February falling back to 28 February."""
    year = today.year - retention_years()
    try:
        return today.replace(year=year)
    except ValueError:  # 29/02 in a year that has none
        return today.replace(year=year, day=28)


def anonymizable(today: datetime.date):
    """Exited non-members whose exit is older than the retention period and not yet anonymized."""
    cutoff = retention_cutoff(today)
    return (
        Candidate.objects.filter(is_open=False, exit_date__lt=cutoff)
        .exclude(stage__in=[Stage.PROBATIONARY, Stage.OFFICIAL])
        .exclude(full_name__startswith=ANONYMIZED)
    )


@transaction.atomic
def anonymize_exited(today: datetime.date) -> int:
    """Anonymize every exited non-member past the retention period (the housekeeping job calls it).
    Rows stay (past statistics keep their counts); names, contacts, IDs, notes, history are removed."""
    former: dict[int, str] = {}
    for person in anonymizable(today).select_for_update():
        former[person.pk] = person.full_name
        person.full_name = f"{ANONYMIZED} {person.pk}"
        if person.birth_date:  # an imported record may have none
            person.birth_date = person.birth_date.replace(month=1, day=1)
        for name in IDENTIFYING:
            setattr(person, name, "")
        person.version += 1
        person.save()
        person.events.update(note="", undo={})  # undo: the facts a void would have put back
        for event_pk, data in person.events.exclude(data={}).values_list("pk", "data"):
            if isinstance(data, dict) and set(data) & set(EVENT_IDENTIFYING):
                kept = {key: value for key, value in data.items() if key not in EVENT_IDENTIFYING}
                person.events.filter(pk=event_pk).update(data=kept)
        person.documents.all().delete()
        person.correction_requests.all().delete()
        person.history.all().delete()  # the field history held the old values
    if former:
        _scrub_import_records(former)
        for handler in _SCRUBBERS:
            handler(former)
    return len(former)


def _scrub_import_records(former: dict[int, str]) -> None:
    """The import log keeps, per committed import, rows worth reading again with their label (name and
    birth date): labels naming an anonymized person lose the name. Kept upload files themselves are
    deleted within HOUSEKEEPING_UPLOAD_DAYS, long before any retention period ends."""
    replacement = {fold(name): f"{ANONYMIZED} {pk}" for pk, name in former.items() if name.strip()}
    pattern = re.compile(
        r"(?<!\w)(" + "|".join(map(re.escape, sorted(replacement, key=len, reverse=True))) + r")(?!\w)"
    )
    for record in ImportRecord.objects.exclude(details={}).only("pk", "details").iterator(chunk_size=200):
        rows = (record.details or {}).get("rows") or []
        changed = False
        for row in rows:
            hit = pattern.search(fold(str(row.get("label", ""))))
            if hit:
                row["label"] = replacement[hit.group(1)]
                changed = True
        if changed:
            ImportRecord.objects.filter(pk=record.pk).update(details=record.details)
