"""The import_* commands: same engine, exit status, every error as "dòng N, cột X: …"."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from candidates.models import Candidate, Stage
from imports.models import ImportRecord

from .helpers import SAMPLES, snapshot, xlsx

pytestmark = pytest.mark.django_db


def test_the_three_samples_from_the_command_line(capsys):
    call_command("import_units", str(SAMPLES / "don_vi_huyen_tan_phong.xlsx"))
    call_command("import_candidates", str(SAMPLES / "danh_sach_cam_tinh_dang_2024.xlsx"), "--dry-run")
    assert not Candidate.objects.exists()
    call_command("import_candidates", str(SAMPLES / "danh_sach_cam_tinh_dang_2024.xlsx"))
    call_command(
        "import_roster",
        str(SAMPLES / "hoc_vien_lop_boi_duong_khoa_I_2024.xls"),
        "--class",
        "K1-2024",
        "--class-name",
        "Lớp bồi dưỡng khóa I năm 2024",
        "--start",
        "17/06/2024",
        "--end",
        "28/06/2024",
    )
    out = capsys.readouterr().out
    assert "25 dòng — mới 20, cập nhật 0, không đổi 0, không khớp 5, lỗi 0." in out
    assert "dòng 7 (Nguyễn Quốc Quân (16/07/1982)): không tìm thấy quần chúng cùng họ tên và ngày sinh" in out
    assert Candidate.objects.filter(stage=Stage.TRAINED).count() == 20
    assert ImportRecord.objects.count() == 3


def test_errors_are_printed_by_row_and_column_and_nothing_is_written(cast, tmp_path, capsys):
    path = tmp_path / "ds.xlsx"
    path.write_bytes(
        xlsx(
            [
                ["Họ và tên", "Ngày sinh", "Giới tính", "Mã chi bộ"],
                ["Nguyễn Văn A", "31/02/1990", "Nam", "P-C1-G1-A"],
                ["Nguyễn Văn B", "01/01/1990", "Nam", "P-C2-S"],
            ]
        )
    )
    before = snapshot()
    with pytest.raises(CommandError, match="Không ghi gì"):
        call_command("import_candidates", str(path), "--user", "commune_staff")
    err = capsys.readouterr().err
    assert "dòng 2, cột B (Ngày sinh): ngày “31/02/1990” không tồn tại." in err
    assert "dòng 3, cột D (Mã chi bộ): không tìm thấy chi bộ mã “P-C2-S” trong phạm vi quản lý của bạn." in err
    assert snapshot() == before


def test_bad_arguments(cast, tmp_path):
    with pytest.raises(CommandError, match="Không đọc được tệp"):
        call_command("import_units", str(tmp_path / "none.xlsx"))
    with pytest.raises(CommandError, match="Không có tài khoản"):
        call_command("import_units", str(SAMPLES / "don_vi_huyen_tan_phong.xlsx"), "--user", "ai")
    with pytest.raises(CommandError, match="không được nhập"):
        call_command("import_units", str(SAMPLES / "don_vi_huyen_tan_phong.xlsx"), "--user", "viewer")
    with pytest.raises(CommandError, match="không hợp lệ"):
        call_command(
            "import_roster", str(SAMPLES / "don_vi_huyen_tan_phong.xlsx"), "--class", "K", "--start", "31/02/2024"
        )


def test_a_file_refused_as_a_whole_does_not_read_as_zero_errors(cast, capsys):
    before = snapshot()
    with pytest.raises(CommandError, match="Không ghi gì"):
        call_command("import_roster", str(SAMPLES / "hoc_vien_lop_boi_duong_khoa_I_2024.xls"), "--class", "KHONG-CO")
    captured = capsys.readouterr()
    assert "lỗi 0." not in captured.out
    assert "lỗi của cả tệp." in captured.out
    assert "KHONG-CO" in captured.err
    assert snapshot() == before
