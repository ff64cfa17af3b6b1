"""Who introduces a candidate (Điều lệ Đảng, Điều 4.1–4.2), the introducers as records, and the
other checks of the cell's admission meeting that depend on the unit: routes, stale papers, cell size."""

import datetime
from dataclasses import dataclass

from django.db import transaction

from units.models import GRASSROOTS_KINDS, PartyUnit, Sector
from units.scope import Action
from vietnamese.text import clean_text, fold

from .. import clock, rules
from ..models import Candidate, Introducer, IntroductionRoute, Stage
from .base import Result, _check_date, _json_value, _lock, _raise, _require_stage, _transition, d

ROUTE_LABELS = dict(IntroductionRoute.choices)
# Agencies and enterprises: where a union member without a Đoàn is introduced by the union committee.
AGENCY_OR_ENTERPRISE = (Sector.AGENCY, Sector.SCHOOL, Sector.STATE_ENTERPRISE, Sector.PRIVATE_ENTERPRISE)


@dataclass(frozen=True)
class UnitFacts:
    """What the cell and its grassroots committee recorded about their mass organizations."""

    has_youth_union: bool | None
    has_trade_union: bool | None
    sector: str


def unit_facts(cell: PartyUnit) -> UnitFacts:
    """The nearest recorded value, from the cell up to its grassroots committee."""
    chain = [cell]
    if cell.kind not in GRASSROOTS_KINDS:
        ancestors = {u.path: u for u in PartyUnit.objects.filter(path__in=cell.ancestor_paths())}
        for path in reversed(cell.ancestor_paths()):
            unit = ancestors.get(path)
            if unit is None:
                continue
            chain.append(unit)
            if unit.kind in GRASSROOTS_KINDS:
                break

    def first(attr, unset):
        return next((getattr(u, attr) for u in chain if getattr(u, attr) != unset), unset)

    return UnitFacts(first("has_youth_union", None), first("has_trade_union", None), first("sector", Sector.OTHER))


def open_routes(candidate: Candidate, meeting: datetime.date, facts: UnitFacts | None = None):
    """(routes open to this candidate, errors, warnings) on the meeting date (Điều lệ Điều 4.1)."""
    facts = facts or unit_facts(candidate.cell)
    r = rules.rules_for(meeting)
    cite = rules.cite("routes")
    errors, warnings = [], []
    youth = rules.youth_age(candidate.birth_date, meeting)
    agency = facts.sector in AGENCY_OR_ENTERPRISE
    if youth and facts.has_youth_union:
        if not candidate.youth_union_member:
            errors.append(
                f"Người vào Đảng trong độ tuổi thanh niên (đến {r.youth_union_max_age} tuổi) ở nơi có tổ chức Đoàn "
                f"phải là đoàn viên {cite}."
            )
        return {IntroductionRoute.YOUTH_UNION}, errors, warnings
    if youth and facts.has_youth_union is None:
        warnings.append(
            "Chưa ghi đơn vị có tổ chức Đoàn hay không: nếu có, người trong độ tuổi thanh niên phải là đoàn viên "
            f"và do Ban Chấp hành Đoàn cơ sở giới thiệu cùng 1 đảng viên {cite}."
        )
        routes = {IntroductionRoute.TWO_MEMBERS}
        if candidate.youth_union_member:
            routes.add(IntroductionRoute.YOUTH_UNION)
        return routes, errors, warnings
    if agency and facts.has_youth_union is False and facts.has_trade_union:
        if not candidate.trade_union_member:
            errors.append(
                "Ở cơ quan, doanh nghiệp không có tổ chức Đoàn, người vào Đảng phải là công đoàn viên "
                f"và do Ban Chấp hành Công đoàn cơ sở giới thiệu {cite}."
            )
        return {IntroductionRoute.TRADE_UNION}, errors, warnings
    if agency and facts.has_youth_union is False and facts.has_trade_union is None:
        warnings.append(
            "Chưa ghi cơ quan, doanh nghiệp có tổ chức Công đoàn hay không: nếu có, người vào Đảng phải là "
            f"công đoàn viên do Ban Chấp hành Công đoàn cơ sở giới thiệu {cite}."
        )
        routes = {IntroductionRoute.TWO_MEMBERS}
        if candidate.trade_union_member:
            routes.add(IntroductionRoute.TRADE_UNION)
        return routes, errors, warnings
    return {IntroductionRoute.TWO_MEMBERS}, errors, warnings


def _member_official_date(intro: Introducer) -> datetime.date | None:
    """The official date: the linked person's when the app knows them, else the recorded one."""
    member = intro.member
    if member is not None and member.stage == Stage.OFFICIAL and member.ceremony_date:
        return rules.probation_end(member.ceremony_date)
    return intro.official_date


def introducer_problems(
    candidate: Candidate, meeting: datetime.date, introducers: list[Introducer] | None = None
) -> tuple[list[str], list[str]]:
    """(errors, warnings) about the introduction at the cell's meeting."""
    if introducers is None:
        introducers = list(candidate.introducers.select_related("member"))
    errors, warnings = [], []
    r = rules.rules_for(meeting)
    cite = rules.cite("introducers")
    routes, route_errors, route_warnings = open_routes(candidate, meeting)
    errors += route_errors
    warnings += route_warnings
    route = candidate.introduction_route or (
        IntroductionRoute.TWO_MEMBERS if len(introducers) >= 2 or len(routes) > 1 else next(iter(routes))
    )
    if route not in routes:
        wanted = " hoặc ".join(f"“{ROUTE_LABELS[x]}”" for x in sorted(routes))
        errors.append(
            f"Hình thức giới thiệu “{ROUTE_LABELS[route]}” không áp dụng cho người này; cần {wanted} "
            f"{rules.cite('routes')}."
        )
    needed = 2 if route == IntroductionRoute.TWO_MEMBERS else 1
    if route != IntroductionRoute.TWO_MEMBERS:
        body = "Đoàn" if route == IntroductionRoute.YOUTH_UNION else "Công đoàn"
        if not (candidate.union_resolution_number and candidate.union_resolution_date):
            errors.append(f"Chưa có nghị quyết giới thiệu của Ban Chấp hành {body} cơ sở (số, ngày) {cite}.")
        elif candidate.union_resolution_date > meeting:
            errors.append(
                f"Nghị quyết giới thiệu của {body} ({d(candidate.union_resolution_date)}) sau ngày họp chi bộ."
            )
        elif rules.add_months(candidate.union_resolution_date, r.papers_valid_months) < meeting:
            (errors if rules.stale_papers_block() else warnings).append(
                f"Nghị quyết giới thiệu của {body} ngày {d(candidate.union_resolution_date)} đã quá "
                f"{r.papers_valid_months} tháng vào ngày họp chi bộ {d(meeting)}: cần làm lại {rules.cite('papers')}."
            )
    if len(introducers) < needed:
        errors.append(f"Thiếu người giới thiệu: cần {needed} đảng viên chính thức, mới có {len(introducers)} {cite}.")
    elif len(introducers) > needed:
        errors.append(
            f"Hình thức “{ROUTE_LABELS[route]}” cần đúng {needed} đảng viên giới thiệu, đang ghi {len(introducers)}."
        )
    seen: dict[str, str] = {}
    candidate_key = fold(candidate.full_name)
    for intro in introducers:
        name = intro.full_name
        key = f"m{intro.member_id}" if intro.member_id else fold(name)
        if key in seen or fold(name) in seen.values():
            errors.append(f"“{name}” được ghi hai lần: cần hai đảng viên khác nhau {cite}.")
        seen[key] = fold(name)
        if intro.member_id == candidate.pk or fold(name) == candidate_key:
            errors.append(f"Người vào Đảng không thể tự giới thiệu mình (“{name}”) {cite}.")
        official = _member_official_date(intro)
        if official is None:
            errors.append(f"Chưa ghi ngày “{name}” trở thành đảng viên chính thức {cite}.")
        elif official > meeting:
            errors.append(
                f"“{name}” chưa là đảng viên chính thức vào ngày họp chi bộ {d(meeting)} "
                f"(chính thức từ {d(official)}); đảng viên dự bị không được giới thiệu {cite}."
            )
        if intro.member is not None and intro.member.stage != Stage.OFFICIAL:
            errors.append(
                f"“{name}” đang là {intro.member.get_stage_display().lower()}, chưa là đảng viên chính thức {cite}."
            )
        if not intro.is_replacement:
            if intro.together_since is None:
                errors.append(
                    f"Chưa ghi “{name}” cùng công tác, học tập, cư trú với người vào Đảng từ ngày nào {cite}."
                )
            else:
                enough = rules.add_months(intro.together_since, r.introducer_min_months)
                if enough > meeting:
                    errors.append(
                        f"“{name}” mới cùng công tác, học tập, cư trú với người vào Đảng từ {d(intro.together_since)}: "
                        f"chưa đủ {r.introducer_min_months} tháng vào ngày họp chi bộ {d(meeting)} "
                        f"(đủ từ {d(enough)}) {cite}."
                    )
        if intro.introduced_on:
            if intro.introduced_on > meeting:
                errors.append(f"Giấy giới thiệu của “{name}” ({d(intro.introduced_on)}) sau ngày họp chi bộ.")
            elif rules.add_months(intro.introduced_on, r.papers_valid_months) < meeting:
                (errors if rules.stale_papers_block() else warnings).append(
                    f"Giấy giới thiệu của “{name}” ngày {d(intro.introduced_on)} đã quá {r.papers_valid_months} tháng "
                    f"vào ngày họp chi bộ {d(meeting)}: cần làm lại {rules.cite('papers')}."
                )
    return errors, warnings


def stale_comment_warnings(candidate: Candidate, meeting: datetime.date) -> tuple[list[str], list[str]]:
    """The summary of comments (5-KNĐ) older than 12 months at the meeting must be redone."""
    r = rules.rules_for(meeting)
    found = []
    for label, day in (
        ("Nhận xét của đoàn thể", candidate.mass_org_comment_date),
        ("Nhận xét của chi ủy nơi cư trú", candidate.residence_comment_date),
    ):
        if day and day <= meeting and rules.add_months(day, r.papers_valid_months) < meeting:
            found.append(
                f"{label} ngày {d(day)} đã quá {r.papers_valid_months} tháng vào ngày họp chi bộ {d(meeting)}: "
                f"cần làm lại {rules.cite('papers')}."
            )
    return (found, []) if rules.stale_papers_block() else ([], found)


def cell_size_warnings(official_members: int | None, on: datetime.date) -> list[str]:
    minimum = rules.rules_for(on).cell_min_official_members
    if official_members is not None and 0 < official_members < minimum:
        return [
            f"Chi bộ chỉ có {official_members} đảng viên chính thức (ít hơn {minimum}): kiểm tra lại số liệu "
            f"hoặc tổ chức chi bộ {rules.cite('cell_size')}."
        ]
    return []


# ---- Recording the introduction ---------------------------------------------------------------


def _introducer_row_errors(index: int, row: dict, candidate: Candidate) -> list[str]:
    label = f"Người giới thiệu {index}"
    errors = []
    if not clean_text(row.get("full_name", "")):
        errors.append(f"{label}: chưa nhập họ và tên.")
    for key, what in (
        ("official_date", "ngày trở thành đảng viên chính thức"),
        ("together_since", "ngày bắt đầu cùng công tác"),
        ("introduced_on", "ngày giới thiệu"),
    ):
        day = row.get(key)
        if day is not None and day > clock.today():
            errors.append(f"{label}: {what} ({d(day)}) ở tương lai.")
    member = row.get("member")
    if member is not None and member.pk == candidate.pk:
        errors.append(f"{label}: người vào Đảng không thể tự giới thiệu mình {rules.cite('introducers')}.")
    return errors


@transaction.atomic
def candidate_record_introducers(
    *,
    actor,
    candidate: Candidate,
    route: str,
    introducers: list[dict],
    resolution_number: str = "",
    resolution_date: datetime.date | None = None,
    expected_version: int | None = None,
    note: str = "",
) -> Result:
    """Record who introduces the candidate (the route, the Đoàn/union resolution, the introducers).
    The whole set is replaced; the full check runs at the cell's meeting and on the checklist."""
    candidate = _lock(candidate, actor, Action.EDIT_CANDIDATES, expected_version)
    errors = _require_stage(candidate, [Stage.SYMPATHIZER, Stage.TRAINED], "ghi người giới thiệu")
    if route not in IntroductionRoute.values:
        errors.append("Chưa chọn hình thức giới thiệu.")
    rows = [row for row in introducers if any(v not in (None, "", False) for v in row.values())]
    for i, row in enumerate(rows, start=1):
        errors += _introducer_row_errors(i, row, candidate)
    if route in (IntroductionRoute.YOUTH_UNION, IntroductionRoute.TRADE_UNION):
        if not clean_text(resolution_number) or resolution_date is None:
            errors.append("Hình thức này cần số và ngày nghị quyết giới thiệu của Đoàn/Công đoàn.")
        else:
            errors += _check_date("ngày nghị quyết giới thiệu", resolution_date, candidate)
    _raise(errors)
    undo = {"introducers": [rows_state(x) for x in candidate.introducers.all()]}
    candidate.introducers.all().delete()
    saved = []
    for row in rows:
        member = row.get("member")
        saved.append(
            Introducer.objects.create(
                candidate=candidate,
                full_name=clean_text(row.get("full_name", "")) or (member.full_name if member else ""),
                member=member,
                same_unit=bool(row.get("same_unit", True)),
                official_date=row.get("official_date"),
                together_since=row.get("together_since"),
                introduced_on=row.get("introduced_on"),
                is_replacement=bool(row.get("is_replacement")),
            )
        )
    candidate.introduction_route = route
    if route == IntroductionRoute.TWO_MEMBERS:
        candidate.union_resolution_number, candidate.union_resolution_date = "", None
    else:
        candidate.union_resolution_number, candidate.union_resolution_date = (
            clean_text(resolution_number),
            resolution_date,
        )
    dates = [x.introduced_on for x in saved if x.introduced_on] + ([resolution_date] if resolution_date else [])
    event = _transition(
        candidate,
        actor,
        to_stage="",
        action="Ghi người giới thiệu vào Đảng",
        legal_date=max(dates) if dates else clock.today(),
        document_number=candidate.union_resolution_number,
        note=note,
        data={
            "route": route,
            "introducers": [x.full_name for x in saved],
            "replacement": [x.full_name for x in saved if x.is_replacement],
        },
        undo=undo,
    )
    return Result(candidate, event)


def rows_state(row) -> dict:
    """A row of a table beside the candidate as JSON (id and candidate left out), for a void to recreate."""
    return {
        f.attname: _json_value(f.value_from_object(row))
        for f in row._meta.concrete_fields
        if f.name not in ("id", "candidate")
    }
