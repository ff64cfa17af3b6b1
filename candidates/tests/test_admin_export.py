"""The admin's export of people (django-import-export): superusers only, Vietnamese headers, dates
dd/mm/yyyy, labels instead of codes, the cell by code and name, the list's filters, no national ID or
phone, recorded in the access log, and a query count that does not grow with the rows."""

import csv
import datetime
import io
import unicodedata

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from audit.models import AccessKind, PersonalDataAccess
from audit.services import term_hash
from candidates.models import Stage
from candidates.tests.factories import make_candidate

EXPORT = reverse("admin:candidates_candidate_export")
HEADERS = [
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Dân tộc",
    "Nghề nghiệp",
    "Mã chi bộ",
    "Tên chi bộ",
    "Giai đoạn",
    "Tình trạng",
    "Lý do ra khỏi danh sách",
    "Ngày ra khỏi danh sách",
    "Ngày vào danh sách cảm tình Đảng",
    "Ngày cấp giấy chứng nhận bồi dưỡng",
    "Số quyết định kết nạp",
    "Ngày quyết định kết nạp",
    "Ngày lễ kết nạp",
    "Ngày quyết định công nhận chính thức",
]
XLSX, CSV = "0", "1"  # the choices of the export form's format, in AdminExportMixin.export_formats order


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("root", password="x")


def _export(client, fmt, query=""):
    url = EXPORT + (f"?{query}" if query else "")
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(url, {"format": fmt})
    assert response.status_code == 200, response.content.decode()[:2000]
    return response


def _xlsx_rows(response):
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_a_superuser_exports_people_as_xlsx_with_vietnamese_headers_and_labels(cast, client, superuser):
    make_candidate(
        cast.cell_a,
        Stage.DECIDED,
        full_name="Nguyễn Thị Hằng",
        birth_date=datetime.date(1998, 3, 7),
        national_id="001198012345",
        phone="0912345678",
        residence="Thôn Đông, xã Tân Hòa",
        sex="F",
    )
    client.force_login(superuser)
    changelist = client.get(reverse("admin:candidates_candidate_changelist")).content.decode()
    assert f'href="{EXPORT}?"' in changelist and "Xuất Excel, CSV" in changelist
    assert "/import/" not in changelist  # export only: imports go through the app's own pages
    page = client.get(EXPORT).content.decode()
    assert "Tải tệp về" in page and "Họ và tên" in page and "Submit" not in page

    response = _export(client, XLSX)
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert 'filename="quan_chung_dang_vien_moi_' in response["Content-Disposition"]
    rows = _xlsx_rows(response)
    assert rows[0] == HEADERS
    assert all(unicodedata.is_normalized("NFC", h) for h in rows[0])
    assert len(rows) == 2
    row = dict(zip(HEADERS, rows[1], strict=True))
    assert row["Họ và tên"] == "Nguyễn Thị Hằng"
    assert row["Ngày sinh"] == "07/03/1998"
    assert row["Giới tính"] == "Nữ"
    assert row["Giai đoạn"] == "Có quyết định kết nạp"
    assert (row["Mã chi bộ"], row["Tên chi bộ"]) == ("P-C1-G1-A", "Chi bộ thôn Đông")
    assert row["Tình trạng"] == "Đang theo dõi"
    assert row["Ngày quyết định kết nạp"] == "15/10/2024"
    assert row["Ngày cấp giấy chứng nhận bồi dưỡng"] == "28/06/2024"
    cells = {str(c) for r in rows for c in r if c is not None}
    assert not {"001198012345", "0912345678", "Thôn Đông, xã Tân Hòa"} & cells  # never in a bulk file
    assert str(cast.cell_a.pk) not in cells  # the cell by code and name, not its id
    # The export of personal data is in the access log.
    entry = PersonalDataAccess.objects.get()
    assert (entry.kind, entry.username, entry.file_format) == (AccessKind.EXPORT, "root", "xlsx")
    assert entry.what.startswith("Quản trị")


def test_the_export_follows_the_list_filters_and_logs_a_national_id_search_as_a_hash(cast, client, superuser):
    make_candidate(cast.cell_a, Stage.PROPOSED, full_name="Trần Văn Bình", national_id="001095000111")
    make_candidate(cast.cell_b, Stage.PROPOSED, full_name="Lê Thị Cúc", national_id="001095000222")
    make_candidate(cast.cell_a, Stage.SOURCE, full_name="Phạm Văn Dũng", national_id="001095000111")
    client.force_login(superuser)
    rows = _xlsx_rows(_export(client, XLSX, "stage__exact=proposed"))
    assert sorted(r[0] for r in rows[1:]) == ["Lê Thị Cúc", "Trần Văn Bình"]

    response = _export(client, CSV, "stage__exact=proposed&q=001095000111")
    assert response.content.startswith("\ufeff".encode())  # Excel opens UTF-8 CSV right only with the BOM
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == HEADERS
    assert [r[0] for r in rows[1:]] == ["Trần Văn Bình"]
    assert rows[1][HEADERS.index("Giai đoạn")] == "Đề nghị kết nạp"
    entry = PersonalDataAccess.objects.filter(file_format="csv").get()
    assert entry.filters == {"stage__exact": "proposed", "q_hash": term_hash("001095000111")}
    assert "001095000111" not in str(entry.filters)


def test_text_that_looks_like_a_formula_is_not_a_formula_in_the_file(cast, client, superuser):
    make_candidate(cast.cell_a, Stage.DECIDED, full_name="Nguyễn Văn An", decision_number="=1+1")
    client.force_login(superuser)
    rows = _xlsx_rows(_export(client, XLSX))
    assert rows[1][HEADERS.index("Số quyết định kết nạp")] == "'=1+1"


def test_staff_who_are_not_superusers_cannot_export(cast, client, django_user_model, settings):
    from django.contrib.auth.models import Permission

    # Closed to them by default; even opened by an administrator, never the export.
    settings.ADMIN_STAFF_MODELS = ["candidates.candidate"]

    make_candidate(cast.cell_a, Stage.SOURCE)
    # The organization board is staff (the public holidays); even with the right to view people in
    # the admin, a non-superuser never reaches the export.
    staff = cast.province_staff
    staff.user_permissions.add(Permission.objects.get(codename="view_candidate"))
    client.force_login(staff)
    changelist = client.get(reverse("admin:candidates_candidate_changelist"))
    assert changelist.status_code == 200 and EXPORT not in changelist.content.decode()  # no button either
    assert client.get(EXPORT).status_code == 403
    assert client.post(EXPORT, {"format": XLSX}).status_code == 403
    assert not PersonalDataAccess.objects.exists()
    # Not staff at all: the admin's login page.
    client.force_login(cast.commune_staff)
    response = client.get(EXPORT)
    assert response.status_code == 302 and "/quan-tri/login/" in response["Location"]


def _count_queries(client, fmt):
    assert client.get(EXPORT).status_code == 200  # the form first, as in the admin (it refreshes the session)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(EXPORT, {"format": fmt})
    assert response.status_code == 200
    return len(queries), response


@pytest.mark.parametrize("fmt", [XLSX, CSV])
def test_the_export_runs_the_same_queries_for_3_and_30_people(cast, client, superuser, fmt):
    client.force_login(superuser)
    cells = [cast.cell_a, cast.cell_b, cast.school]
    for i in range(3):
        make_candidate(cells[i % 3], Stage.TRAINED)
    small, response = _count_queries(client, fmt)
    for i in range(27):
        make_candidate(cells[i % 3], Stage.PROBATIONARY)
    large, response = _count_queries(client, fmt)
    # Session, user, second factor, the rows (one query, the cell joined), the access-log entry.
    assert small == large <= 6
    body = response.content if fmt == CSV else None
    rows = _xlsx_rows(response) if fmt == XLSX else list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert len(rows) == 31
