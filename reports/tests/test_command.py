"""python manage.py report …: a file on success; a clear message, a non-zero exit and no file otherwise."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from .helpers import pdf_text, workbook


def run(*args):
    call_command("report", *args)


def test_progress_pdf_for_a_quarter(report_data, tmp_path):
    out = tmp_path / "tien-do.pdf"
    run("progress", "--unit", "P", "--year", "2026", "--quarter", "1", "--format", "pdf", "--output", str(out))
    text = pdf_text(out.read_bytes())
    assert "Quý I năm 2026" in text and "Đảng bộ xã Tân Hòa" in text and "Hệ thống" in text
    assert [p.name for p in tmp_path.iterdir()] == ["tien-do.pdf"]  # no temporary file left


def test_summary_xlsx_as_of(report_data, tmp_path):
    out = tmp_path / "tong-hop.xlsx"
    run(
        "summary", "--unit", "P-C1", "--year", "2026", "--as-of", "30/06/2026", "--format", "xlsx", "--output", str(out)
    )
    ws = workbook(out.read_bytes())["Tổng hợp"]
    assert ws.cell(row=5, column=2).value == "Tổng số đảng viên mới kết nạp"
    assert ws.cell(row=5, column=3).value == 2  # Hằng (10/03) and cell B (20/05); the 01/08 one is later


def test_class_and_candidates(report_data, tmp_path):
    out = tmp_path / "lop.pdf"
    run("class", "--unit", "P", "--class", "K1-2026", "--format", "pdf", "--output", str(out))
    assert "Nguyễn Thị Hằng" in pdf_text(out.read_bytes())
    out = tmp_path / "ds.xlsx"
    run("candidates", "--unit", "P", "--filter", "stage=proposed", "--format", "xlsx", "--output", str(out))
    rows = [r for r in workbook(out.read_bytes())["Danh sách"].iter_rows(min_row=5, values_only=True)]
    assert len([r for r in rows if isinstance(r[0], int)]) == 2


def test_with_a_users_scope(report_data, tmp_path):
    out = tmp_path / "a.pdf"
    run(
        "pipeline",
        "--unit",
        "P-C1-G1-A",
        "--year",
        "2026",
        "--user",
        "secretary_a",
        "--format",
        "pdf",
        "--output",
        str(out),
    )
    assert out.exists()


@pytest.mark.parametrize(
    "args,message",
    [
        (["unknown", "--unit", "P", "--year", "2026"], "Không có báo cáo “unknown”"),
        (["progress", "--unit", "P", "--year", "2026", "--quarter", "5"], "Quý phải là 1, 2, 3 hoặc 4."),
        (["progress", "--unit", "P", "--year", "2026", "--as-of", "01/01/2025"], "không thuộc năm 2026"),
        (["progress", "--unit", "P", "--year", "2026", "--as-of", "2026-13-01"], "không hợp lệ"),
        (["progress", "--unit", "P"], "Hãy nhập năm báo cáo."),
        (["progress", "--unit", "NO-SUCH", "--year", "2026"], "Không tìm thấy đơn vị “NO-SUCH”"),
        (["class", "--unit", "P"], "Hãy chọn lớp bồi dưỡng"),
        (["class", "--unit", "P", "--class", "NOPE"], "Không tìm thấy lớp “NOPE”"),
        (["progress", "--unit", "P", "--year", "2026", "--user", "nobody"], "Không có tài khoản “nobody”"),
        # Outside the user's scope: refused like a 404.
        (["progress", "--unit", "P", "--year", "2026", "--user", "outsider"], "Không tìm thấy đơn vị “P”"),
        (["pipeline", "--unit", "P-C1-G1-A", "--year", "2026", "--user", "secretary_b"], "Không tìm thấy đơn vị"),
    ],
)
def test_bad_input_writes_nothing(report_data, tmp_path, args, message):
    out = tmp_path / "out.pdf"
    with pytest.raises(CommandError, match=message):
        run(*args, "--format", "pdf", "--output", str(out))
    assert list(tmp_path.iterdir()) == []


def test_a_missing_directory_is_refused(report_data, tmp_path):
    with pytest.raises(CommandError, match="không tồn tại"):
        run("progress", "--unit", "P", "--year", "2026", "--format", "pdf", "--output", str(tmp_path / "x" / "a.pdf"))
