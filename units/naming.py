"""Charter names of issuing bodies, number suffixes, places, date lines and signature blocks (36-HD/VPTW),
for every app that prints a party document (reports' official documents; candidates may use them for
issuer labels). Pure functions over units already loaded: no queries here, the caller passes the chain
of ancestors (top first)."""

import datetime
from dataclasses import dataclass

from units.models import PartyUnit, UnitKind

# "Đảng bộ tỉnh Sơn Hà" -> ("tỉnh", "Sơn Hà"): the kind word and the proper name.
_LEVEL_WORDS = ("thành phố", "tỉnh", "huyện", "thị xã", "quận", "xã", "phường", "đặc khu", "thị trấn")
# Committee names of the Charter: the committee of "Đảng bộ tỉnh X" is "Tỉnh ủy X".
_COMMITTEE_OF = {"tỉnh": "Tỉnh ủy", "thành phố": "Thành ủy", "huyện": "Huyện ủy", "thị xã": "Thị ủy", "quận": "Quận ủy"}
_SUFFIX_OF = {"tỉnh": "TU", "thành phố": "TU", "huyện": "HU", "thị xã": "TU", "quận": "QU"}


def split_level(name: str) -> tuple[str, str]:
    """("xã", "Tân Hòa") for "Đảng bộ xã Tân Hòa"; ("", name) when the name carries no level word."""
    rest = name
    for prefix in ("Đảng bộ ", "Đảng ủy ", "Chi bộ "):
        if rest.startswith(prefix):
            rest = rest[len(prefix) :]
            break
    for word in _LEVEL_WORDS:
        if rest.lower().startswith(word + " "):
            return word, rest[len(word) + 1 :]
    return "", rest


def place_of(chain: list[PartyUnit]) -> str:
    """The place of the date line: the proper name of the nearest commune-level (or district, or
    province) unit above or at the issuer ("Đảng bộ xã Tân Hòa" -> "Tân Hòa")."""
    for kinds in ((UnitKind.COMMUNE,), (UnitKind.DISTRICT,), (UnitKind.PROVINCE,)):
        for unit in reversed(chain):
            if unit.kind in kinds:
                return split_level(unit.name)[1]
    return split_level(chain[0].name)[1] if chain else ""


def committee_name(unit: PartyUnit) -> str:
    """The body that acts for a party organization: "Tỉnh ủy Sơn Hà", "Đảng ủy xã Tân Hòa", "Chi bộ thôn Đông"."""
    if unit.kind in (UnitKind.CELL, UnitKind.GRASSROOTS_CELL):
        return unit.name if unit.name.startswith("Chi bộ") else f"Chi bộ {unit.name}"
    level, proper = split_level(unit.name)
    if unit.kind in (UnitKind.PROVINCE, UnitKind.DISTRICT) and level in _COMMITTEE_OF:
        return f"{_COMMITTEE_OF[level]} {proper}"
    if unit.name.startswith("Đảng bộ "):
        return "Đảng ủy " + unit.name[len("Đảng bộ ") :]
    return unit.name


def number_suffix(unit: PartyUnit) -> str:
    """The body's part of a number: CB for a cell, ĐU for a party committee, TU/HU for a province/district."""
    if unit.kind in (UnitKind.CELL, UnitKind.GRASSROOTS_CELL):
        return "CB"
    if unit.kind in (UnitKind.PROVINCE, UnitKind.DISTRICT):
        return _SUFFIX_OF.get(split_level(unit.name)[0], "TU")
    return "ĐU"


@dataclass(frozen=True)
class Issuer:
    """Who issues and signs a document: the two header lines, the number suffix, the signature block."""

    unit: PartyUnit
    superior_line: str  # above the issuing body (may be empty at the top of the tree)
    body_line: str  # the issuing body, in bold
    suffix: str
    place: str
    signer_on_behalf: str  # "T/M CHI BỘ", "T/M BAN THƯỜNG VỤ", "T/M ĐẢNG ỦY" (or empty)
    signer_title: str  # "BÍ THƯ", "GIÁM ĐỐC", "TRƯỞNG BAN"
    name: str = ""  # the body inside a sentence: "Đảng ủy xã Tân Hòa"


def issuer_for(unit: PartyUnit, chain: list[PartyUnit], *, body: str = "committee") -> Issuer:
    """The issuing body as the Charter names it. `chain` is the unit's ancestors, top first.
    body: "committee" (the unit's committee acting as a whole or through its standing committee),
    "standing" (its standing committee: T/M BAN THƯỜNG VỤ), "org_board" (its organization board)."""
    parent = chain[-1] if chain else None
    place = place_of([*chain, unit])
    name = committee_name(unit).upper()
    if unit.kind in (UnitKind.CELL, UnitKind.GRASSROOTS_CELL):
        superior = committee_name(parent).upper() if parent else ""
        return Issuer(unit, superior, name, "CB", place, "T/M CHI BỘ", "BÍ THƯ", committee_name(unit))
    if body == "org_board":
        board = f"Ban Tổ chức {committee_name(unit)}"
        return Issuer(unit, name, "BAN TỔ CHỨC", "BTC" + number_suffix(unit), place, "", "TRƯỞNG BAN", board)
    # A province or district committee heads its own documents ("TỈNH ỦY SƠN HÀ"); a lower committee
    # is named under its superior party organization ("ĐẢNG BỘ TỈNH SƠN HÀ" / "ĐẢNG ỦY XÃ TÂN HÒA").
    top_level = unit.kind in (UnitKind.PROVINCE, UnitKind.DISTRICT)
    superior = parent.name.upper() if parent is not None and not top_level else ""
    if body == "standing":
        return Issuer(
            unit,
            superior,
            name,
            number_suffix(unit),
            place,
            "T/M BAN THƯỜNG VỤ",
            "BÍ THƯ",
            f"Ban Thường vụ {committee_name(unit)}",
        )
    return Issuer(unit, superior, name, number_suffix(unit), place, "T/M ĐẢNG ỦY", "BÍ THƯ", committee_name(unit))


def date_line(day: datetime.date) -> str:
    """ "ngày 05 tháng 3 năm 2024": two-digit day below 10, a zero before months 1 and 2 (36-HD/VPTW)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def place_date_line(place: str, day: datetime.date) -> str:
    return f"{place}, {date_line(day)}"


def display_date(day: datetime.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""
