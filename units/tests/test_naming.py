import datetime

from units.models import PartyUnit, UnitKind
from units.naming import committee_name, date_line, issuer_for, number_suffix, place_of, split_level


def unit(name, kind):
    return PartyUnit(name=name, kind=kind, code=name)


PROVINCE = unit("Đảng bộ tỉnh Sơn Hà", UnitKind.PROVINCE)
COMMUNE = unit("Đảng bộ xã Tân Hòa", UnitKind.COMMUNE)
CELL = unit("Chi bộ thôn Đông", UnitKind.CELL)


def test_charter_names():
    assert split_level("Đảng bộ xã Tân Hòa") == ("xã", "Tân Hòa")
    assert committee_name(PROVINCE) == "Tỉnh ủy Sơn Hà"
    assert committee_name(COMMUNE) == "Đảng ủy xã Tân Hòa"
    assert committee_name(CELL) == "Chi bộ thôn Đông"
    assert (number_suffix(PROVINCE), number_suffix(COMMUNE), number_suffix(CELL)) == ("TU", "ĐU", "CB")
    assert place_of([PROVINCE, COMMUNE, CELL]) == "Tân Hòa"


def test_issuers_and_signers():
    cell = issuer_for(CELL, [PROVINCE, COMMUNE])
    assert (cell.superior_line, cell.body_line, cell.signer_on_behalf, cell.signer_title) == (
        "ĐẢNG ỦY XÃ TÂN HÒA",
        "CHI BỘ THÔN ĐÔNG",
        "T/M CHI BỘ",
        "BÍ THƯ",
    )
    standing = issuer_for(COMMUNE, [PROVINCE], body="standing")
    assert (standing.superior_line, standing.body_line, standing.signer_on_behalf) == (
        "ĐẢNG BỘ TỈNH SƠN HÀ",
        "ĐẢNG ỦY XÃ TÂN HÒA",
        "T/M BAN THƯỜNG VỤ",
    )
    board = issuer_for(PROVINCE, [], body="org_board")
    assert (board.superior_line, board.body_line, board.suffix, board.signer_title) == (
        "TỈNH ỦY SƠN HÀ",
        "BAN TỔ CHỨC",
        "BTCTU",
        "TRƯỞNG BAN",
    )
    assert issuer_for(COMMUNE, [PROVINCE]).signer_on_behalf == "T/M ĐẢNG ỦY"


def test_date_line():
    assert date_line(datetime.date(2021, 9, 29)) == "ngày 29 tháng 9 năm 2021"
    assert date_line(datetime.date(2024, 1, 5)) == "ngày 05 tháng 01 năm 2024"
