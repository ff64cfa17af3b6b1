"""Context builders for the documents about people: pure queries over the record, scoped by the caller.
Each returns a Prepared document, or raises DocumentIncomplete listing every missing fact."""

import datetime

from django.urls import reverse

from candidates.models import Candidate, Stage, TrainingResult
from candidates.rules import add_months, rules_for
from units.models import PartyUnit, UnitKind

from ..models import MeetingFacts
from .base import DocumentIncomplete, Missing, Prepared, chain_of, common_context, date_text, percent_text
from .base import workplace_phrase as _workplace_phrase
from .issuers import committee_name, date_line, issuer_for

RESULT_LABELS = dict(TrainingResult.choices)
REFORM_DAY = datetime.date(2025, 7, 1)


def _detail(c: Candidate, anchor: str = "actions") -> str:
    return reverse("candidates-detail", args=[c.pk]) + f"#{anchor}"


def _edit(c: Candidate) -> str:
    return reverse("candidates-edit", args=[c.pk])


def person(c: Candidate) -> dict:
    return {
        "full_name": c.full_name,
        "birth_date": date_text(c.birth_date),
        "workplace": c.workplace or c.residence,
        "workplace_phrase": _workplace_phrase(c),
        "cell_name": committee_name(c.cell),
        "mentor_name": c.mentor_name,
    }


def _require(missing: list, c: Candidate, checks: list[tuple[object, str, str]], many: bool) -> None:
    for value, label, url in checks:
        if value in (None, ""):
            missing.append(Missing(label, url, c.full_name if many else ""))


def _superior(cell: PartyUnit, chain: list[PartyUnit]) -> PartyUnit | None:
    return chain[-1] if chain else None


def decider_unit(cell: PartyUnit, chain: list[PartyUnit], day: datetime.date) -> PartyUnit:
    """The competent body for admission decisions: the commune-level or bloc committee above the
    grassroots unit since 01/07/2025, the district committee before (DOMAIN.md); else the top unit."""
    above = [u for u in chain if u.kind not in (UnitKind.CELL, UnitKind.PARTIAL, UnitKind.GRASSROOTS)]
    if day < REFORM_DAY:
        for u in reversed(above):
            if u.kind == UnitKind.DISTRICT:
                return u
    for u in reversed(above):
        if u.kind in (UnitKind.COMMUNE, UnitKind.BLOC, UnitKind.DISTRICT, UnitKind.PROVINCE):
            return u
    return chain[0] if chain else cell


def grassroots_unit(cell: PartyUnit, chain: list[PartyUnit]) -> PartyUnit | None:
    """The grassroots committee whose resolution (8-KNĐ) follows the cell's; None for a grassroots cell."""
    if cell.kind == UnitKind.GRASSROOTS_CELL:
        return None
    for u in reversed(chain):
        if u.kind == UnitKind.GRASSROOTS:
            return u
    return None


def _recipients(*names: str) -> list[str]:
    return [*(n for n in names if n), "Lưu hồ sơ."]


# ---- Meetings of a cell: one document for several people -------------------------------------


def meeting_people(c: Candidate, date_field: str, scoped_qs) -> list[Candidate]:
    """The people of the same cell meeting (same cell, same date), in the list order."""
    day = getattr(c, date_field)
    if day is None:
        return [c]
    people = list(scoped_qs.filter(cell=c.cell, **{date_field: day}).order_by("sort_key", "birth_date", "id"))
    return _same_cell(people, c)


def _same_cell(people: list[Candidate], c: Candidate) -> list[Candidate]:
    """People of c's cell share c's cell object (no query per person for its name)."""
    for p in people:
        p.cell = c.cell
    return people


def build_sympathizer_list(kind, c: Candidate, scoped_qs) -> Prepared:
    people = meeting_people(c, "sympathizer_date", scoped_qs)
    many = len(people) > 1
    missing: list[Missing] = []
    for p in people:
        _require(
            missing,
            p,
            [
                (p.sympathizer_date, "ngày vào danh sách cảm tình Đảng", _detail(p)),
                (p.mentor_name, "đảng viên được phân công giúp đỡ", _detail(p)),
            ],
            many,
        )
    if missing:
        raise DocumentIncomplete(kind.label, missing)
    chain = chain_of(c.cell)
    issuer = issuer_for(c.cell, chain)
    superior = _superior(c.cell, chain)
    day = c.sympathizer_date
    ctx = common_context(kind, issuer, day, recipients=_recipients(committee_name(superior) if superior else ""))
    ctx.update(
        meeting_date=date_line(day).removeprefix("ngày "),
        cell_name=committee_name(c.cell),
        superior_name=committee_name(superior) if superior else "cấp ủy cấp trên",
        people_count=len(people),
        people=[person(p) for p in people],
    )
    return Prepared(
        kind,
        issuer,
        day,
        f"meeting:{c.cell_id}:{day.isoformat()}",
        f"Cảm tình Đảng ngày {day:%d/%m/%Y}: " + ", ".join(p.full_name for p in people),
        c.cell,
        ctx,
        candidates=people,
        filename=f"nghi-quyet-cam-tinh-dang-{day:%Y%m%d}",
    )


def _attendance(kind_value: str, cell: PartyUnit, day, missing: list, required: bool) -> dict:
    facts = MeetingFacts.objects.filter(unit=cell, kind=kind_value, date=day).first() if day else None
    if facts is None:
        if required and day:
            url = reverse("documents-meeting", args=[cell.pk, kind_value, day.isoformat()])
            missing.append(
                Missing(
                    "thành phần dự họp (tổng số, chính thức, dự bị, có mặt, vắng mặt và lý do, "
                    "người chủ trì) của cuộc họp chi bộ",
                    url,
                )
            )
        return {"present_total": 0}
    reason = f" (lý do: {facts.absent_reason})" if facts.absent_reason and facts.absent else ""
    return {
        "members_total": facts.members_total,
        "members_official": facts.members_official,
        "members_probationary": facts.members_probationary,
        "present_total": facts.present_total,
        "present_official": facts.present_official,
        "present_probationary": facts.present_probationary,
        "absent": facts.absent,
        "absent_reason_phrase": reason,
        "chair": facts.chair,
        "chair_post": facts.chair_post,
        "_present_official": facts.present_official,
    }


def _people_phrase(people: list[Candidate]) -> str:
    if len(people) == 1:
        return f"quần chúng {people[0].full_name}"
    return f"{len(people)} quần chúng có tên trên"


def build_cell_resolution(kind, c: Candidate, scoped_qs) -> Prepared:
    people = meeting_people(c, "cell_resolution_date", scoped_qs)
    many = len(people) > 1
    missing: list[Missing] = []
    for p in people:
        _require(
            missing,
            p,
            [
                (p.cell_resolution_date, "ngày nghị quyết chi bộ đề nghị kết nạp", _detail(p)),
                (p.cell_votes_for, "số đảng viên chính thức tán thành", _detail(p)),
                (p.cell_official_members, "tổng số đảng viên chính thức của chi bộ", _detail(p)),
            ],
            many,
        )
    att = _attendance(MeetingFacts.Kind.ADMISSION, c.cell, c.cell_resolution_date, missing, required=True)
    if missing:
        raise DocumentIncomplete(kind.label, missing)
    chain = chain_of(c.cell)
    issuer = issuer_for(c.cell, chain)
    superior = _superior(c.cell, chain)
    day = c.cell_resolution_date
    present_official = att.pop("_present_official")
    rows = []
    for p in people:
        row = person(p)
        row.update(
            votes_for=p.cell_votes_for,
            official_members=p.cell_official_members,
            percent=percent_text(p.cell_votes_for, p.cell_official_members),
            # Present official members vote for or against (no abstention in a party vote).
            votes_against=max(present_official - p.cell_votes_for, 0),
        )
        rows.append(row)
    ctx = common_context(kind, issuer, day, recipients=_recipients(committee_name(superior) if superior else ""))
    ctx.update(att)
    ctx.update(
        meeting_date=date_line(day).removeprefix("ngày "),
        cell_name=committee_name(c.cell),
        superior_name=committee_name(superior) if superior else "cấp ủy cấp trên",
        people_count=len(people),
        people=rows,
        people_phrase=_people_phrase(people),
    )
    recorded = c.cell_resolution_number if len({p.cell_resolution_number for p in people}) == 1 else ""
    return Prepared(
        kind,
        issuer,
        day,
        f"meeting:{c.cell_id}:{day.isoformat()}",
        "Đề nghị kết nạp: " + ", ".join(p.full_name for p in people),
        c.cell,
        ctx,
        candidates=people,
        recorded_number=recorded,
        filename=f"6-KND-{day:%Y%m%d}",
    )


def build_committee_resolution(kind, c: Candidate, scoped_qs) -> Prepared:
    chain = chain_of(c.cell)
    committee = grassroots_unit(c.cell, chain)
    if committee is None:
        from .base import DocumentError

        raise DocumentError(f"{committee_name(c.cell)} là chi bộ cơ sở: không có nghị quyết của đảng ủy cơ sở (8-KNĐ).")
    people = [c]
    if c.committee_resolution_number:
        people = _same_cell(
            list(
                scoped_qs.filter(
                    cell=c.cell,
                    committee_resolution_number=c.committee_resolution_number,
                    committee_resolution_date=c.committee_resolution_date,
                ).order_by("sort_key", "id")
            ),
            c,
        )
    missing: list[Missing] = []
    _require(
        missing,
        c,
        [
            (c.committee_resolution_date, "ngày nghị quyết đảng ủy cơ sở", _detail(c)),
            (c.committee_votes_for, "số cấp ủy viên tán thành", _detail(c)),
            (c.committee_members, "tổng số cấp ủy viên", _detail(c)),
            (c.cell_resolution_date, "ngày nghị quyết chi bộ", _detail(c)),
            (c.cell_resolution_number, "số nghị quyết chi bộ", _detail(c)),
        ],
        False,
    )
    if missing:
        raise DocumentIncomplete(kind.label, missing)
    chain_c = chain[: chain.index(committee)] if committee in chain else chain
    issuer = issuer_for(committee, chain_c)
    day = c.committee_resolution_date
    decider = decider_unit(c.cell, chain, day)
    decider_name = f"Ban Thường vụ {committee_name(decider)}"
    ctx = common_context(kind, issuer, day, recipients=_recipients(decider_name, committee_name(c.cell)))
    ctx.update(
        meeting_date=date_line(day).removeprefix("ngày "),
        cell_name=committee_name(c.cell),
        cell_resolution_number=c.cell_resolution_number,
        cell_resolution_date=date_text(c.cell_resolution_date),
        people=[person(p) for p in people],
        people_phrase=_people_phrase(people),
        votes_for=c.committee_votes_for,
        members=c.committee_members,
        percent=percent_text(c.committee_votes_for, c.committee_members),
        votes_against=c.committee_members - c.committee_votes_for,
        decider_name=decider_name,
    )
    key = f"committee:{committee.pk}:{c.committee_resolution_number or c.pk}:{day.isoformat()}"
    return Prepared(
        kind,
        issuer,
        day,
        key,
        "Đảng ủy đề nghị kết nạp: " + ", ".join(p.full_name for p in people),
        c.cell,
        ctx,
        candidates=people,
        recorded_number=c.committee_resolution_number,
        filename=f"8-KND-{day:%Y%m%d}",
    )


def _single(c: Candidate) -> dict:
    p = person(c)
    return {k: v for k, v in p.items()}


def _official_date(c: Candidate) -> datetime.date:
    return add_months(c.ceremony_date, rules_for(c.ceremony_date).probation_months)


def build_recognition_resolution(kind, c: Candidate, scoped_qs) -> Prepared:
    missing: list[Missing] = []
    _require(
        missing,
        c,
        [
            (c.recognition_resolution_date, "ngày nghị quyết chi bộ đề nghị công nhận chính thức", _detail(c)),
            (c.recognition_votes_for, "số đảng viên chính thức tán thành (công nhận)", _detail(c)),
            (c.recognition_official_members, "tổng số đảng viên chính thức (công nhận)", _detail(c)),
            (c.decision_number, "số quyết định kết nạp", _detail(c)),
            (c.decision_date, "ngày quyết định kết nạp", _detail(c)),
            (c.ceremony_date, "ngày lễ kết nạp", _detail(c)),
        ],
        False,
    )
    day = c.recognition_resolution_date
    att = _attendance(MeetingFacts.Kind.RECOGNITION, c.cell, day, missing, required=False)
    if missing:
        raise DocumentIncomplete(kind.label, missing)
    present_official = att.pop("_present_official", None)
    chain = chain_of(c.cell)
    issuer = issuer_for(c.cell, chain)
    superior = _superior(c.cell, chain)
    against = (
        present_official if present_official is not None else c.recognition_official_members
    ) - c.recognition_votes_for
    ctx = common_context(kind, issuer, day, recipients=_recipients(committee_name(superior) if superior else ""))
    ctx.update(att)
    ctx.update(_single(c))
    ctx.update(
        meeting_date=date_line(day).removeprefix("ngày "),
        decision_number=c.decision_number,
        decision_date=date_text(c.decision_date),
        ceremony_date=date_text(c.ceremony_date),
        votes_for=c.recognition_votes_for,
        official_members=c.recognition_official_members,
        percent=percent_text(c.recognition_votes_for, c.recognition_official_members),
        votes_against=max(against, 0),
        superior_name=committee_name(superior) if superior else "cấp ủy cấp trên",
        official_date=date_text(_official_date(c)),
    )
    return Prepared(
        kind,
        issuer,
        day,
        f"candidate:{c.pk}",
        f"Đề nghị công nhận chính thức {c.full_name}",
        c.cell,
        ctx,
        candidates=[c],
        recorded_number=c.recognition_resolution_number,
        filename=f"13-KND-{c.pk}",
    )


STAGE_OF_KIND = {
    "sympathizer-list": Stage.SYMPATHIZER,
    "cell-resolution": Stage.PROPOSED,
    "committee-resolution": Stage.PROPOSED,
    "decision": Stage.DECIDED,
    "recognition-resolution": Stage.OFFICIAL,
    "recognition-decision": Stage.OFFICIAL,
}
