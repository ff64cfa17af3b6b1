"""How official documents name the body that issues and signs them (Hướng dẫn 36-HD/VPTW, as the
Charter names the bodies): one place for the reports' header and for the official documents.

- The party organization ("Đảng bộ tỉnh Sơn Hà") and its committee ("Tỉnh ủy Sơn Hà"): a provincial
  committee is "TỈNH ỦY …" / "THÀNH ỦY …", a district one "HUYỆN ỦY …" / "THỊ ỦY …" / "QUẬN ỦY …" /
  "THÀNH ỦY …", every other committee "ĐẢNG ỦY …" (xã, phường, khối, cơ sở, bộ phận); a cell is its own
  name ("CHI BỘ THÔN ĐÔNG").
- The issuing body (top left, two lines at most): the province's committee alone ("TỈNH ỦY SƠN HÀ");
  a committee below it under the organization above it ("ĐẢNG BỘ TỈNH SƠN HÀ" / "ĐẢNG ỦY XÃ TÂN HÒA");
  a cell under the committee above it ("ĐẢNG ỦY XÃ TÂN HÒA" / "CHI BỘ THÔN ĐÔNG"); the organization
  board under its committee ("TỈNH ỦY SƠN HÀ" / "BAN TỔ CHỨC").
- The signature block of the signer: "T/M BAN THƯỜNG VỤ" where the committee has a standing committee,
  "T/M ĐẢNG ỦY" where it has none, "T/M CHI BỘ" / "BÍ THƯ" for a cell, "TRƯỞNG BAN" or "K/T TRƯỞNG BAN" /
  "PHÓ TRƯỞNG BAN" for the organization board.
"""

import datetime
from dataclasses import dataclass

from vietnamese.text import clean_text

from .models import PartyUnit, UnitKind


class Signer:
    """Who signs a document (signature_block's `signer_kind`)."""

    STANDING_COMMITTEE = "standing_committee"  # T/M BAN THƯỜNG VỤ (or T/M ĐẢNG ỦY without one)
    COMMITTEE = "committee"  # T/M ĐẢNG ỦY / T/M TỈNH ỦY … (the whole committee)
    CELL = "cell"  # T/M CHI BỘ
    CELL_COMMITTEE = "cell_committee"  # T/M CHI ỦY
    BOARD_HEAD = "board_head"  # TRƯỞNG BAN
    BOARD_DEPUTY = "board_deputy"  # K/T TRƯỞNG BAN / PHÓ TRƯỞNG BAN


CELL_KINDS = (UnitKind.CELL, UnitKind.GRASSROOTS_CELL)
# Committees with a standing committee (ban thường vụ): the province, the (historic) district, the
# commune-level and bloc committees. A grassroots or partial committee signs as the whole committee.
STANDING_KINDS = (UnitKind.PROVINCE, UnitKind.DISTRICT, UnitKind.COMMUNE, UnitKind.BLOC)

# "Đảng bộ <kind word> <place>" -> the committee's own word, for the province and the district level.
_PROVINCE_WORDS = {"tỉnh": "Tỉnh ủy", "thành phố": "Thành ủy"}
_DISTRICT_WORDS = {"huyện": "Huyện ủy", "thị xã": "Thị ủy", "quận": "Quận ủy", "thành phố": "Thành ủy", "thị trấn": ""}
_ORG_PREFIX = "Đảng bộ "


def _split(name: str) -> tuple[str, str] | None:
    """("tỉnh", "Sơn Hà") for "Đảng bộ tỉnh Sơn Hà"; None when the name does not start with "Đảng bộ"."""
    name = clean_text(name)
    if not name.startswith(_ORG_PREFIX):
        return None
    rest = name[len(_ORG_PREFIX) :]
    for word in sorted({**_PROVINCE_WORDS, **_DISTRICT_WORDS}, key=len, reverse=True):
        if rest.lower().startswith(word + " "):
            return word, rest[len(word) + 1 :]
    return "", rest


def upper(text: str) -> str:
    return clean_text(text).upper()


def organization_name(unit: PartyUnit) -> str:
    """The party organization as documents write it: "ĐẢNG BỘ TỈNH SƠN HÀ", "CHI BỘ THÔN ĐÔNG"."""
    return upper(unit.name)


def committee_title(unit: PartyUnit) -> str:
    """The committee that leads the organization, in running text: "Tỉnh ủy Sơn Hà", "Huyện ủy Tân Phong",
    "Đảng ủy xã Tân Hòa", "Đảng ủy các cơ quan Đảng tỉnh"; a cell has no committee of that name and keeps
    its own name."""
    name = clean_text(unit.name)
    if unit.kind in CELL_KINDS:
        return name
    parts = _split(name)
    if parts is None:  # already a committee's name ("Tỉnh ủy …", "Đảng ủy …") or a free name
        return name
    word, place = parts
    if unit.kind == UnitKind.PROVINCE and word in _PROVINCE_WORDS:
        return f"{_PROVINCE_WORDS[word]} {place}"
    if unit.kind == UnitKind.DISTRICT and _DISTRICT_WORDS.get(word):
        return f"{_DISTRICT_WORDS[word]} {place}"
    return "Đảng ủy " + name[len(_ORG_PREFIX) :]


def committee_name(unit: PartyUnit) -> str:
    """The committee in a document's header: "TỈNH ỦY SƠN HÀ", "HUYỆN ỦY TÂN PHONG", "ĐẢNG ỦY XÃ TÂN HÒA"."""
    return upper(committee_title(unit))


def _as_of(unit: PartyUnit, on_date: datetime.date | None) -> PartyUnit:
    """The body that exists on the date: a unit closed before it is named by its successor."""
    seen = set()
    while on_date and unit.valid_to and unit.valid_to < on_date and unit.successor_id and unit.pk not in seen:
        seen.add(unit.pk)
        unit = unit.successor
    return unit


def _parent(unit: PartyUnit) -> PartyUnit | None:
    return PartyUnit.objects.filter(path=unit.parent_path).first() if unit.depth > 1 else None


def issuing_body_lines(
    unit: PartyUnit, on_date: datetime.date | None = None, *, board: bool = False, parent: PartyUnit | None = None
) -> list[str]:
    """The issuing body, top left (one or two lines, the last one bold in print). `board`: the
    organization board of the unit's committee issues it. `parent` saves a query when known."""
    unit = _as_of(unit, on_date)
    if board:
        return [committee_name(unit), "BAN TỔ CHỨC"]
    parent = parent if parent is not None else _parent(unit)
    if unit.kind in CELL_KINDS:
        return [committee_name(parent), organization_name(unit)] if parent else [organization_name(unit)]
    if parent is None:
        return [committee_name(unit)]
    return [organization_name(parent), committee_name(unit)]


def number_suffix(unit: PartyUnit, *, board: bool = False) -> str:
    """The issuer's part of a document number (`<số>-<loại>/<cơ quan>`): TU, HU, ĐU, CB, BTCTU…"""
    words = committee_name(unit).split()
    if unit.kind in CELL_KINDS:
        suffix = "CB"
    elif unit.kind in (UnitKind.PROVINCE, UnitKind.DISTRICT) and words[1:2] == ["ỦY"]:
        suffix = words[0][0] + "U"  # TỈNH ỦY -> TU, HUYỆN ỦY -> HU, THÀNH ỦY -> TU, QUẬN ỦY -> QU
    else:
        suffix = "ĐU"
    return f"BTC{suffix}" if board else suffix


@dataclass(frozen=True)
class SignatureBlock:
    lines: list[str]  # bold capitals, e.g. ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"]

    @property
    def title(self) -> str:
        return self.lines[0]


def has_standing_committee(unit: PartyUnit) -> bool:
    return unit.kind in STANDING_KINDS


def signature_block(unit: PartyUnit, signer_kind: str = Signer.STANDING_COMMITTEE) -> SignatureBlock:
    """The signature block that fits the signer and the body (36-HD/VPTW)."""
    if signer_kind == Signer.BOARD_HEAD:
        return SignatureBlock(["TRƯỞNG BAN"])
    if signer_kind == Signer.BOARD_DEPUTY:
        return SignatureBlock(["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"])
    if unit.kind in CELL_KINDS or signer_kind in (Signer.CELL, Signer.CELL_COMMITTEE):
        return SignatureBlock(["T/M CHI ỦY" if signer_kind == Signer.CELL_COMMITTEE else "T/M CHI BỘ", "BÍ THƯ"])
    if signer_kind == Signer.STANDING_COMMITTEE and has_standing_committee(unit):
        return SignatureBlock(["T/M BAN THƯỜNG VỤ", "BÍ THƯ"])
    # The whole committee: "T/M TỈNH ỦY", "T/M HUYỆN ỦY", otherwise "T/M ĐẢNG ỦY".
    name = committee_name(unit)
    word = " ".join(name.split()[:2]) if name.split()[1:2] == ["ỦY"] else "ĐẢNG ỦY"
    return SignatureBlock([f"T/M {word}", "BÍ THƯ"])
