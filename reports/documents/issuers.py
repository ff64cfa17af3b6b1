"""Who issues and signs an official document, on top of units.naming (the Charter names of the bodies,
shared with the reports' header): the header lines, the number suffix, the place of the date line,
the signature block, and the body's name inside a sentence. Pure functions over units already loaded
(the caller passes the chain of ancestors, top first)."""

import datetime
from dataclasses import dataclass

from units import naming
from units.models import PartyUnit, UnitKind

_LEVEL_WORDS = ("thành phố", "tỉnh", "huyện", "thị xã", "quận", "xã", "phường", "đặc khu", "thị trấn", "khối")


def committee_name(unit: PartyUnit) -> str:
    """The body in running text: "Tỉnh ủy Sơn Hà", "Đảng ủy xã Tân Hòa", "Chi bộ thôn Đông"."""
    return naming.committee_title(unit)


def proper_name(name: str) -> str:
    """ "Đảng bộ xã Tân Hòa" -> "Tân Hòa": the place without the organization and level words."""
    rest = name
    for prefix in ("Đảng bộ ", "Đảng ủy ", "Chi bộ "):
        if rest.startswith(prefix):
            rest = rest[len(prefix) :]
            break
    for word in _LEVEL_WORDS:
        if rest.lower().startswith(word + " "):
            return rest[len(word) + 1 :]
    return rest


def place_of(chain: list[PartyUnit]) -> str:
    """The place of the date line: the nearest commune-level (else district, else province) unit."""
    for kinds in ((UnitKind.COMMUNE,), (UnitKind.DISTRICT,), (UnitKind.PROVINCE,)):
        for unit in reversed(chain):
            if unit.kind in kinds:
                return proper_name(unit.name)
    return proper_name(chain[0].name) if chain else ""


@dataclass(frozen=True)
class Issuer:
    unit: PartyUnit
    superior_line: str  # above the issuing body (empty at the top of the tree)
    body_line: str  # the issuing body, in bold
    suffix: str  # the body's part of a number: CB, ĐU, TU, BTCTU…
    place: str
    signer_on_behalf: str  # "T/M CHI BỘ", "T/M BAN THƯỜNG VỤ", "T/M ĐẢNG ỦY" (or empty)
    signer_title: str  # "BÍ THƯ", "TRƯỞNG BAN"
    name: str  # the body inside a sentence: "Ban Thường vụ Đảng ủy xã Tân Hòa"


def issuer_for(unit: PartyUnit, chain: list[PartyUnit], *, body: str = "committee") -> Issuer:
    """body: "committee" (the unit's committee as a whole; a cell itself), "standing" (its standing
    committee where it has one), "org_board" (its organization board)."""
    parent = chain[-1] if chain else None
    place = place_of([*chain, unit])
    board = body == "org_board"
    lines = naming.issuing_body_lines(unit, board=board, parent=parent or unit)
    if parent is None and not board:
        lines = (
            [naming.committee_name(unit)] if unit.kind not in naming.CELL_KINDS else [naming.organization_name(unit)]
        )
    superior, body_line = (lines[0], lines[1]) if len(lines) > 1 else ("", lines[0])
    if board:
        block = naming.signature_block(unit, naming.Signer.BOARD_HEAD)
        name = f"Ban Tổ chức {committee_name(unit)}"
    elif unit.kind in naming.CELL_KINDS:
        block = naming.signature_block(unit, naming.Signer.CELL)
        name = committee_name(unit)
    else:
        kind = naming.Signer.STANDING_COMMITTEE if body == "standing" else naming.Signer.COMMITTEE
        block = naming.signature_block(unit, kind)
        standing = body == "standing" and naming.has_standing_committee(unit)
        name = f"Ban Thường vụ {committee_name(unit)}" if standing else committee_name(unit)
    on_behalf, title = (block.lines[0], block.lines[1]) if len(block.lines) > 1 else ("", block.lines[0])
    return Issuer(unit, superior, body_line, naming.number_suffix(unit, board=board), place, on_behalf, title, name)


def date_line(day: datetime.date) -> str:
    """ "ngày 05 tháng 3 năm 2024": two-digit day below 10, a zero before months 1 and 2 (36-HD/VPTW)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def place_date_line(place: str, day: datetime.date) -> str:
    return f"{place}, {date_line(day)}"


def display_date(day: datetime.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""
