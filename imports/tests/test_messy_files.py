"""The shapes real files take, made inside the tests: title rows, merged headers worded differently,
NFD names in capitals, dates as date cells / serial numbers / text, blank lines, a signature block,
CSV with a BOM, formulas and control characters."""

import datetime
import unicodedata

import pytest

from candidates.models import Candidate, Stage, StageEvent
from imports.services import run_import
from quotas.models import Quota

from .helpers import ROSTER_OPTIONS, csv_bytes, sample, xlsx

pytestmark = pytest.mark.django_db


def _candidates(data, user=None, dry_run=False, name="ds.xlsx"):
    return run_import(kind="candidates", data=data, file_name=name, user=user, dry_run=dry_run)


def test_title_block_synonyms_nfd_capitals_dates_blank_line_and_signature(cast):
    nfd = unicodedata.normalize("NFD", "NGUYỄN THỊ HẰNG")
    data = xlsx(
        [
            [],
            ["TT", "Họ, tên", "Ngày, tháng, năm sinh", "Nam/Nữ", "Đơn vị", "Ngày vào DS cảm tình Đảng"],
            ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
            [1, nfd, datetime.date(1990, 6, 5), "Nữ", "Chi bộ thôn Đông", "05/03/2024"],
            [2, "trần   văn  bình", 33029, "nam", "CHI BỘ THÔN ĐÔNG", 45356],
            [],
            [3, "Lê Văn Cường", "5/6/1990", "Nam", "Chi bộ thôn Đoài", None],
            [],
            [None, None, None, None, "Tân Hòa, ngày 10 tháng 7 năm 2024"],
            [None, None, None, None, "NGƯỜI LẬP DANH SÁCH"],
            [None, None, None, None, "Trần Thị Hằng"],
        ],
        title_rows=["ĐẢNG BỘ XÃ TÂN HÒA", "DANH SÁCH QUẦN CHÚNG ƯU TÚ NĂM 2024"],
    )
    outcome = _candidates(data, cast.province_staff)
    assert outcome.committed, outcome.error_lines()
    assert outcome.header_row == 4
    assert [r.number for r in outcome.rows] == [6, 7, 9]
    hang = Candidate.objects.get(search_name="nguyen thi hang")
    assert hang.full_name == "Nguyễn Thị Hằng" and unicodedata.is_normalized("NFC", hang.full_name)
    assert hang.stage == Stage.SYMPATHIZER and hang.sympathizer_date == datetime.date(2024, 3, 5)
    binh = Candidate.objects.get(full_name="Trần Văn Bình")
    assert binh.birth_date == datetime.date(1990, 6, 5)  # serial 33029
    assert binh.sympathizer_date == datetime.date(2024, 3, 5)  # serial 45356
    assert binh.cell == cast.cell_a and binh.sex == "M"
    cuong = Candidate.objects.get(full_name="Lê Văn Cường")
    assert cuong.birth_date == datetime.date(1990, 6, 5) and cuong.stage == Stage.SOURCE  # day first


def test_csv_with_bom_and_semicolons_reimported_updates_not_duplicates(cast):
    rows = [
        ["Họ và tên", "Ngày sinh", "Giới tính", "Mã chi bộ", "Điện thoại"],
        ["Phạm Thị Mai", "01/02/1995", "Nữ", "P-C1-G1-A", "0912"],
    ]
    first = _candidates(csv_bytes(rows, delimiter=";"), name="ds.csv")
    assert first.committed and first.file_format == "csv" and first.counts["new"] == 1
    rows[1][4] = "0913"
    again = _candidates(csv_bytes(rows, bom=False), name="ds.csv")
    assert again.counts == {"new": 0, "update": 1, "unchanged": 0, "unmatched": 0, "error": 0}
    mai = Candidate.objects.get(full_name="Phạm Thị Mai")
    assert mai.phone == "0913" and mai.version == 2
    assert Candidate.objects.count() == 1


def test_milestones_give_the_stage_and_imported_events_with_warnings(cast):
    header = [
        "Họ và tên",
        "Ngày sinh",
        "Giới tính",
        "Mã chi bộ",
        "Ngày vào danh sách cảm tình Đảng",
        "Số GCN",
        "Ngày cấp GCN",
        "Ngày nghị quyết chi bộ",
        "Số quyết định kết nạp",
        "Ngày quyết định kết nạp",
        "Ngày kết nạp",
    ]
    late = [
        "Đỗ Văn Hùng",
        "12/03/1990",
        "Nam",
        "P-C1-G1-A",
        "01/02/2023",
        "12/GCN",
        "10/06/2023",
        "01/09/2023",
        "88-QĐ/TU",
        "15/01/2024",  # more than 60 working days after the cell resolution: a warning only
        "20/01/2024",
    ]
    outcome = _candidates(xlsx([header, late]), cast.province_staff)
    assert outcome.committed, outcome.error_lines()
    assert any("muộn" in w for w in outcome.warning_lines())
    hung = Candidate.objects.get(full_name="Đỗ Văn Hùng")
    assert hung.stage == Stage.PROBATIONARY and hung.admitting_unit == cast.cell_a
    assert hung.decision_number == "88-QĐ/TU" and hung.certificate_number == "12/GCN"
    events = list(StageEvent.objects.filter(candidate=hung).order_by("legal_date", "id"))
    assert [e.to_stage for e in events] == ["source", "sympathizer", "trained", "proposed", "decided", "probationary"]
    assert all(e.imported and e.entered_by == cast.province_staff for e in events)


def test_formula_and_control_characters_are_text(cast):
    rows = [
        ["Họ và tên", "Ngày sinh", "Giới tính", "Mã chi bộ", "Ghi chú", "Nơi cư trú"],
        ["Vũ Văn\x07 Nam", "01/01/1990", "Nam", "P-C1-G1-A", '=HYPERLINK("http://x")', "Thôn\x0bĐông"],
    ]
    outcome = _candidates(csv_bytes(rows), name="a.csv")
    assert outcome.committed, outcome.error_lines()
    rows[1][0] = "Vũ Văn Nam"
    rows[1][5] = "Thôn Đông"
    outcome = _candidates(xlsx(rows))
    assert outcome.committed, outcome.error_lines()
    nam = Candidate.objects.get()
    assert nam.full_name == "Vũ Văn Nam"
    assert nam.note == '=HYPERLINK("http://x")'
    assert nam.residence == "Thôn Đông"
    assert outcome.counts["unchanged"] == 1  # the formula came back as the same text


def test_ambiguous_cell_names_prefer_the_subtree_the_file_points_to(cast):
    """Both provinces have a “Chi bộ thôn Đông”; the other rows of the file name cells of P only."""
    from units.services import unit_create

    unit_create(parent=cast.other_province, code="Q-A", name="Chi bộ thôn Đông", kind="cell")
    rows = [
        ["Họ và tên", "Ngày sinh", "Giới tính", "Chi bộ"],
        ["An Văn Một", "01/01/1990", "Nam", "Chi bộ thôn Đông"],
        ["An Văn Hai", "01/01/1991", "Nam", "Chi bộ thôn Đoài"],
    ]
    outcome = _candidates(xlsx(rows), dry_run=True)
    assert outcome.ok, outcome.error_lines()
    alone = _candidates(xlsx(rows[:2]), dry_run=True)
    assert not alone.ok
    assert "trùng ở 2 đơn vị (mã P-C1-G1-A, Q-A); hãy ghi cột Mã chi bộ" in alone.error_lines()[0]


def test_quota_file_with_title_and_thousand_separators(cast):
    data = xlsx(
        [
            ["Mã đơn vị", "Năm", "Chỉ tiêu kết nạp", "Phấn đấu", "Văn bản giao"],
            ["P-C1", 2026, "1.214", 1300, "51-KH/TU"],
        ],
        title_rows=["CHỈ TIÊU KẾT NẠP ĐẢNG VIÊN NĂM 2026"],
    )
    outcome = run_import(kind="quotas", data=data, file_name="ct.xlsx", user=cast.province_staff, dry_run=False)
    assert outcome.committed, outcome.error_lines()
    quota = Quota.objects.get()
    assert (quota.unit, quota.year, quota.target, quota.target_max, quota.document) == (
        cast.commune,
        2026,
        1214,
        1300,
        "51-KH/TU",
    )
    again = run_import(kind="quotas", data=data, file_name="ct.xlsx", user=cast.province_staff, dry_run=False)
    assert again.counts["unchanged"] == 1


def test_the_xls_sample_reads_date_cells_and_text_dates():
    outcome = run_import(
        kind="roster",
        data=sample("hoc_vien_lop_boi_duong_khoa_I_2024.xls"),
        file_name="x.xls",
        dry_run=True,
        options=ROSTER_OPTIONS,
    )
    assert outcome.file_format == "xls" and outcome.header_row == 5
    assert [r.number for r in outcome.rows] == list(range(6, 31))  # signature block left out
    assert outcome.rows[3].values[1] == ("Ngày sinh", "25/11/1990")
