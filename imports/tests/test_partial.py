"""Issue 16, item 2: all-or-nothing by default, with an error summary; on request only the valid
rows, and an error workbook of the rejected rows (as they were, plus a column "Lỗi")."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from candidates.models import Candidate
from imports.models import ImportRecord
from imports.services import run_import

from .helpers import snapshot, xlsx

pytestmark = pytest.mark.django_db

HEADER = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Mã chi bộ", "Ghi chú"]
BAD = {1200: ("31/02/1990", "P-C1-G1-A"), 2500: ("01/01/1990", "KHONG-CO"), 4999: ("ngày xưa", "P-C1-G1-A")}


def _file(n: int = 5000) -> bytes:
    rows = [HEADER]
    for i in range(n):
        birth, cell = BAD.get(i, (datetime.date(1980, 1, 1) + datetime.timedelta(days=i), "P-C1-G1-A"))
        rows.append([i + 1, f"Người Thứ {i}", birth, "Nam", cell, f"ghi chú {i}"])
    return xlsx(rows)


def test_all_or_nothing_refuses_with_a_summary_then_the_valid_rows_on_request(cast, tmp_path):
    data = _file()
    before = snapshot()
    refused = run_import(kind="candidates", data=data, file_name="ds.xlsx", dry_run=False)
    assert not refused.committed and snapshot() == before
    summary = refused.error_summary()
    assert sum(s["count"] for s in summary) == 3
    kinds = {s["kind"]: s["rows"] for s in summary}
    assert kinds["cột C (Ngày sinh): ngày “…” không tồn tại."] == [1202]
    assert kinds["cột E (Mã chi bộ): không tìm thấy chi bộ mã “…” trong phạm vi quản lý của bạn."] == [2502]
    assert any(k.startswith("cột C (Ngày sinh): không đọc được ngày") for k in kinds)

    outcome = run_import(kind="candidates", data=data, file_name="ds.xlsx", dry_run=False, valid_only=True)
    assert outcome.committed
    assert Candidate.objects.count() == 4997
    record = ImportRecord.objects.get()
    assert record.status == "partial" and record.created == 4997 and record.details["rejected"] == 3

    header, rejected = outcome.rejected
    book = openpyxl.load_workbook(
        io.BytesIO(__import__("imports.storage", fromlist=["x"]).rejected_workbook(record.pk))
    )
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0] == (*HEADER, "Lỗi")
    assert [r[1] for r in rows[1:]] == ["Người Thứ 1200", "Người Thứ 2500", "Người Thứ 4999"]
    assert rows[1][2] == "31/02/1990" and rows[1][6] == "cột C (Ngày sinh): ngày “31/02/1990” không tồn tại."
    assert rows[2][5] == "ghi chú 2500" and "không tìm thấy chi bộ mã “KHONG-CO”" in rows[2][6]
    assert "không đọc được ngày “ngày xưa”" in rows[3][6]

    # Fixed and imported again: the three, nothing else changes.
    fixed = [list(rows[0][:-1])] + [[*r[:-1]] for r in rows[1:]]
    fixed[1][2], fixed[2][4], fixed[3][2] = "28/02/1990", "P-C1-G1-A", "02/02/1990"
    again = run_import(kind="candidates", data=xlsx(fixed), file_name="sua.xlsx", dry_run=False)
    assert again.committed and again.counts["new"] == 3
    assert Candidate.objects.count() == 5000


def test_the_web_offers_the_valid_rows_and_the_error_workbook(cast, login, settings, tmp_path):
    settings.IMPORT_TEMP_DIR = tmp_path
    client = login(cast.province_staff)
    response = client.post(
        reverse("imports-upload", args=["candidates"]), {"file": SimpleUploadedFile("ds.xlsx", _file(40))}
    )
    page = response.content.decode()
    assert "Tóm tắt lỗi" not in page and "Chỉ nhập các dòng hợp lệ" not in page and "Xác nhận nhập" in page
    rows = [
        HEADER,
        [1, "Người Một", "31/02/1990", "Nam", "P-C1-G1-A", ""],
        [2, "Người Hai", "01/01/1990", "Nam", "P-C1-G1-A", ""],
    ]
    response = client.post(
        reverse("imports-upload", args=["candidates"]), {"file": SimpleUploadedFile("ds.xlsx", xlsx(rows))}
    )
    page = response.content.decode()
    assert "Tóm tắt lỗi: 1 dòng có lỗi" in page and "Chỉ nhập các dòng hợp lệ" in page
    response = client.post(
        reverse("imports-confirm", args=["candidates"]), {"token": response.context["token"], "mode": "valid_only"}
    )
    assert response.status_code == 302
    assert list(Candidate.objects.values_list("full_name", flat=True)) == ["Người Hai"]
    record_page = client.get(response.url).content.decode()
    assert "1 dòng lỗi đã bị bỏ qua" in record_page
    download = client.get(reverse("imports-rejected", args=[ImportRecord.objects.get().pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(download.content)).active
    assert sheet["B2"].value == "Người Một" and "không tồn tại" in sheet["G2"].value


def test_the_command_line_valid_only_and_errors_file(cast, tmp_path):
    path = tmp_path / "ds.xlsx"
    rows = [
        HEADER,
        [1, "Người Một", "31/02/1990", "Nam", "P-C1-G1-A", ""],
        [2, "Người Hai", "01/01/1990", "Nam", "P-C1-G1-A", ""],
    ]
    path.write_bytes(xlsx(rows))
    errors = tmp_path / "loi.xlsx"
    call_command("import_candidates", str(path), "--valid-only", "--errors", str(errors))
    assert Candidate.objects.count() == 1
    assert openpyxl.load_workbook(errors).active["B2"].value == "Người Một"
