"""The dashboard answers "who is behind, and by how much": còn thiếu, behind first, any column sorted
on the server; the total row is the same sum on the page, in the PDF and in the Excel file."""

import datetime
import re

from django.urls import reverse

from quotas.models import Quota
from quotas.tests.test_dashboard import admit, many_admitted, text
from reports.registry import produce
from units.models import UnitKind
from units.services import unit_create

D = datetime.date
PERIOD = {"nam": 2025, "ngay": "30/06/2025"}


def setup(cast):
    third = unit_create(parent=cast.province, code="P-C3", name="Đảng bộ xã An Bình", kind=UnitKind.COMMUNE)
    Quota.objects.create(unit=cast.province, year=2025, target=10)
    Quota.objects.create(unit=cast.commune, year=2025, target=8)  # 1 admitted: behind, 7 short
    Quota.objects.create(unit=cast.commune2, year=2025, target=3)  # 3 admitted: met
    admit(cast.cell_a, D(2025, 2, 1))
    many_admitted(cast.school, D(2025, 3, 1), 3)
    return third  # no quota


def order(page):
    return re.findall(r'<tr data-unit="([^"]+)"', page)


def test_behind_first_by_default_with_the_shortfall(cast, login):
    setup(cast)
    page = text(login(cast.province_staff).get(reverse("quotas-unit", args=["P"]), PERIOD))
    assert order(page) == ["P-C1", "P-C2", "P-C3"]  # behind, then met, then no quota
    row = re.search(r'<tr data-unit="P-C1"[^>]*>(.*?)</tr>', page).group(1)
    assert '<td data-label="Còn thiếu" class="num shortfall"><strong>7</strong></td>' in row
    met = re.search(r'<tr data-unit="P-C2"[^>]*>(.*?)</tr>', page).group(1)
    assert '<td data-label="Còn thiếu" class="num shortfall">0</td>' in met
    assert 'aria-sort="descending"><a href="?nam=2025&amp;ngay=30/06/2025&amp;sap=con-thieu#children">Còn thiếu' in page


def test_any_column_sorts_on_the_server(cast, login):
    setup(cast)
    client = login(cast.province_staff)
    by_name = text(client.get(reverse("quotas-unit", args=["P"]), {**PERIOD, "sap": "don-vi"}))
    assert order(by_name) == ["P-C3", "P-C2", "P-C1"]  # An Bình, Phú Xuân, Tân Hòa
    most = text(client.get(reverse("quotas-unit", args=["P"]), {**PERIOD, "sap": "-da-ket-nap"}))
    assert order(most) == ["P-C2", "P-C1", "P-C3"]
    fewest_short = text(client.get(reverse("quotas-unit", args=["P"]), {**PERIOD, "sap": "con-thieu"}))
    assert order(fewest_short) == ["P-C2", "P-C1", "P-C3"]  # no quota last either way
    unknown = text(client.get(reverse("quotas-unit", args=["P"]), {**PERIOD, "sap": "xyz"}))
    assert order(unknown) == ["P-C1", "P-C2", "P-C3"]


def test_the_total_row_is_one_definition_on_the_page_and_in_the_report(cast, login):
    setup(cast)
    page = text(login(cast.province_staff).get(reverse("quotas-unit", args=["P"]), PERIOD))
    foot = re.search(r'<tr id="children-totals">(.*?)</tr>', page).group(1)
    assert "Cộng các đơn vị trực thuộc" in foot and "= tổng của các dòng trên" in foot
    cells = re.findall(r'data-label="(Chỉ tiêu|Đã kết nạp|Còn thiếu|Tỉ lệ)">([^<]*)<', foot)
    assert dict(cells) == {"Chỉ tiêu": "11", "Đã kết nạp": "4", "Còn thiếu": "7", "Tỉ lệ": "36,36%"}
    assert "Chỉ tiêu cấp trên giao cho Đảng bộ tỉnh Test: <strong>10</strong>" in page
    report = produce(user=cast.province_staff, slug="progress", unit_code="P", year=2025, as_of=D(2025, 6, 30))
    totals = report.tables[0].totals
    assert totals[2:6] == [11, 4, totals[4], 7] and str(totals[4]) == "36.36"
