"""Context builders for the dossier papers whose facts are entered on the documents pages (facts.py):
3-KNĐ introductions, 4-KNĐ/4a-KNĐ Đoàn/union resolution, 5-KNĐ and 12-KNĐ summaries of comments,
7-KNĐ appraisal, the ceremony's programme and minutes, 10-KNĐ self-review, 11-KNĐ helper's assessment."""

from django.urls import reverse

from candidates.models import Candidate
from units.models import UnitKind

from ..models import PaperFacts
from . import facts as F
from .base import (
    DocumentError,
    DocumentIncomplete,
    Missing,
    Prepared,
    chain_of,
    common_context,
    date_text,
    percent_text,
)
from .issuers import committee_name, date_line, issuer_for
from .people import _detail, _official_date, _recipients, _require, _single, decider_unit


def preload_paper_facts(c: Candidate) -> None:
    """Read every paper's facts of the person in one query (a person's page builds all their papers)."""
    c._paper_facts = {row.kind: row for row in PaperFacts.objects.filter(candidate=c)}


def _facts(slug: str, c: Candidate, missing: list, skip: set[str] = frozenset()) -> dict:
    preloaded = c.__dict__.get("_paper_facts")
    if preloaded is not None:
        row = preloaded.get(slug)
    else:
        row = PaperFacts.objects.filter(candidate=c, kind=slug).first()
    values = F.read(slug, row.data if row else None)
    url = reverse("documents-facts", args=[c.pk, slug])
    missing += [Missing(label, url) for label in F.missing_labels(slug, values, skip)]
    return values


def _cell_context(kind, c: Candidate, day, recipients=()) -> tuple:
    chain = chain_of(c.cell)
    issuer = issuer_for(c.cell, chain)
    superior = chain[-1] if chain else None
    ctx = common_context(kind, issuer, day, recipients=_recipients(*recipients))
    ctx.update(_single(c))
    ctx.update(
        cell_name=committee_name(c.cell), superior_name=committee_name(superior) if superior else "cấp ủy cấp trên"
    )
    return issuer, ctx, chain


def _done(missing, kind):
    if missing:
        raise DocumentIncomplete(kind.label, missing)


def build_introduction(kind, c: Candidate, scoped_qs) -> Prepared:
    """One page per introducer recorded on the candidate (candidates.Introducer, in their order)."""
    missing: list[Missing] = []
    introducers = list(c.introducers.order_by("id"))[:2]
    if not introducers:
        missing.append(Missing("người giới thiệu", _detail(c)))
    for n, i in enumerate(introducers, start=1):
        if not i.official_date:
            missing.append(Missing(f"người giới thiệu {n} ({i.full_name}): ngày chính thức", _detail(c)))
        if not i.together_since:
            missing.append(Missing(f"người giới thiệu {n} ({i.full_name}): cùng công tác từ ngày", _detail(c)))
    day = next((i.introduced_on for i in introducers if i.introduced_on), None) or c.application_date
    if day is None:
        missing.append(Missing("ngày giới thiệu (hoặc ngày làm đơn xin vào Đảng)", _detail(c)))
    skip = {f.name for f in F.FACTS[kind.slug] if f.name.startswith("i2_")} if len(introducers) < 2 else set()
    values = _facts(kind.slug, c, missing, skip)
    _done(missing, kind)
    issuer, ctx, _chain = _cell_context(kind, c, day)
    ctx["introducers"] = [
        {
            "name": i.full_name,
            "admitted": date_text(values[f"i{n}_admitted"]),
            "official": date_text(i.official_date),
            "post": values[f"i{n}_post"],
            "since": date_text(i.together_since),
            "opinion": values[f"i{n}_opinion"] or "……………………………………………………",
        }
        for n, i in enumerate(introducers, start=1)
    ]
    return Prepared(
        kind,
        issuer,
        day,
        f"candidate:{c.pk}",
        f"Giới thiệu {c.full_name} vào Đảng",
        c.cell,
        ctx,
        candidates=[c],
        numbered=False,
        filename=f"3-KND-{c.pk}",
    )


def build_union_resolution(kind, c: Candidate, scoped_qs) -> Prepared:
    missing: list[Missing] = []
    _require(
        missing,
        c,
        [
            (c.union_resolution_number, "số nghị quyết giới thiệu của Đoàn/Công đoàn", _detail(c)),
            (c.union_resolution_date, "ngày nghị quyết giới thiệu của Đoàn/Công đoàn", _detail(c)),
        ],
        False,
    )
    values = _facts(kind.slug, c, missing)
    _done(missing, kind)
    day = c.union_resolution_date
    issuer, ctx, _chain = _cell_context(kind, c, day)
    youth = c.youth_union_member or "đoàn" in values["org_name"].lower().replace("công đoàn", "")
    ctx.update(
        form_line=f"Mẫu {'4-KNĐ' if youth else '4a-KNĐ'} — Hướng dẫn {kind.guidance}",
        party_line="ĐOÀN TNCS HỒ CHÍ MINH" if youth else "CÔNG ĐOÀN VIỆT NAM",
        issuer_superior=values["org_superior"].upper(),
        issuer_body=values["org_name"].upper(),
        org_name=values["org_name"],
        member_word="đoàn viên" if youth else "công đoàn viên",
        meeting_date=date_line(day).removeprefix("ngày "),
        members_total=values["members_total"],
        present=values["present"],
        absent=max(values["members_total"] - values["present"], 0),
        votes_for=values["votes_for"],
        votes_against=max(values["present"] - values["votes_for"], 0),
        percent=percent_text(values["votes_for"], values["members_total"]),
        signer_on_behalf="T/M BAN CHẤP HÀNH",
        signer_title="BÍ THƯ" if youth else "CHỦ TỊCH",
        signer_name=values["signer_name"] or "",
        recipients=[committee_name(c.cell), "Lưu."],
    )
    return Prepared(
        kind,
        issuer,
        day,
        f"candidate:{c.pk}",
        f"Đoàn/Công đoàn giới thiệu {c.full_name}",
        c.cell,
        ctx,
        candidates=[c],
        recorded_number=c.union_resolution_number,
        filename=f"4-KND-{c.pk}",
    )


def _comments(kind, c: Candidate, subtitle: str) -> Prepared:
    missing: list[Missing] = []
    values = _facts(kind.slug, c, missing)
    _done(missing, kind)
    day = values["summary_date"]
    issuer, ctx, _chain = _cell_context(kind, c, day)
    ctx.update(subtitle=subtitle, signer_on_behalf="T/M CHI ỦY")
    for part in ("org", "residence"):
        asked, agree = values[f"{part}_asked"], values[f"{part}_agree"]
        if agree > asked:
            raise DocumentError(f"Số tán thành ({agree}) lớn hơn số người được hỏi ý kiến ({asked}).")
        ctx.update(
            {
                f"{part}_asked": asked,
                f"{part}_agree": agree,
                f"{part}_against": asked - agree,
                f"{part}_percent": percent_text(agree, asked),
            }
        )
    return Prepared(
        kind,
        issuer,
        day,
        f"candidate:{c.pk}",
        f"Tổng hợp ý kiến nhận xét {c.full_name}",
        c.cell,
        ctx,
        candidates=[c],
        numbered=False,
        filename=f"{kind.form_code}-{c.pk}",
    )


def build_comments_summary(kind, c: Candidate, scoped_qs) -> Prepared:
    return _comments(kind, c, "Của đoàn thể chính trị - xã hội và chi ủy nơi cư trú đối với người xin vào Đảng")


def build_probation_comments(kind, c: Candidate, scoped_qs) -> Prepared:
    return _comments(kind, c, "Đối với đảng viên dự bị đề nghị công nhận đảng viên chính thức")


def build_appraisal(kind, c: Candidate, scoped_qs) -> Prepared:
    chain = chain_of(c.cell)
    partial = chain[-1] if chain and chain[-1].kind == UnitKind.PARTIAL else None
    if partial is None:
        raise DocumentError(
            f"{committee_name(c.cell)} không trực thuộc đảng bộ bộ phận: không có báo cáo thẩm định (7-KNĐ)."
        )
    missing: list[Missing] = []
    _require(
        missing,
        c,
        [
            (c.cell_resolution_number, "số nghị quyết chi bộ", _detail(c)),
            (c.cell_resolution_date, "ngày nghị quyết chi bộ", _detail(c)),
            (c.appraisal_date, "ngày thẩm định (đảng ủy bộ phận)", _detail(c)),
        ],
        False,
    )
    values = _facts(kind.slug, c, missing)
    _done(missing, kind)
    day = c.appraisal_date
    issuer = issuer_for(partial, chain[:-1])
    superior = chain[-2] if len(chain) > 1 else None
    ctx = common_context(kind, issuer, day, recipients=_recipients(committee_name(superior) if superior else ""))
    ctx.update(_single(c))
    ctx.update(
        cell_name=committee_name(c.cell),
        cell_resolution_number=c.cell_resolution_number,
        cell_resolution_date=date_text(c.cell_resolution_date),
        conclusion=values["conclusion"],
        superior_name=committee_name(superior) if superior else "cấp ủy cấp trên",
    )
    return Prepared(
        kind,
        issuer,
        day,
        f"candidate:{c.pk}",
        f"Thẩm định hồ sơ {c.full_name}",
        c.cell,
        ctx,
        candidates=[c],
        recorded_number=c.appraisal_number,
        filename=f"7-KND-{c.pk}",
    )


def _probation(kind, c: Candidate, missing: list) -> None:
    _require(
        missing,
        c,
        [
            (c.ceremony_date, "ngày lễ kết nạp", _detail(c)),
            (c.decision_number, "số quyết định kết nạp", _detail(c)),
            (c.decision_date, "ngày quyết định kết nạp", _detail(c)),
        ],
        False,
    )


def build_ceremony(kind, c: Candidate, scoped_qs) -> Prepared:
    missing: list[Missing] = []
    _probation(kind, c, missing)
    _require(missing, c, [(c.mentor_name, "đảng viên được phân công giúp đỡ", _detail(c))], False)
    values = _facts(kind.slug, c, missing)
    _done(missing, kind)
    day = c.ceremony_date
    issuer, ctx, chain = _cell_context(kind, c, day)
    decider = decider_unit(c.cell, chain, c.decision_date)
    rep = values["superior_representative"] or ""
    ctx.update(
        place=values["place"],
        chair=values["chair"],
        secretary=values["secretary"],
        members_present=values["members_present"],
        representative=rep,
        representative_phrase=f" (đồng chí {rep})" if rep else "",
        ceremony_date=date_text(day),
        ceremony_day=date_line(day).removeprefix("ngày "),
        decision_number=c.decision_number,
        decision_date=date_text(c.decision_date),
        decider_name=f"Ban Thường vụ {committee_name(decider)}",
        signer_name=values["chair"],
    )
    return Prepared(
        kind,
        issuer,
        day,
        f"candidate:{c.pk}",
        f"Lễ kết nạp {c.full_name}",
        c.cell,
        ctx,
        candidates=[c],
        numbered=False,
        filename=f"le-ket-nap-{c.pk}",
    )


def _probation_paper(kind, c: Candidate, extra_checks=()) -> Prepared:
    missing: list[Missing] = []
    _probation(kind, c, missing)
    _require(missing, c, list(extra_checks), False)
    _done(missing, kind)
    end = _official_date(c)
    issuer, ctx, _chain = _cell_context(kind, c, end)
    ctx.update(
        ceremony_date=date_text(c.ceremony_date),
        decision_number=c.decision_number,
        decision_date=date_text(c.decision_date),
        probation_end=date_text(end),
    )
    return Prepared(
        kind,
        issuer,
        end,
        f"candidate:{c.pk}",
        f"{kind.label}: {c.full_name}",
        c.cell,
        ctx,
        candidates=[c],
        numbered=False,
        filename=f"{kind.form_code}-{c.pk}",
    )


def build_self_review(kind, c: Candidate, scoped_qs) -> Prepared:
    return _probation_paper(kind, c)


def build_helper_assessment(kind, c: Candidate, scoped_qs) -> Prepared:
    return _probation_paper(kind, c, [(c.mentor_name, "đảng viên được phân công giúp đỡ", _detail(c))])
