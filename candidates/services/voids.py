"""Voiding a mistaken step: a new event (kind "void", the reason in its note) that cancels the latest
step still standing. Nothing is deleted from the history: the step stays on the timeline, marked
voided, and the candidate's stage and facts go back to what they were before it (the step's event keeps
them in `undo`, written by write_event). Allowed to whoever may record that step, within
VOID_WINDOW_DAYS days of entering it, one step at a time from the latest."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from units.models import PartyUnit
from units.scope import Action, in_scope
from vietnamese.text import clean_text

from .. import clock
from ..models import AdmissionException, Candidate, Enrollment, EventKind, Introducer, StageEvent
from .base import Result, _has_right, _lock, _raise, _save, d, facts, write_event

_UNKNOWN = object()


def window_days() -> int:
    return int(getattr(settings, "VOID_WINDOW_DAYS", 30))


def void_deadline(event: StageEvent) -> datetime.date:
    """The last day the step may be voided: VOID_WINDOW_DAYS after the day it was entered."""
    return timezone.localdate(event.entered_at) + datetime.timedelta(days=window_days())


def void_rights(event: StageEvent) -> tuple[str, ...]:
    """Who may void a step: whoever may record it (the rights its service checked)."""
    return tuple(event.undo.get("rights") or (Action.EDIT_CANDIDATES,))


def latest_step(candidate: Candidate) -> StageEvent | None:
    """The latest step of the candidate still standing (neither voided nor a void)."""
    return (
        candidate.events.exclude(kind=EventKind.VOID)
        .filter(voided_by__isnull=True)
        .select_related("entered_by")
        .order_by("-id")
        .first()
    )


def _void_of(event: StageEvent) -> StageEvent | None:
    known = getattr(event, "void", _UNKNOWN)  # set on timeline events (selectors.timeline)
    if known is not _UNKNOWN:
        return known
    return StageEvent.objects.filter(voids=event).first()


def _label(name: str) -> str:
    return str(Candidate._meta.get_field(name).verbose_name)


def _show(name: str, value) -> str:
    """A stored fact as the page shows it: dd/mm/yyyy, the choice's label, a unit's name."""
    if value in (None, ""):
        return "—"
    field = Candidate._meta.get_field(name)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related else str(value)
    if isinstance(value, bool):
        return "có" if value else "không"
    if field.get_internal_type() == "DateField":
        return d(datetime.date.fromisoformat(value))
    return str(value)


def _not_voidable(event: StageEvent) -> str:
    what = f"Bước “{event.action}”"
    if event.kind == EventKind.CREATE:
        return f"{what} không hủy được: nếu người này được thêm nhầm, hãy “Đưa ra khỏi danh sách”."
    if event.imported:
        return f"{what} được nhập từ tệp, không hủy được ở đây: hãy ghi đính chính."
    if event.data.get("merge"):
        return f"{what} do sáp nhập đơn vị, không hủy được ở đây."
    return f"{what} không hủy được (ghi trước khi có chức năng hủy hoặc không thay đổi hồ sơ): hãy ghi đính chính."


def void_problems(candidate: Candidate, event: StageEvent, actor=None, *, latest=_UNKNOWN) -> list[str]:
    """Why this step may not be voided now (empty: it may). The right to record it is checked apart
    (a refusal of the role answers 403). `latest` may be passed by a page that already knows it."""
    if event.kind == EventKind.VOID:
        return ["Một lần hủy không hủy lại được: nếu cần, hãy ghi lại bước đó."]
    void = _void_of(event)
    if void is not None:
        return [f"Bước “{event.action}” đã được hủy ngày {d(timezone.localdate(void.entered_at))}."]
    if not event.undo:
        return [_not_voidable(event)]
    errors = []
    latest = latest_step(candidate) if latest is _UNKNOWN else latest
    if latest is not None and latest.pk != event.pk:
        errors.append(
            f"Chỉ hủy được bước ghi sau cùng: sau bước này đã ghi “{latest.action}” (ngày {d(latest.legal_date)}, "
            f"nhập lúc {timezone.localtime(latest.entered_at):%d/%m/%Y %H:%M}); hãy hủy bước đó trước."
        )
    deadline = void_deadline(event)
    if clock.today() > deadline:
        errors.append(
            f"Đã quá thời hạn hủy: chỉ hủy được trong {window_days()} ngày kể từ ngày nhập bước này "
            f"({d(timezone.localdate(event.entered_at))}), tức đến hết ngày {d(deadline)}; hãy ghi đính chính."
        )
    now = facts(candidate)
    for name, (_before, after) in event.undo.get("fields", {}).items():
        if name in now and now[name] != after:
            errors.append(
                f"“{_label(name).capitalize()}” đã thay đổi sau bước này (nay là {_show(name, now[name])}): "
                "không hủy tự động được; hãy ghi đính chính."
            )
    errors += _cell_problems(event, actor)
    return errors


def _cell_problems(event: StageEvent, actor) -> list[str]:
    """Voiding a transfer brings the person back to the earlier cell: it must still be open, and the
    user must be allowed to record there too."""
    change = event.undo.get("fields", {}).get("cell")
    if not change:
        return []
    old = PartyUnit.objects.filter(pk=change[0]).first()
    if old is None or old.valid_to is not None:
        return [f"Chi bộ trước khi chuyển ({old.name if old else change[0]}) đã hết hiệu lực: không hủy được."]
    if actor is not None and not (in_scope(actor, old) and _has_right(actor, void_rights(event), old)):
        return [f"“{old.name}” nằm ngoài phạm vi quản lý của bạn: không hủy được việc chuyển chi bộ này."]
    return []


def voidable_step(candidate: Candidate, events: list[StageEvent], actor) -> StageEvent | None:
    """The step this user may void now on the candidate's page, from its timeline (no query but a
    transfer's earlier cell): the latest standing step, if the user may record it and nothing refuses."""
    own = [e for e in events if e.candidate_id == candidate.pk and e.kind != EventKind.VOID and e.void is None]
    latest = max(own, key=lambda e: e.pk, default=None)
    if latest is None or not _has_right(actor, void_rights(latest), candidate.cell):
        return None
    return None if void_problems(candidate, latest, actor, latest=latest) else latest


def void_preview(event: StageEvent) -> list[dict]:
    """What the void puts back, field by field: the value the step wrote and the value before it."""
    return [
        {"label": _label(name).capitalize(), "now": _show(name, after), "back": _show(name, before)}
        for name, (before, after) in event.undo.get("fields", {}).items()
    ]


@transaction.atomic
def event_void(*, actor, event: StageEvent, reason: str, expected_version: int | None = None) -> Result:
    """Cancel the latest step standing: a void event (who, when, why) and the candidate back as before."""
    candidate = _lock(event.candidate, actor, void_rights(event), expected_version, must_be_open=False)
    event = StageEvent.objects.select_related("entered_by").get(pk=event.pk)
    errors = [] if clean_text(reason) else ["Hãy ghi lý do hủy bước này."]
    errors += void_problems(candidate, event, actor)
    _raise(errors)
    from_stage = candidate.stage
    fields = event.undo.get("fields", {})
    for name, (before, _after) in fields.items():
        field = Candidate._meta.get_field(name)
        setattr(candidate, field.attname, field.to_python(before))
    _restore_rows(candidate, event.undo, actor)
    # The field history (django-simple-history) says why these fields changed back.
    candidate._change_reason = f"Hủy bước: {event.action}"[:100]
    _save(candidate, actor)
    void = write_event(
        candidate,
        kind=EventKind.VOID,
        action=f"Hủy bước: {event.action}"[:255],
        from_stage=from_stage,
        to_stage=candidate.stage,
        legal_date=clock.today(),
        actor=actor,
        note=reason,
        data={"fields": sorted(fields)},
        voids=event,
    )
    return Result(candidate, void)


def _restore_rows(candidate: Candidate, undo: dict, actor) -> None:
    """The rows beside the candidate that the step changed: the class place, the introducers, an exception."""
    user = actor if getattr(actor, "pk", None) else None
    if "enrollment" in undo:
        place = undo["enrollment"]
        enrollment = Enrollment.objects.filter(training_class_id=place["class"], candidate=candidate).first()
        if enrollment is not None:
            enrollment._history_user = user
            if place["before"] is None:
                enrollment.delete()  # the step enrolled the person: the place goes (its history stays)
            else:
                for name, value in place["before"].items():
                    field = Enrollment._meta.get_field(name)
                    setattr(enrollment, name, field.to_python(value))
                enrollment.save()
    if "introducers" in undo:
        for row in candidate.introducers.all():
            row._history_user = user
            row.delete()
        for state in undo["introducers"]:
            row = Introducer(candidate=candidate)
            for attname, value in state.items():
                field = next(f for f in Introducer._meta.concrete_fields if f.attname == attname)
                setattr(row, attname, field.to_python(value))
            row._history_user = user
            row.save()
    if "exception" in undo:
        for record in AdmissionException.objects.filter(pk=undo["exception"], candidate=candidate):
            record._history_user = user
            record.delete()
