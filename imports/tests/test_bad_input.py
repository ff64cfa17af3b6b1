"""Every bad input of the issue: a clear error by row (or for the file), and nothing written."""

import datetime
import io
import zipfile

import openpyxl.xml
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from imports.models import ImportRecord
from imports.services import run_import
from units.models import PartyUnit

from .helpers import ROSTER_OPTIONS, csv_bytes, sample, snapshot, xlsx

pytestmark = pytest.mark.django_db

HEADER = ["Họ và tên", "Ngày sinh", "Giới tính", "Mã chi bộ"]


def _refused(kind, data, user=None, **options):
    before = snapshot()
    outcome = run_import(kind=kind, data=data, file_name="bad", user=user, dry_run=False, options=options)
    assert not outcome.ok and not outcome.committed
    assert snapshot() == before
    assert not ImportRecord.objects.exists()
    return outcome


@pytest.mark.parametrize(
    "data,message",
    [
        (b"", "Tệp rỗng."),
        (b"%PDF-1.7\n\xff\xfe\x00\x01 binary", "không phải bảng tính"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "không phải bảng tính"),
        (b"\xff\xfe\xfa not utf-8 text \xe9", "không phải bảng tính"),
    ],
)
def test_not_a_spreadsheet(cast, data, message):
    outcome = _refused("candidates", data)
    assert message in outcome.file_errors[0]


def test_a_zip_that_is_not_xlsx(cast):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert "không phải bảng tính Excel" in _refused("candidates", buffer.getvalue()).file_errors[0]


def test_a_zip_bomb_is_refused(cast):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<a>" + b" " * (50 * 1024 * 1024) + b"</a>")
    assert "bom nén" in _refused("candidates", buffer.getvalue()).file_errors[0]


def test_spreadsheet_xml_is_parsed_with_defusedxml(cast):
    assert openpyxl.xml.DEFUSEDXML
    source = zipfile.ZipFile(io.BytesIO(xlsx([HEADER, ["A", "01/01/1990", "Nam", "P-C1-G1-A"]])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(
                    b"<worksheet", b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><worksheet', 1
                )
            archive.writestr(info, content)
    outcome = _refused("candidates", buffer.getvalue())
    assert "Không đọc được tệp .xlsx" in outcome.file_errors[0]


def test_upload_size_limit(cast, settings):
    settings.IMPORT_MAX_UPLOAD_BYTES = 1024
    data = csv_bytes([HEADER] + [["Nguyễn Văn A", "01/01/1990", "Nam", "P-C1-G1-A"]] * 100)
    assert "Tệp quá lớn" in _refused("candidates", data).file_errors[0]


def test_no_recognizable_header(cast):
    data = xlsx([["Danh sách"], ["Cột một", "Cột hai"], ["x", "y"]])
    assert "Không tìm thấy dòng tiêu đề cột" in _refused("candidates", data).file_errors[0]


def test_a_required_column_missing(cast):
    # A candidate list may lack birth dates (issue 16: imported as incomplete records); a roster may not.
    data = xlsx([["Họ và tên", "Giới tính", "Kết quả"], ["A", "Nam", "Khá"]])
    assert "thiếu cột bắt buộc: “Ngày sinh”" in _refused("roster", data, **ROSTER_OPTIONS).file_errors[0]


def test_unknown_cell_code_impossible_date_and_duplicate_row(cast):
    data = xlsx(
        [
            HEADER,
            ["Nguyễn Văn A", "01/01/1990", "Nam", "P-C1-G1-A"],
            ["Nguyễn Văn B", "01/01/1990", "Nam", "KHONG-CO"],
            ["Nguyễn Văn C", "31/02/1990", "Nam", "P-C1-G1-A"],
            ["NGUYỄN VĂN A", datetime.date(1990, 1, 1), "Nam", "P-C1-G1-A"],
        ]
    )
    outcome = _refused("candidates", data, cast.province_staff)
    assert outcome.error_lines() == [
        "dòng 3, cột D (Mã chi bộ): không tìm thấy chi bộ mã “KHONG-CO” trong phạm vi quản lý của bạn.",
        "dòng 4, cột B (Ngày sinh): ngày “31/02/1990” không tồn tại.",
        "dòng 5, cột A (Họ và tên): trùng với dòng 2 (cùng họ tên, ngày sinh và chi bộ).",
    ]
    assert [r.status for r in outcome.rows] == ["new", "error", "error", "error"]


def test_a_role_without_the_import_right_is_refused(cast):
    data = xlsx([HEADER, ["Nguyễn Văn A", "01/01/1990", "Nam", "P-C1-G1-A"]])
    before = snapshot()
    with pytest.raises(PermissionDenied):
        run_import(kind="candidates", data=data, file_name="x.xlsx", user=cast.secretary_a, dry_run=False)
    with pytest.raises(PermissionDenied):
        run_import(kind="units", data=data, file_name="x.xlsx", user=cast.commune_staff, dry_run=False)
    assert snapshot() == before


def test_a_unit_outside_the_scope_for_committee_staff(cast):
    data = xlsx([HEADER, ["Nguyễn Văn A", "01/01/1990", "Nam", "P-C2-S"]])
    outcome = _refused("candidates", data, cast.commune_staff)
    assert outcome.error_lines() == [
        "dòng 2, cột D (Mã chi bộ): không tìm thấy chi bộ mã “P-C2-S” trong phạm vi quản lý của bạn."
    ]


def test_units_outside_scope_cycles_and_roots(cast):
    data = xlsx(
        [
            ["Mã đơn vị", "Tên đơn vị", "Loại tổ chức", "Mã đơn vị cấp trên"],
            ["Q-NEW", "Chi bộ mới", "Chi bộ", "Q"],
            ["P-C1", "Đảng bộ xã Tân Hòa", "Đảng bộ xã", "P-C1-G1"],
            ["NEW-ROOT", "Đảng bộ tỉnh Mới", "Tỉnh ủy", ""],
            ["P-X", "Đơn vị lạ", "Hội đồng", "P"],
            ["P-Y", "Chi bộ Y", "Chi bộ", "KHONG-CO"],
        ]
    )
    outcome = _refused("units", data, cast.province_staff)
    assert outcome.error_lines() == [
        "dòng 2, cột D (Mã đơn vị cấp trên): cấp trên: không tìm thấy đơn vị mã “Q” trong phạm vi quản lý của bạn.",
        "dòng 3, cột D (Mã đơn vị cấp trên): không thể đặt “P-C1” dưới đơn vị trực thuộc của chính nó.",
        "dòng 4, cột D (Mã đơn vị cấp trên): đơn vị mới cần mã đơn vị cấp trên (chỉ quản trị hệ thống được tạo "
        "đơn vị cấp cao nhất).",
        "dòng 5, cột C (Loại tổ chức): không hiểu “Hội đồng” (ghi ví dụ “Đảng bộ cơ sở”, “Chi bộ trực thuộc”).",
        "dòng 6, cột D (Mã đơn vị cấp trên): cấp trên: không tìm thấy đơn vị mã “KHONG-CO” trong phạm vi quản lý của bạn.",
    ]


@pytest.mark.parametrize(
    "row,message",
    [
        (["P-C1", 2026, -1], "dòng 2, cột C (Chỉ tiêu): chỉ tiêu không được âm."),
        (["P-C1", 2026, "năm"], "dòng 2, cột C (Chỉ tiêu): “năm” không phải là số nguyên."),
        (["P-C1", 1999, 3], "dòng 2, cột B (Năm): năm 1999 ngoài khoảng 2000–2100."),
        (["Q", 2026, 3], "dòng 2, cột A (Mã đơn vị): không tìm thấy đơn vị mã “Q” trong phạm vi quản lý của bạn."),
        (
            ["KHONG-CO", 2026, 3],
            "dòng 2, cột A (Mã đơn vị): không tìm thấy đơn vị mã “KHONG-CO” trong phạm vi quản lý của bạn.",
        ),
        (
            ["P", 2026, 3],
            "dòng 2, cột A (Mã đơn vị): bạn không được giao chỉ tiêu cho “P”: chỉ tiêu của một đơn vị do cấp trên giao.",
        ),
    ],
)
def test_bad_quota_rows(cast, row, message):
    outcome = _refused("quotas", xlsx([["Mã đơn vị", "Năm", "Chỉ tiêu"], row]), cast.province_staff)
    assert outcome.error_lines() == [message]


def test_duplicate_unit_and_year_in_a_quota_file(cast):
    data = xlsx([["Mã đơn vị", "Năm", "Chỉ tiêu"], ["P-C1", 2026, 3], ["P-C1", "2026", 4]])
    outcome = _refused("quotas", data, cast.province_staff)
    assert outcome.error_lines() == ["dòng 3, cột A (Mã đơn vị): đơn vị “P-C1” năm 2026 trùng với dòng 2."]


def test_roster_for_a_missing_class_without_its_name(cast):
    data = sample("hoc_vien_lop_boi_duong_khoa_I_2024.xlsx")
    outcome = _refused("roster", data, cast.training, class_code="K9")
    assert "Chưa có lớp mã “K9”" in outcome.file_errors[0]
    outcome = _refused("roster", data, cast.training, **(ROSTER_OPTIONS | {"end": datetime.date(2024, 1, 1)}))
    assert "Ngày bế giảng trước ngày khai giảng." in outcome.file_errors


def test_a_service_refusal_at_commit_rolls_back_every_row(cast, monkeypatch):
    """The rows are written in one transaction: a refusal on the last row undoes the first ones."""
    import units.resources

    real = units.resources.unit_update

    def refuse_second(*, unit, actor=None, **fields):
        if unit.code == "P-C2":
            raise ValidationError("Từ chối thử.")
        return real(unit=unit, actor=actor, **fields)

    monkeypatch.setattr(units.resources, "unit_update", refuse_second)
    data = xlsx(
        [
            ["Mã đơn vị", "Tên đơn vị", "Loại tổ chức", "Mã đơn vị cấp trên"],
            ["P-NEW", "Chi bộ mới", "Chi bộ cơ sở", "P"],
            ["P-C1", "Đảng bộ xã Tân Hòa mới", "Đảng bộ xã", "P"],
            ["P-C2", "Đảng bộ xã Phú Xuân mới", "Đảng bộ xã", "P"],
        ]
    )
    outcome = _refused("units", data, cast.province_staff)
    assert outcome.error_lines() == ["dòng 4: Từ chối thử."]
    assert not PartyUnit.objects.filter(code="P-NEW").exists()
    assert PartyUnit.objects.get(code="P-C1").name == "Đảng bộ xã Tân Hòa"


def test_text_longer_than_its_column_is_a_row_error(cast):
    # Checked per row by the engine, so the bulk write needs no full_clean.
    data = xlsx(
        [
            [*HEADER, "Nơi làm việc"],
            ["Nguyễn Văn A", "01/01/1990", "Nam", "P-C1-G1-A", "Công ty " + "x" * 260],
        ]
    )
    outcome = _refused("candidates", data, cast.province_staff)
    assert outcome.error_lines() == ["dòng 2, cột E (Nơi làm việc): dài quá 255 ký tự."]


def test_size_messages_say_the_limit_as_set():
    from spreadsheets.reader import too_large_message

    mb = 1024 * 1024
    assert too_large_message(12 * mb, 10 * mb) == "Tệp quá lớn (12 MB); giới hạn là 10 MB."
    assert too_large_message(int(10.6 * mb), int(10.5 * mb)) == "Tệp quá lớn (10,6 MB); giới hạn là 10,5 MB."
    # A limit under 1 MB does not read "0 MB".
    assert too_large_message(2048, 1024) == "Tệp quá lớn (2 KB); giới hạn là 1 KB."
    assert too_large_message(1023 * 1024, 1000 * 1024) == "Tệp quá lớn (1.023 KB); giới hạn là 1.000 KB."


def test_commune_staff_cannot_lower_their_own_target_by_import(cast):
    """Leak found in the audit: the web form forbids it (the level above sets a unit's own target);
    the import must obey the same rule."""
    from quotas.models import Quota

    Quota.objects.create(unit=cast.commune, year=2026, target=8)
    data = xlsx([["Mã đơn vị", "Năm", "Chỉ tiêu"], ["P-C1", 2026, 1]])
    outcome = _refused("quotas", data, cast.commune_staff)
    assert outcome.error_lines() == [
        "dòng 2, cột A (Mã đơn vị): bạn không được giao chỉ tiêu cho “P-C1”: chỉ tiêu của một đơn vị do cấp trên giao."
    ]
    assert Quota.objects.get(unit=cast.commune, year=2026).target == 8
    # The children's targets stay theirs to set.
    ok = run_import(
        kind="quotas",
        data=xlsx([["Mã đơn vị", "Năm", "Chỉ tiêu"], ["P-C1-G1", 2026, 3]]),
        file_name="q.xlsx",
        user=cast.commune_staff,
        dry_run=False,
    )
    assert ok.committed, ok.error_lines()
    assert Quota.objects.get(unit=cast.grassroots, year=2026).target == 3
