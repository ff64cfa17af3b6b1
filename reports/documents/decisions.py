"""Context builders for the decisions of the competent body: admission (9-KNĐ), recognition as full
member, strike-off during probation. Pure queries; each refuses listing every missing fact."""

import datetime

from candidates.models import Candidate, EventKind, ExitReason, StageEvent
from candidates.rules import rules_for
from units.models import GRASSROOTS_KINDS, PartyUnit

from .base import DocumentError, DocumentIncomplete, Missing, Prepared, chain_of, common_context, date_text
from .issuers import committee_name, issuer_for
from .people import _detail, _official_date, _recipients, _require, _single, decider_unit, grassroots_unit


def _decision_issuer(c: Candidate, chain: list[PartyUnit], day: datetime.date, recorded: PartyUnit | None = None):
    """The body recorded on the decision (a unit of the tree), else the competent body read from the
    tree on that day. An authorized grassroots committee decides as a whole committee."""
    decider = recorded or decider_unit(c.cell, chain, day)
    body = "committee" if decider.kind in GRASSROOTS_KINDS else "standing"
    return decider, issuer_for(decider, chain_of(decider), body=body)


def _executors(c: Candidate, chain: list[PartyUnit]) -> str:
    committee = grassroots_unit(c.cell, chain)
    names = ["Văn phòng, Ban Tổ chức"]
    if committee is not None:
        names.append(committee_name(committee))
    names.append(committee_name(c.cell))
    return ", ".join(names)


def _resolution(number: str, day) -> str:
    """ "Nghị quyết số 07-NQ/CB ngày 05/03/2024", or without the number when an imported record lacks it."""
    return f"Nghị quyết số {number} ngày {date_text(day)}" if number else f"Nghị quyết ngày {date_text(day)}"


def build_decision(kind, c: Candidate, scoped_qs) -> Prepared:
    missing: list[Missing] = []
    _require(
        missing,
        c,
        [
            (c.decision_date, "ngày quyết định kết nạp", _detail(c)),
            (c.cell_resolution_date, "ngày nghị quyết chi bộ đề nghị kết nạp", _detail(c)),
        ],
        False,
    )
    if missing:
        raise DocumentIncomplete(kind.label, missing)
    chain = chain_of(c.cell)
    day = c.decision_date
    decider, issuer = _decision_issuer(c, chain, day, c.decision_issuer_unit)
    committee = grassroots_unit(c.cell, chain)
    rules = rules_for(day)
    committee_phrase = ""
    if committee is not None and c.committee_resolution_number:
        committee_phrase = (
            f" và của {committee_name(committee)} (Nghị quyết số {c.committee_resolution_number} "
            f"ngày {date_text(c.committee_resolution_date)})"
        )
    ctx = common_context(
        kind,
        issuer,
        day,
        recipients=_recipients(committee_name(committee) if committee else "", committee_name(c.cell), "Như Điều 3"),
    )
    ctx.update(_single(c))
    ctx.update(
        decider_upper=issuer.name.upper(),
        cell_resolution_phrase=_resolution(c.cell_resolution_number, c.cell_resolution_date),
        committee_phrase=committee_phrase,
        probation_months=rules.probation_months,
        ceremony_days=rules.ceremony_working_days,
        executors=_executors(c, chain),
    )
    return Prepared(
        kind,
        issuer,
        day,
        f"candidate:{c.pk}",
        f"Kết nạp {c.full_name}",
        c.cell,
        ctx,
        candidates=[c],
        recorded_number=c.decision_number,
        filename=f"9-KND-{c.pk}",
    )


def build_recognition_decision(kind, c: Candidate, scoped_qs) -> Prepared:
    missing: list[Missing] = []
    _require(
        missing,
        c,
        [
            (c.recognition_decision_date, "ngày quyết định công nhận đảng viên chính thức", _detail(c)),
            (c.decision_number, "số quyết định kết nạp", _detail(c)),
            (c.decision_date, "ngày quyết định kết nạp", _detail(c)),
            (c.ceremony_date, "ngày lễ kết nạp", _detail(c)),
        ],
        False,
    )
    if missing:
        raise DocumentIncomplete(kind.label, missing)
    chain = chain_of(c.cell)
    day = c.recognition_decision_date
    _decider, issuer = _decision_issuer(c, chain, day)
    ctx = common_context(kind, issuer, day, recipients=_recipients(committee_name(c.cell), "Như Điều 2"))
    ctx.update(_single(c))
    ctx.update(
        decider_upper=issuer.name.upper(),
        recognition_resolution_phrase=(
            f" ({_resolution(c.recognition_resolution_number, c.recognition_resolution_date)})"
            if c.recognition_resolution_date
            else ""
        ),
        decision_number=c.decision_number,
        decision_date=date_text(c.decision_date),
        official_date=date_text(_official_date(c)),
        executors=_executors(c, chain),
    )
    return Prepared(
        kind,
        issuer,
        day,
        f"candidate:{c.pk}",
        f"Công nhận chính thức {c.full_name}",
        c.cell,
        ctx,
        candidates=[c],
        recorded_number=c.recognition_decision_number,
        filename=f"cong-nhan-{c.pk}",
    )


def build_strike_off(kind, c: Candidate, scoped_qs) -> Prepared:

    if c.exit_reason != ExitReason.STRUCK_OFF:
        raise DocumentError(f"{c.full_name} không bị xóa tên trong thời gian dự bị: không có quyết định xóa tên.")
    exits = StageEvent.objects.filter(candidate=c, kind=EventKind.EXIT, voided_by__isnull=True)
    event = exits.order_by("-legal_date", "-id").first()
    missing: list[Missing] = []
    _require(
        missing,
        c,
        [
            (c.exit_date, "ngày xóa tên", _detail(c)),
            (c.decision_number, "số quyết định kết nạp", _detail(c)),
            (c.decision_date, "ngày quyết định kết nạp", _detail(c)),
        ],
        False,
    )
    if missing:
        raise DocumentIncomplete(kind.label, missing)
    chain = chain_of(c.cell)
    day = c.exit_date
    _decider, issuer = _decision_issuer(c, chain, day, c.exit_issuer)
    reason = event.note if event and event.note else "không đủ điều kiện để công nhận đảng viên chính thức"
    ctx = common_context(kind, issuer, day, recipients=_recipients(committee_name(c.cell), "Như Điều 2"))
    ctx.update(_single(c))
    ctx.update(
        decider_upper=issuer.name.upper(),
        decision_number=c.decision_number,
        decision_date=date_text(c.decision_date),
        exit_date=date_text(c.exit_date),
        reason=reason.rstrip("."),
        executors=_executors(c, chain),
    )
    recorded = c.exit_document_number or (event.document_number if event else "")
    return Prepared(
        kind,
        issuer,
        day,
        f"candidate:{c.pk}",
        f"Xóa tên {c.full_name}",
        c.cell,
        ctx,
        candidates=[c],
        recorded_number=recorded,
        filename=f"xoa-ten-{c.pk}",
    )
