"""The issuing body and the signature block of official documents (units.naming), as the Charter names
the bodies (36-HD/VPTW)."""

import datetime

from units.models import UnitKind
from units.naming import Signer, committee_name, issuing_body_lines, number_suffix, signature_block
from units.services import unit_create


def _tree(db):
    province = unit_create(parent=None, code="SH", name="Đảng bộ tỉnh Sơn Hà", kind=UnitKind.PROVINCE)
    district = unit_create(
        parent=province,
        code="TP",
        name="Đảng bộ huyện Tân Phong",
        kind=UnitKind.DISTRICT,
        valid_to=datetime.date(2025, 6, 30),
    )
    commune = unit_create(parent=province, code="X1", name="Đảng bộ xã Tân Hòa", kind=UnitKind.COMMUNE)
    grassroots = unit_create(
        parent=commune, code="X1-1", name="Đảng bộ cơ sở khu dân cư Tân Hòa", kind=UnitKind.GRASSROOTS
    )
    cell = unit_create(parent=grassroots, code="X1-1-1", name="Chi bộ thôn Đông", kind=UnitKind.CELL)
    school = unit_create(parent=commune, code="X1-2", name="Chi bộ Trường THCS Tân Hòa", kind=UnitKind.GRASSROOTS_CELL)
    bloc = unit_create(parent=province, code="CQD", name="Đảng bộ các cơ quan Đảng tỉnh", kind=UnitKind.BLOC)
    return province, district, commune, grassroots, cell, school, bloc


def test_committees_are_named_as_the_charter_names_them(db):
    province, district, commune, grassroots, cell, school, bloc = _tree(db)
    assert committee_name(province) == "TỈNH ỦY SƠN HÀ"
    assert committee_name(district) == "HUYỆN ỦY TÂN PHONG"
    assert committee_name(commune) == "ĐẢNG ỦY XÃ TÂN HÒA"
    assert committee_name(grassroots) == "ĐẢNG ỦY CƠ SỞ KHU DÂN CƯ TÂN HÒA"
    assert committee_name(bloc) == "ĐẢNG ỦY CÁC CƠ QUAN ĐẢNG TỈNH"
    assert committee_name(cell) == "CHI BỘ THÔN ĐÔNG"


def test_issuing_body_lines(db):
    province, district, commune, grassroots, cell, school, bloc = _tree(db)
    assert issuing_body_lines(province, board=True) == ["TỈNH ỦY SƠN HÀ", "BAN TỔ CHỨC"]
    assert issuing_body_lines(province) == ["TỈNH ỦY SƠN HÀ"]
    assert issuing_body_lines(commune) == ["ĐẢNG BỘ TỈNH SƠN HÀ", "ĐẢNG ỦY XÃ TÂN HÒA"]
    assert issuing_body_lines(district, datetime.date(2025, 3, 1)) == ["ĐẢNG BỘ TỈNH SƠN HÀ", "HUYỆN ỦY TÂN PHONG"]
    assert issuing_body_lines(cell) == ["ĐẢNG ỦY CƠ SỞ KHU DÂN CƯ TÂN HÒA", "CHI BỘ THÔN ĐÔNG"]
    assert issuing_body_lines(school) == ["ĐẢNG ỦY XÃ TÂN HÒA", "CHI BỘ TRƯỜNG THCS TÂN HÒA"]


def test_a_closed_unit_is_named_by_its_successor_after_it_closed(db):
    province, district, commune, *_ = _tree(db)
    district.successor = commune
    district.save()
    assert issuing_body_lines(district, datetime.date(2025, 8, 1)) == ["ĐẢNG BỘ TỈNH SƠN HÀ", "ĐẢNG ỦY XÃ TÂN HÒA"]


def test_number_suffixes(db):
    province, district, commune, grassroots, cell, school, bloc = _tree(db)
    assert number_suffix(province) == "TU" and number_suffix(province, board=True) == "BTCTU"
    assert number_suffix(district) == "HU"
    assert number_suffix(commune) == "ĐU" and number_suffix(cell) == "CB"


def test_signature_blocks_fit_the_signer(db):
    province, district, commune, grassroots, cell, school, bloc = _tree(db)
    assert signature_block(commune).lines == ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"]
    assert signature_block(grassroots).lines == ["T/M ĐẢNG ỦY", "BÍ THƯ"]  # no standing committee
    assert signature_block(province, Signer.COMMITTEE).lines == ["T/M TỈNH ỦY", "BÍ THƯ"]
    assert signature_block(cell).lines == ["T/M CHI BỘ", "BÍ THƯ"]
    assert signature_block(province, Signer.BOARD_HEAD).lines == ["TRƯỞNG BAN"]
    assert signature_block(province, Signer.BOARD_DEPUTY).lines == ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"]
