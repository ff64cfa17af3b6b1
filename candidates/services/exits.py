"""Leaving the pipeline, coming back, transfers, and corrections of a recorded event."""

import datetime

from django.db import transaction
from django.db.models import F

from units.models import PartyUnit, UnitKind
from units.scope import Action, can, in_scope
from vietnamese.text import clean_text

from .. import clock, rules
from ..models import (
    COMMITTEE_EXITS,
    Candidate,
    EventKind,
    ExitReason,
    ReadmissionExclusion,
    Stage,
    StageEvent,
)
from .base import (
    READMISSION_EXITS,
    Result,
    RuleViolation,
    _authorize,
    _check_date,
    _jsonable,
    _lock,
    _raise,
    _save,
    _transition,
    d,
    write_event,
)
from .dossier import DOSSIER_FIELDS
from .path import closed_unit_errors, issuer_errors
from .people import PERSON_FIELDS, find_duplicate, find_same_person

# Exits after which a member can only come back by a new admission (kết nạp lại), not a reopen.
# Exits that by themselves exclude re-admission.
EXCLUDING_EXITS = {
    ExitReason.LEFT_VOLUNTARILY: ReadmissionExclusion.LEFT_VOLUNTARILY,
    ExitReason.ASKED_TO_LEAVE: ReadmissionExclusion.ASKED_TO_LEAVE,
}


def committee_exit_errors(
    candidate: Candidate, reason: str, on: datetime.date | None, number: str, issuer: PartyUnit | None
) -> list[str]:
    """A strike-off (or a member asked to leave) is a decision of the competent body: number, date,
    issuer chosen from the tree and valid on the date."""
    errors = []
    if reason == ExitReason.STRUCK_OFF and candidate.stage != Stage.PROBATIONARY:
        errors.append("Chỉ xóa tên đảng viên trong thời gian dự bị.")
    if reason in (ExitReason.LEFT_VOLUNTARILY, ExitReason.ASKED_TO_LEAVE) and candidate.stage not in (
        Stage.DECIDED,
        Stage.PROBATIONARY,
    ):
        errors.append("Lý do này chỉ áp dụng cho người đã được kết nạp.")
    if not clean_text(number):
        errors.append(f"Chưa nhập số quyết định ({ExitReason(reason).label.lower()}) {rules.cite('rights')}.")
    if issuer is None:
        errors.append(f"Chưa chọn cấp ủy ra quyết định (chọn trong cây tổ chức) {rules.cite('rights')}.")
    elif on is not None:
        errors += issuer_errors(candidate, issuer, on)
    return errors


@transaction.atomic
def candidate_exit(
    *,
    actor,
    candidate: Candidate,
    reason: str,
    on: datetime.date,
    note: str = "",
    document_number: str = "",
    issuer: PartyUnit | None = None,
    expected_version: int | None = None,
) -> Result:
    candidate = _lock(candidate, actor, Action.EDIT_CANDIDATES, expected_version)
    if reason in COMMITTEE_EXITS:
        # Committee acts are recorded by committee staff or the organization board (and voided by them).
        _authorize(actor, candidate.cell, Action.COMMITTEE_DECISIONS)
        candidate._void_rights = [Action.COMMITTEE_DECISIONS]
    errors = []
    if candidate.stage == Stage.OFFICIAL:
        errors.append("Đảng viên chính thức không thuộc danh sách theo dõi kết nạp.")
    if reason not in ExitReason.values:
        errors.append("Chưa chọn lý do.")
    elif reason in COMMITTEE_EXITS or reason == ExitReason.LEFT_VOLUNTARILY:
        errors += committee_exit_errors(candidate, reason, on, document_number, issuer)
    errors += _check_date("ngày ra khỏi danh sách", on, candidate)
    _raise(errors)
    candidate.is_open = False
    candidate.exit_reason = reason
    candidate.exit_date = on
    candidate.exit_document_number = clean_text(document_number)
    candidate.exit_issuer = issuer if reason in COMMITTEE_EXITS or reason == ExitReason.LEFT_VOLUNTARILY else None
    event = _transition(
        candidate,
        actor,
        to_stage="",
        action=f"Ra khỏi danh sách: {ExitReason(reason).label}",
        legal_date=on,
        document_number=document_number,
        note=note,
        data={"reason": reason} | ({"issuer": candidate.exit_issuer.name} if candidate.exit_issuer else {}),
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
    if candidate.exit_reason in READMISSION_EXITS:
        # The first admission stays in its year and on the timeline: re-admission is a new record.
        errors.append(
            f"{candidate.full_name} đã được kết nạp rồi ra khỏi Đảng ({candidate.get_exit_reason_display().lower()}): "
            f"chỉ có thể xem xét kết nạp lại như một lần kết nạp mới (“Kết nạp lại”) {rules.cite('readmission')}."
        )
    _raise(errors)
    from_stage = candidate.stage
    if candidate.exit_reason == ExitReason.CERTIFICATE_EXPIRED:
        candidate.stage = Stage.SYMPATHIZER  # re-train
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
    document_number: str = "",
    expected_version: int | None = None,
) -> Result:
    """Move a person to another cell. The timeline keeps from, to, date and document; a proposed
    candidate needs the new cell's resolution again (back to “trained”, the old resolutions kept in
    the events)."""
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
    from_stage = candidate.stage
    warnings = []
    data = {"from_unit": old.code, "to_unit": new_cell.code, "from_name": old.name, "to_name": new_cell.name}
    if candidate.stage == Stage.PROPOSED:
        data["previous_resolutions"] = _jsonable({k: getattr(candidate, k) for k in PROPOSAL_FIELDS})
        for key in PROPOSAL_FIELDS:
            setattr(candidate, key, "" if isinstance(getattr(candidate, key), str) else None)
        candidate.stage = Stage.TRAINED
        warnings.append(
            f"{candidate.full_name} đã có nghị quyết đề nghị kết nạp của {old.name}: chi bộ mới phải xem xét và "
            f"ra nghị quyết lại {rules.cite('transfer')}."
        )
    candidate.cell = new_cell
    _save(candidate, actor)
    event = write_event(
        candidate,
        kind=EventKind.TRANSFER,
        action=f"Chuyển từ {old.name} sang {new_cell.name}",
        from_stage=from_stage,
        to_stage=candidate.stage,
        legal_date=on,
        actor=actor,
        document_number=document_number,
        note=note,
        data=data,
    )
    return Result(candidate, event, warnings)


PROPOSAL_FIELDS = [
    "cell_resolution_number",
    "cell_resolution_date",
    "cell_votes_for",
    "cell_official_members",
    "appraisal_number",
    "appraisal_date",
    "committee_resolution_number",
    "committee_resolution_date",
    "committee_votes_for",
    "committee_members",
]


def merge_handler(source: PartyUnit, target: PartyUnit, merged_on: datetime.date, actor, decision: str = "") -> dict:
    """Registered with units.services: a merge writes an event on each person's timeline. People of a
    merged cell move to the successor; people below a merged committee stay in their cells, which now
    sit under the successor. Fixed number of queries."""
    moved = list(Candidate.objects.filter(cell=source))
    below = list(
        Candidate.objects.filter(cell__path__startswith=source.path, is_open=True)
        .exclude(cell=source)
        .select_related("cell")
    )
    user = actor if getattr(actor, "pk", None) else None
    events = []
    for c in moved:
        events.append(
            StageEvent(
                candidate=c,
                kind=EventKind.TRANSFER,
                action=f"Sáp nhập: chuyển từ {source.name} sang {target.name}",
                from_stage=c.stage,
                to_stage=c.stage,
                legal_date=merged_on,
                entered_by=user,
                document_number=clean_text(decision)[:60],
                data={"from_unit": source.code, "to_unit": target.code, "merge": True},
                unit=target,
            )
        )
    for c in below:
        events.append(
            StageEvent(
                candidate=c,
                kind=EventKind.TRANSFER,
                action=f"Sáp nhập đơn vị cấp trên: {source.name} vào {target.name}",
                from_stage=c.stage,
                to_stage=c.stage,
                legal_date=merged_on,
                entered_by=user,
                document_number=clean_text(decision)[:60],
                data={"from_unit": source.code, "to_unit": target.code, "cell": c.cell.code, "merge": True},
                unit=c.cell,
            )
        )
    count = Candidate.objects.filter(cell=source).update(cell=target, version=F("version") + 1)
    StageEvent.objects.bulk_create(events, batch_size=500)
    return {"candidates": count, "timeline_events": len(events)}


def open_people_in_subtree(unit: PartyUnit, closed_on: datetime.date) -> list[str]:
    """Registered with units.services: a unit closes with its subtree only when nobody is followed there."""
    count = Candidate.objects.filter(cell__path__startswith=unit.path, is_open=True).count()
    if count:
        return [
            f"Còn {count} người đang được theo dõi trong các chi bộ của “{unit.name}”: hãy chuyển họ sang chi bộ khác "
            "hoặc sáp nhập đơn vị vào đơn vị kế thừa trước khi cho hết hiệu lực."
        ]
    return []


def _readmission_errors(
    old: Candidate,
    *,
    on: datetime.date | None,
    cell: PartyUnit | None,
    consent_number: str,
    consent_date: datetime.date | None,
    consent_issuer: PartyUnit | None,
    exclusions: list[str],
    actor,
) -> list[str]:
    cite = rules.cite("readmission")
    errors = []
    if old.is_open or old.exit_reason not in READMISSION_EXITS or not old.decision_date:
        return [f"{old.full_name} không phải là người đã được kết nạp rồi ra khỏi Đảng: không có việc kết nạp lại."]
    r = rules.rules_for(on or old.exit_date)
    earlier = old.readmission_of_id is not None or old.readmissions.exists()
    if earlier:
        errors.append(f"{old.full_name} đã được xem xét kết nạp lại một lần: chỉ kết nạp lại một lần {cite}.")
    labels = dict(ReadmissionExclusion.choices)
    reasons = list(
        dict.fromkeys(([EXCLUDING_EXITS[old.exit_reason]] if old.exit_reason in EXCLUDING_EXITS else []) + exclusions)
    )
    for key in reasons:
        label = labels.get(key, key)
        errors.append(f"Không xem xét kết nạp lại: {label[0].lower() + label[1:]} {cite}.")
    if on is None:
        errors.append("Chưa nhập ngày.")
    else:
        allowed = rules.add_months(old.exit_date, r.readmission_after_months)
        if on < allowed:
            errors.append(
                f"Chỉ được xem xét kết nạp lại sau {r.readmission_after_months} tháng kể từ ngày ra khỏi Đảng "
                f"({d(old.exit_date)}), từ ngày {d(allowed)} {cite}."
            )
        if on > clock.today():
            errors.append(f"Ngày ({d(on)}) ở tương lai.")
    if not clean_text(consent_number) or consent_date is None:
        errors.append(f"Chưa ghi văn bản đồng ý của Ban Thường vụ tỉnh ủy (số, ngày) {cite}.")
    elif on is not None and consent_date > on:
        errors.append(f"Văn bản đồng ý ngày {d(consent_date)} sau ngày lập hồ sơ kết nạp lại ({d(on)}).")
    if consent_issuer is None or consent_issuer.kind != UnitKind.PROVINCE:
        errors.append(f"Văn bản đồng ý phải do Ban Thường vụ tỉnh ủy, thành ủy ban hành (chọn đảng bộ tỉnh) {cite}.")
    elif not old.cell.path.startswith(consent_issuer.path):
        errors.append(f"“{consent_issuer.name}” không phải là đảng bộ tỉnh của {old.cell.name}.")
    if cell is None or not cell.holds_candidates:
        errors.append("Hãy chọn chi bộ lập hồ sơ kết nạp lại.")
    else:
        if on is not None:
            errors += closed_unit_errors(cell, on, "lập hồ sơ mới")
        if cell.valid_to is not None and on is None:
            errors.append(f"“{cell.name}” đã hết hiệu lực.")
        if actor is not None and not (in_scope(actor, cell) and can(actor, Action.EDIT_CANDIDATES, cell)):
            errors.append("Chi bộ đã chọn nằm ngoài phạm vi quản lý của bạn.")
    other = find_same_person(old.full_name, old.birth_date, old.national_id, exclude_pk=old.pk, open_only=True)
    if other is not None:
        errors.append(f"{old.full_name} đang có hồ sơ trong danh sách của {other.cell.name}.")
    return errors


@transaction.atomic
def candidate_readmit(
    *,
    actor,
    candidate: Candidate,
    on: datetime.date,
    cell: PartyUnit | None = None,
    consent_number: str,
    consent_date: datetime.date | None,
    consent_issuer: PartyUnit | None,
    exclusions: list[str] | None = None,
    note: str = "",
    expected_version: int | None = None,
) -> Result:
    """Re-admission as a new admission: a new record (source list of the chosen cell) linked to the old
    one, which keeps its decision, ceremony and year in the figures. Once, >= 36 months after leaving,
    with the provincial standing committee's consent, never for the excluded cases."""
    old = _lock(candidate, actor, Action.EDIT_CANDIDATES, expected_version, must_be_open=False)
    cell = cell or old.cell
    errors = _readmission_errors(
        old,
        on=on,
        cell=cell,
        consent_number=consent_number,
        consent_date=consent_date,
        consent_issuer=consent_issuer,
        exclusions=list(exclusions or []),
        actor=actor,
    )
    _raise(errors)
    new = Candidate(cell=cell, **{k: getattr(old, k) for k in PERSON_FIELDS if k != "note"})
    new.readmission_of = old
    new.readmission_consent_number = clean_text(consent_number)
    new.readmission_consent_date = consent_date
    new.readmission_consent_issuer = consent_issuer
    new._history_user = actor if getattr(actor, "pk", None) else None
    new.full_clean()
    new.save()
    event = write_event(
        new,
        kind=EventKind.CREATE,
        action=(
            f"Lập hồ sơ kết nạp lại (lần kết nạp trước: quyết định {old.decision_number} ngày {d(old.decision_date)}; "
            f"{old.get_exit_reason_display().lower()} ngày {d(old.exit_date)})"
        ),
        to_stage=Stage.SOURCE,
        legal_date=on,
        actor=actor,
        document_number=new.readmission_consent_number,
        note=note,
        data={"readmission_of": old.pk, "consent_issuer": consent_issuer.code},
    )
    write_event(
        old,
        kind=EventKind.RECORD,
        action=f"Được xem xét kết nạp lại (hồ sơ mới tại {cell.name})",
        from_stage=old.stage,
        to_stage=old.stage,
        legal_date=on,
        actor=actor,
        document_number=new.readmission_consent_number,
        data={"readmission": new.pk},
    )
    return Result(new, event)


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
    "ceremony_date",
    "decision_received_date",
    "decision_extension_number",
    "decision_extension_date",
    "decision_extension_reason",
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
    if event.kind == EventKind.VOID or StageEvent.objects.filter(voids=event).exists():
        errors.append("Bước này đã được hủy (hoặc là một lần hủy): không đính chính được.")
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
