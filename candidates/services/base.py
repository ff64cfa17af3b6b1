"""The shared parts of every candidate action: the refusal (RuleViolation), the result, the
next actions offered, scope and version checks, and writing the stage event."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from units.models import PartyUnit
from units.scope import Action, can, in_scope
from vietnamese.text import clean_text

from .. import clock, rules
from ..models import (
    Candidate,
    EventKind,
    ExitReason,
    Stage,
    StageEvent,
    TrainingClass,
)

# Exits after an admission that may lead to a re-admission (a new admission record).
READMISSION_EXITS = (ExitReason.STRUCK_OFF, ExitReason.LEFT_VOLUNTARILY, ExitReason.ASKED_TO_LEAVE)


class RuleViolation(ValidationError):
    """A refused action; `.messages` lists every unmet condition."""


@dataclass
class Result:
    candidate: Candidate
    event: StageEvent | None = None
    warnings: list[str] = field(default_factory=list)


def d(day: datetime.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


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
    "introducers": {
        "label": "Ghi người giới thiệu vào Đảng",
        "stages": [Stage.SYMPATHIZER, Stage.TRAINED],
        "right": Action.EDIT_CANDIDATES,
    },
    "exception": {
        "label": "Ghi trường hợp ngoại lệ (tuổi, học vấn, tôn giáo)",
        "stages": [Stage.SOURCE, Stage.SYMPATHIZER, Stage.TRAINED, Stage.PROPOSED],
        "right": Action.EDIT_CANDIDATES,
    },
    "cell_resolution": {"label": "Ghi nghị quyết chi bộ", "stages": [Stage.TRAINED], "right": Action.EDIT_CANDIDATES},
    "appraisal": {
        "label": "Ghi báo cáo thẩm định của đảng ủy bộ phận",
        "stages": [Stage.PROPOSED],
        "right": Action.COMMITTEE_DECISIONS,
    },
    "committee_resolution": {
        "label": "Ghi nghị quyết đảng ủy",
        "stages": [Stage.PROPOSED],
        "right": Action.COMMITTEE_DECISIONS,
    },
    "extension": {
        "label": "Gia hạn thời hạn quyết định kết nạp",
        "stages": [Stage.PROPOSED],
        "right": Action.COMMITTEE_DECISIONS,
        "when": lambda c: not c.decision_extension_days,
    },
    "decision": {"label": "Ghi quyết định kết nạp", "stages": [Stage.PROPOSED], "right": Action.COMMITTEE_DECISIONS},
    "received": {
        "label": "Ghi ngày chi bộ nhận quyết định",
        "stages": [Stage.DECIDED],
        "right": Action.EDIT_CANDIDATES,
    },
    "ceremony": {"label": "Ghi lễ kết nạp", "stages": [Stage.DECIDED], "right": Action.EDIT_CANDIDATES},
    "recognition_resolution": {
        "label": "Ghi nghị quyết chi bộ đề nghị công nhận chính thức",
        "stages": [Stage.PROBATIONARY],
        "right": Action.EDIT_CANDIDATES,
        "when": lambda c: not c.recognition_resolution_date,
    },
    "recognition_failed": {
        "label": "Ghi biểu quyết công nhận không đạt",
        "stages": [Stage.PROBATIONARY],
        "right": Action.EDIT_CANDIDATES,
        "when": lambda c: not c.recognition_resolution_date,
    },
    "recognition": {
        "label": "Ghi quyết định công nhận đảng viên chính thức",
        "stages": [Stage.PROBATIONARY],
        "right": Action.COMMITTEE_DECISIONS,
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
    from .path import admission_path, applicable

    if not candidate.is_open:
        if not _has_right(actor, Action.EDIT_CANDIDATES, candidate.cell):
            return []
        if candidate.exit_reason in READMISSION_EXITS:
            return [] if candidate.readmissions.exists() else [("readmit", "Kết nạp lại (hồ sơ mới)")]
        return [("reopen", "Khôi phục vào danh sách")]
    path = admission_path(candidate.cell) if candidate.stage == Stage.PROPOSED else None
    return [
        (key, spec["label"])
        for key, spec in ACTIONS.items()
        if candidate.stage in spec["stages"]
        and spec.get("when", lambda c: True)(candidate)
        and _has_right(actor, spec["right"], candidate.cell)
        and (path is None or applicable(candidate, key, path))
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
    _remember_facts(locked, right)
    if must_be_open and not locked.is_open:
        reason = locked.get_exit_reason_display() or "đã ra khỏi danh sách"
        raise RuleViolation(
            f"{locked.full_name} đã ra khỏi danh sách ngày {d(locked.exit_date)} ({reason}); hãy khôi phục trước."
        )
    return locked


# Fields a void never puts back: the row's identity, bookkeeping, keys derived from the name on save.
UNDO_SKIPPED = set("id version created_at updated_at search_name sort_key family_name middle_name given_name".split())


def facts(candidate: Candidate) -> dict:
    """The candidate's facts as JSON values (a foreign key as its id): what a void compares and restores."""
    return {
        f.name: _json_value(f.value_from_object(candidate))
        for f in Candidate._meta.concrete_fields
        if f.name not in UNDO_SKIPPED
    }


def _json_value(value):
    return value.isoformat() if isinstance(value, datetime.date) else value


def _remember_facts(candidate: Candidate, right) -> None:
    """Kept on the locked row until the step's event is written: what the step changes, and who may
    record (so void) it."""
    candidate._facts_before = facts(candidate)
    candidate._version_before = candidate.version
    candidate._void_rights = list(right if isinstance(right, tuple) else (right,))


def _undo(candidate: Candidate, extra: dict | None) -> dict:
    """What a void of the step being written puts back; empty (not voidable) when the step did not go
    through a lock and a save of the row."""
    before = getattr(candidate, "_facts_before", None)
    if before is None or candidate.version == candidate._version_before:
        return {}
    after = facts(candidate)
    changed = {k: [before[k], v] for k, v in after.items() if before.get(k) != v}
    candidate._facts_before, candidate._version_before = after, candidate.version
    return {"fields": changed, "rights": candidate._void_rights} | (extra or {})


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
    if day > clock.today():
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
    undo: dict | None = None,
    voids: StageEvent | None = None,
) -> StageEvent:
    """`undo`: what a void of this step must put back besides the candidate's own fields (rows of other
    tables); the fields are taken from the locked row (see _lock)."""
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
        voids=voids,
        undo={} if voids is not None else _undo(candidate, undo),
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


def _transition(
    candidate, actor, *, to_stage, action, legal_date, document_number="", note="", data=None, kind=None, undo=None
):
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
        undo=undo,
    )
