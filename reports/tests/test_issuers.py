import datetime

from reports.documents.issuers import committee_name, date_line, issuer_for, place_of
from units.models import PartyUnit, UnitKind


def unit(name, kind, depth):
    return PartyUnit(name=name, kind=kind, code=name, depth=depth, path="0001" * depth)


PROVINCE = unit("Đảng bộ tỉnh Sơn Hà", UnitKind.PROVINCE, 1)
COMMUNE = unit("Đảng bộ xã Tân Hòa", UnitKind.COMMUNE, 2)
GRASSROOTS = unit("Đảng bộ cơ sở thôn", UnitKind.GRASSROOTS, 3)
CELL = unit("Chi bộ thôn Đông", UnitKind.CELL, 3)


def test_names_and_place():
    assert committee_name(PROVINCE) == "Tỉnh ủy Sơn Hà"
    assert committee_name(COMMUNE) == "Đảng ủy xã Tân Hòa"
    assert place_of([PROVINCE, COMMUNE, CELL]) == "Tân Hòa"


def test_issuers_and_signers():
    cell = issuer_for(CELL, [PROVINCE, COMMUNE])
    assert (cell.superior_line, cell.body_line, cell.suffix, cell.signer_on_behalf, cell.signer_title) == (
        "ĐẢNG ỦY XÃ TÂN HÒA",
        "CHI BỘ THÔN ĐÔNG",
        "CB",
        "T/M CHI BỘ",
        "BÍ THƯ",
    )
    standing = issuer_for(COMMUNE, [PROVINCE], body="standing")
    assert (standing.superior_line, standing.body_line, standing.signer_on_behalf, standing.name) == (
        "ĐẢNG BỘ TỈNH SƠN HÀ",
        "ĐẢNG ỦY XÃ TÂN HÒA",
        "T/M BAN THƯỜNG VỤ",
        "Ban Thường vụ Đảng ủy xã Tân Hòa",
    )
    # A grassroots committee has no standing committee: it signs as the whole committee.
    grassroots = issuer_for(GRASSROOTS, [PROVINCE, COMMUNE], body="standing")
    assert (grassroots.signer_on_behalf, grassroots.suffix) == ("T/M ĐẢNG ỦY", "ĐU")
    board = issuer_for(PROVINCE, [], body="org_board")
    assert (board.superior_line, board.body_line, board.suffix, board.signer_title) == (
        "TỈNH ỦY SƠN HÀ",
        "BAN TỔ CHỨC",
        "BTCTU",
        "TRƯỞNG BAN",
    )
    top = issuer_for(PROVINCE, [], body="standing")
    assert (top.superior_line, top.body_line) == ("", "TỈNH ỦY SƠN HÀ")


def test_date_line():
    assert date_line(datetime.date(2021, 9, 29)) == "ngày 29 tháng 9 năm 2021"
    assert date_line(datetime.date(2024, 1, 5)) == "ngày 05 tháng 01 năm 2024"
