"""The admin's export of party units (django-import-export): superusers only, Vietnamese headers,
labels instead of codes, the parent and successor by code and name, a query count that does not grow
with the units, the list's filters."""

import csv
import datetime
import io
import unicodedata

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from units.models import PartyUnit, Sector, UnitKind
from units.services import unit_create

EXPORT = reverse("admin:units_partyunit_export")
HEADERS = [
    "Mã đơn vị",
    "Tên đơn vị",
    "Loại tổ chức",
    "Khối, lĩnh vực",
    "Mã đơn vị cấp trên",
    "Tên đơn vị cấp trên",
    "Hiệu lực từ",
    "Hết hiệu lực",
    "Mã đơn vị kế thừa",
    "Tên đơn vị kế thừa",
    "Số đảng viên đầu năm",
    "Có tổ chức Đoàn",
    "Có tổ chức Công đoàn",
    "Số văn bản ủy quyền kết nạp",
    "Ngày ủy quyền kết nạp",
    "Mã cấp ủy ủy quyền",
    "Tên cấp ủy ủy quyền",
]
XLSX, CSV = "0", "1"


def _post(client, fmt, query=""):
    url = EXPORT + (f"?{query}" if query else "")
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, {"format": fmt})
    assert response.status_code == 200, response.content.decode()[:2000]
    return response, len(queries)


def test_a_superuser_exports_units_by_code_and_name(cast, client, django_user_model):
    PartyUnit.objects.filter(pk=cast.cell_b.pk).update(
        valid_to=datetime.date(2025, 6, 30), successor=cast.cell_a, member_count=1234, has_youth_union=True
    )
    PartyUnit.objects.filter(pk=cast.grassroots.pk).update(
        sector=Sector.SCHOOL,
        admission_authorization_number="15-QĐ/ĐU",
        admission_authorization_date=datetime.date(2025, 8, 1),
        admission_authorized_by=cast.commune,
    )
    client.force_login(django_user_model.objects.create_superuser("root", password="x"))
    assert f'href="{EXPORT}?"' in client.get(reverse("admin:units_partyunit_changelist")).content.decode()
    response, _ = _post(client, XLSX)
    rows = [list(r) for r in load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True)]
    assert rows[0] == HEADERS and all(unicodedata.is_normalized("NFC", h) for h in rows[0])
    by_code = {r[0]: dict(zip(HEADERS, r, strict=True)) for r in rows[1:]}
    assert set(by_code) == {"P", "P-C1", "P-C1-G1", "P-C1-G1-A", "P-C1-G1-B", "P-C2", "P-C2-S", "Q"}
    b = by_code["P-C1-G1-B"]
    assert (b["Tên đơn vị"], b["Loại tổ chức"]) == ("Chi bộ thôn Đoài", UnitKind.CELL.label)
    assert (b["Mã đơn vị cấp trên"], b["Tên đơn vị cấp trên"]) == ("P-C1-G1", "Đảng bộ cơ sở thôn")
    assert (b["Mã đơn vị kế thừa"], b["Tên đơn vị kế thừa"]) == ("P-C1-G1-A", "Chi bộ thôn Đông")
    assert (b["Hết hiệu lực"], b["Số đảng viên đầu năm"], b["Có tổ chức Đoàn"]) == ("30/06/2025", 1234, "Có")
    g = by_code["P-C1-G1"]
    assert g["Khối, lĩnh vực"] == "Trường học, đơn vị sự nghiệp"
    assert (g["Ngày ủy quyền kết nạp"], g["Mã cấp ủy ủy quyền"]) == ("01/08/2025", "P-C1")
    assert by_code["P"]["Mã đơn vị cấp trên"] in ("", None)

    # CSV: the list's filter, plain digits (no thousands separator).
    response, _ = _post(client, CSV, f"kind__exact={UnitKind.CELL}")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == HEADERS
    assert sorted(r[0] for r in rows[1:]) == ["P-C1-G1-A", "P-C1-G1-B"]
    assert {r[0]: r[HEADERS.index("Số đảng viên đầu năm")] for r in rows[1:]}["P-C1-G1-B"] == "1234"


def test_the_unit_export_runs_the_same_queries_for_few_and_many_units(cast, client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", password="x"))
    _, few = _post(client, XLSX)
    for i in range(30):
        unit_create(parent=cast.grassroots, code=f"P-C1-G1-X{i}", name=f"Chi bộ số {i}", kind=UnitKind.CELL)
    response, many = _post(client, XLSX)
    assert few == many <= 6  # session, user, second factor, the units, their parents
    assert load_workbook(io.BytesIO(response.content)).worksheets[0].max_row == 1 + 8 + 30


def test_staff_who_are_not_superusers_cannot_export_units(cast, client, settings):
    from django.contrib.auth.models import Permission

    # Closed to them by default; even opened by an administrator, never the export.
    settings.ADMIN_STAFF_MODELS = ["units.partyunit"]

    cast.province_staff.user_permissions.add(Permission.objects.get(codename="view_partyunit"))
    client.force_login(cast.province_staff)
    assert client.get(reverse("admin:units_partyunit_changelist")).status_code == 200
    assert client.get(EXPORT).status_code == 403
    assert client.post(EXPORT, {"format": XLSX}).status_code == 403
