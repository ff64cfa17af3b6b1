"""The admin's export of targets (django-import-export): the unit by code and name, Vietnamese
headers, a query count that does not grow with the rows, superusers only."""

import csv
import io
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from quotas.models import Quota, TermTarget

XLSX, CSV = "0", "1"


def _post(client, name, fmt):
    url = reverse(f"admin:{name}_export")
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, {"format": fmt})
    assert response.status_code == 200, response.content.decode()[:2000]
    return response, len(queries)


def _rows(response):
    return [list(r) for r in load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True)]


def test_a_superuser_exports_quotas_and_term_targets(cast, client, django_user_model):
    Quota.objects.create(unit=cast.commune, year=2026, target=12, target_max=15, document="05-CV/TU")
    TermTarget.objects.create(unit=cast.province, first_year=2025, last_year=2030, target=1500, document="NQ ĐH")
    client.force_login(django_user_model.objects.create_superuser("root", password="x"))
    response, few = _post(client, "quotas_quota", XLSX)
    header, row = _rows(response)
    assert header == [
        "Mã đơn vị", "Tên đơn vị", "Năm", "Chỉ tiêu", "Phấn đấu", "Văn bản giao chỉ tiêu", "Ghi chú", "Cập nhật lúc"
    ]  # fmt: skip
    assert row[:7] == ["P-C1", "Đảng bộ xã Tân Hòa", 2026, 12, 15, "05-CV/TU", None]  # numbers as numbers
    assert re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d", row[7])
    for i, unit in enumerate([cast.province, cast.commune2, cast.school, cast.cell_a, cast.cell_b]):
        Quota.objects.create(unit=unit, year=2025 + i % 2, target=i + 1)
    response, many = _post(client, "quotas_quota", XLSX)
    assert few == many <= 6 and len(_rows(response)) == 7

    response, _ = _post(client, "quotas_termtarget", CSV)
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        ["Mã đơn vị", "Tên đơn vị", "Từ năm", "Đến năm", "Chỉ tiêu nhiệm kỳ", "Văn bản"],
        ["P", "Đảng bộ tỉnh Test", "2025", "2030", "1500", "NQ ĐH"],
    ]


def test_staff_who_are_not_superusers_cannot_export_targets(cast, client, settings):
    from django.contrib.auth.models import Permission

    # Closed to them by default; even opened by an administrator, never the export.
    settings.ADMIN_STAFF_MODELS = ["quotas.quota", "quotas.termtarget"]

    cast.province_staff.user_permissions.add(*Permission.objects.filter(content_type__app_label="quotas"))
    client.force_login(cast.province_staff)
    for name in ("quotas_quota", "quotas_termtarget"):
        assert client.get(reverse(f"admin:{name}_changelist")).status_code == 200
        url = reverse(f"admin:{name}_export")
        assert client.get(url).status_code == 403
        assert client.post(url, {"format": XLSX}).status_code == 403
