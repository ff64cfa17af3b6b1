"""The writes of the documents room, each scope- and role-checked in a transaction: the meeting
facts a resolution prints, and an office's own Word template."""

import datetime

from django.db import transaction

from units.models import PartyUnit
from units.scope import Action, require

from ..models import MeetingFacts, PaperFacts, UnitTemplate
from . import facts as F
from .base import DocumentError
from .kinds import get_kind
from .word import check_upload


@transaction.atomic
def meeting_facts_save(*, user, cell: PartyUnit, kind: str, date: datetime.date, data: dict) -> MeetingFacts:
    require(user, Action.EDIT_CANDIDATES, cell)
    errors = []
    if data["members_official"] + data["members_probationary"] != data["members_total"]:
        errors.append("Tổng số đảng viên phải bằng số chính thức cộng số dự bị.")
    if data["present_official"] > data["members_official"]:
        errors.append("Số đảng viên chính thức có mặt không được lớn hơn số đảng viên chính thức.")
    if data["present_probationary"] > data["members_probationary"]:
        errors.append("Số đảng viên dự bị có mặt không được lớn hơn số đảng viên dự bị.")
    absent = data["members_total"] - data["present_official"] - data["present_probationary"]
    if absent > 0 and not data.get("absent_reason"):
        errors.append("Có người vắng mặt: hãy ghi lý do vắng mặt.")
    if errors:
        raise DocumentError(" ".join(errors))
    facts, _created = MeetingFacts.objects.update_or_create(
        unit=cell, kind=kind, date=date, defaults={**data, "updated_by": user}
    )
    return facts


@transaction.atomic
def template_upload(*, user, unit: PartyUnit, slug: str, file_name: str, content: bytes) -> UnitTemplate:
    kind = get_kind(slug)
    require(user, kind.right, unit)
    if kind.right == Action.VIEW:
        require(user, Action.EDIT_CANDIDATES, unit)
    check_upload(slug, content)
    row, _created = UnitTemplate.objects.update_or_create(
        unit=unit, document_kind=slug, defaults={"file_name": file_name[:255], "content": content, "uploaded_by": user}
    )
    return row


@transaction.atomic
def template_delete(*, user, row: UnitTemplate) -> None:
    require(user, get_kind(row.document_kind).right, row.unit)
    row.delete()


@transaction.atomic
def paper_facts_save(*, user, candidate, slug: str, values: dict) -> PaperFacts:
    """The facts of one paper of one person (facts.py says which); every value replaces the stored one."""
    kind = get_kind(slug)
    require(user, kind.right, candidate.cell)
    if slug not in F.FACTS:
        raise DocumentError("Văn bản này không cần thông tin bổ sung.")
    data = {f.name: F.to_json(f, values.get(f.name)) for f in F.FACTS[slug]}
    row, _created = PaperFacts.objects.update_or_create(
        candidate=candidate, kind=slug, defaults={"data": data, "updated_by": user}
    )
    return row
