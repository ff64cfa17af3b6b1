"""What every document kind shares: the prepared document (context, issuer, numbering policy, what is
missing), the refusal listing missing facts, and the common part of the context."""

import datetime
from dataclasses import dataclass, field

from candidates.rules import rules_for
from units.models import PartyUnit
from units.selectors import ancestors
from vietnamese.text import format_percent, quantize_percent

from .issuers import Issuer, display_date, issuer_for, place_date_line

# The forms' numbering (3-KNĐ … 13-KNĐ) is that of 12-HD/BTCTW (2022); 38-HD/BTCTW (2025) replaced the
# guidance, and whether it kept the numbers is unconfirmed: the register stores code and guidance together.
FORMS_GUIDANCE = "12-HD/BTCTW"
STATISTICS_GUIDANCE = "11-HD/BTCTW"
SIGN_NOTE = "(Ký, ghi rõ họ tên, đóng dấu)"


class DocumentError(ValueError):
    """Bad input: a message for the user, nothing is produced."""


@dataclass(frozen=True)
class Missing:
    label: str  # the fact, in Vietnamese
    url: str = ""  # where to enter it
    who: str = ""  # whose record ("Nguyễn Văn A")

    def __str__(self) -> str:
        return f"{self.who}: {self.label}" if self.who else self.label


class DocumentIncomplete(DocumentError):
    def __init__(self, kind_label: str, missing: list[Missing]):
        self.kind_label = kind_label
        self.missing = missing
        facts = "; ".join(str(m) for m in missing)
        super().__init__(f"Chưa đủ thông tin để lập “{kind_label}”. Còn thiếu: {facts}.")


@dataclass
class Prepared:
    """A document ready to be numbered and rendered."""

    kind: object  # DocumentKind
    issuer: Issuer
    document_date: datetime.date
    subject_key: str
    subject_label: str
    scope_unit: PartyUnit
    context: dict
    candidates: list = field(default_factory=list)
    training_class: object = None
    recorded_number: str = ""  # a number already on the record (decision number…)
    numbered: bool = True  # False: the pages carry their own numbers (certificates)
    filename: str = "van-ban"


def chain_of(unit: PartyUnit) -> list[PartyUnit]:
    """The unit's ancestors, top first; read once per unit object (a person's page builds every
    document from the same cell)."""
    cached = unit.__dict__.get("_document_chain")
    if cached is None:
        cached = unit._document_chain = list(ancestors(unit))
    return list(cached)


def issuer_of(unit: PartyUnit, *, body: str = "committee") -> Issuer:
    return issuer_for(unit, chain_of(unit), body=body)


def common_context(kind, issuer: Issuer, day: datetime.date, *, recipients: list[str]) -> dict:
    form = f"Mẫu {kind.form_code} — " if kind.form_code else ""
    return {
        "form_line": f"{form}Hướng dẫn {kind.guidance}",
        "party_line": "ĐẢNG CỘNG SẢN VIỆT NAM",
        "form_code": kind.form_code,
        "guidance": kind.guidance,
        "issuer_superior": issuer.superior_line,
        "issuer_body": issuer.body_line,
        "issuer_name": issuer.name,
        "place_date": place_date_line(issuer.place, day),
        "number_line": "",
        "number": "",
        "signer_on_behalf": issuer.signer_on_behalf,
        "signer_title": issuer.signer_title,
        "signer_note": SIGN_NOTE,
        "signer_name": "",
        "recipients": recipients,
        "legal_basis": f"{rules_for(day).source.replace('; ', ', ')}",
    }


def date_text(day: datetime.date | None) -> str:
    return display_date(day)


def percent_text(votes: int | None, members: int | None) -> str:
    value = quantize_percent(votes or 0, members or 0)
    return format_percent(value) if value is not None else ""


def workplace_phrase(candidate) -> str:
    if candidate.workplace:
        return f", nơi làm việc, học tập: {candidate.workplace}"
    if candidate.residence:
        return f", nơi cư trú: {candidate.residence}"
    return ""
