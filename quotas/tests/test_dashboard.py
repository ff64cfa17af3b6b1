"""The dashboard as the user sees it: numbers in Vietnamese format, units without a quota, the lists
behind the numbers, drill-down, scope, and a constant number of queries."""

import datetime
import re

import pytest
from django.urls import reverse

from candidates.models import Candidate, Stage
from candidates.tests.factories import make_candidate
from quotas.dataset import add_cells
from quotas.models import Quota

D = datetime.date


def admit(cell, day, **extra):
    return make_candidate(cell, Stage.PROBATIONARY, decision_date=day, ceremony_date=day, **extra)


def many_admitted(cell, day, n):
    base = admit(cell, day)
    fields = {f.attname: getattr(base, f.attname) for f in Candidate._meta.concrete_fields if f.attname != "id"}
    Candidate.objects.bulk_create([Candidate(**fields) for _ in range(n - 1)])


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_percent_and_thousands_in_vietnamese_format(cast, login):
    Quota.objects.create(unit=cast.commune, year=2025, target=1150)
    many_admitted(cast.cell_a, D(2025, 3, 2), 1214)
    page = text(
        login(cast.province_staff).get(reverse("quotas-unit", args=["P-C1"]), {"nam": 2025, "ngay": "31/12/2025"})
    )
    assert "<strong>1.214</strong></a>/1.150 đảng viên" in page
    assert "<strong>105,57%</strong>" in page
    assert '<span class="badge ok">đạt</span>' in page


def test_unit_without_quota_is_shown_as_such(cast, login):
    Quota.objects.create(unit=cast.province, year=2025, target=10)
    Quota.objects.create(unit=cast.commune, year=2025, target=4)
    admit(cast.school, D(2025, 3, 2))
    page = text(login(cast.province_staff).get(reverse("quotas-unit", args=["P"]), {"nam": 2025, "ngay": "30/06/2025"}))
    row = re.search(r'<tr data-unit="P-C2">(.*?)</tr>', page).group(1)
    assert "chưa giao chỉ tiêu" in row
    assert "0,00%" not in row and "%" not in row.split("Tỉ lệ")[1].split("</td>")[0]
    commune = re.search(r'<tr data-unit="P-C1"[^>]*>(.*?)</tr>', page).group(1)
    assert "0,00%" in commune and "chưa đạt" in commune


def test_numbers_agree_with_the_lists_behind_them(cast, login):
    Quota.objects.create(unit=cast.province, year=2025, target=5)
    admit(cast.cell_a, D(2025, 1, 1))
    admit(cast.cell_b, D(2025, 5, 1))
    admit(cast.cell_b, D(2024, 12, 31))
    admit(cast.school, D(2025, 9, 1))  # after the as-of date
    make_candidate(cast.cell_a, Stage.PROPOSED, full_name="Lê Thị Đề Nghị")
    client = login(cast.province_staff)
    page = text(client.get(reverse("quotas-unit", args=["P"]), {"nam": 2025, "ngay": "30/06/2025"}))
    assert re.search(r'data-number="admitted"><strong>2</strong>', page)
    listing = text(
        client.get(reverse("quotas-admitted", args=["P"]), {"nam": 2025, "ngay": "30/06/2025", "loai": "admitted"})
    )
    assert "Tổng số: <strong>2</strong> người" in listing
    proposed = text(client.get(reverse("quotas-admitted", args=["P"]), {"nam": 2025, "loai": "proposed"}))
    assert "Lê Thị Đề Nghị" in proposed and "Tổng số: <strong>1</strong> người" in proposed
    q2 = text(client.get(reverse("quotas-admitted", args=["P"]), {"nam": 2025, "ngay": "30/06/2025", "quy": 2}))
    assert "Tổng số: <strong>1</strong> người" in q2
    may = text(client.get(reverse("quotas-admitted", args=["P"]), {"nam": 2025, "ngay": "30/06/2025", "thang": 5}))
    assert "Tổng số: <strong>1</strong> người" in may
    assert 'Quý I</td> <td class="num" data-label="Kết nạp"><a' in page


def test_drill_down_links_to_children_and_chart(cast, login):
    Quota.objects.create(unit=cast.province, year=2025, target=12)
    admit(cast.cell_a, D(2025, 2, 1))
    page = text(login(cast.province_staff).get(reverse("quotas-unit", args=["P"]), {"nam": 2025, "ngay": "30/06/2025"}))
    assert reverse("quotas-unit", args=["P-C1"]) + "?nam=2025&amp;ngay=30/06/2025" in page
    assert "<svg" in page and "stroke-dasharray" in page  # pace line drawn
    assert "<polyline" in page


def test_secretary_sees_their_cell_on_the_home_page(cast, login):
    admit(cast.cell_a, D(2025, 2, 1))
    client = login(cast.secretary_a)
    page = text(client.get(reverse("home")))
    assert "Tiến độ kết nạp" in page and "Chi bộ thôn Đông" in page
    assert client.get(reverse("quotas-unit", args=["P-C1-G1"])).status_code == 404
    assert client.get(reverse("quotas-admitted", args=["P-C1-G1-B"])).status_code == 404
    # The unit tree and search stay on the home page.
    assert 'name="q"' in page


def test_bad_as_of_date_falls_back_and_says_so(cast, login):
    page = text(login(cast.province_staff).get(reverse("quotas-unit", args=["P"]), {"nam": 2025, "ngay": "31/02/2025"}))
    assert "Tính đến ngày: " in page and "errorlist" in page


@pytest.mark.parametrize("n_cells", [10, 1000])
def test_dashboard_query_count_is_constant(cast, login, django_assert_max_num_queries, n_cells):
    cells = add_cells(cast.grassroots, n_cells)
    cast.grassroots.refresh_from_db()
    for cell in cells[:: max(1, n_cells // 10)]:
        admit(cell, D(2025, 4, 1))
        Quota.objects.create(unit=cell, year=2025, target=2)
    client = login(cast.commune_staff)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("quotas-unit", args=["P-C1-G1"]), {"nam": 2025, "ngay": "31/12/2025"})
    assert text(response).count("<tr data-unit=") == n_cells + 2
    with django_assert_max_num_queries(20):
        client.get(reverse("quotas-admitted", args=["P-C1-G1"]), {"nam": 2025, "ngay": "31/12/2025"})


def test_valid_year_kept_when_the_date_is_wrong(cast, login):
    page = text(login(cast.province_staff).get(reverse("quotas-unit", args=["P"]), {"nam": 2024, "ngay": "xx"}))
    assert "Năm 2024, đến 31/12/2024" in page


def test_forecast_only_for_the_current_year(cast, login):
    from django.utils import timezone

    this_year = timezone.localdate().year
    make_candidate(cast.cell_a, Stage.PROPOSED)
    client = login(cast.province_staff)
    current = text(client.get(reverse("quotas-unit", args=["P"]), {"nam": this_year}))
    assert "Dự báo cả năm" in current
    past = text(client.get(reverse("quotas-unit", args=["P"]), {"nam": this_year - 1}))
    assert "Dự báo cả năm" not in past


def test_a_person_transferred_away_is_counted_but_not_shown_to_the_old_cell(cast, login):
    """Leak found in the audit: after a transfer the old cell's secretary still saw the person's name,
    birth date, new cell, decision and stage in the admitted list."""
    from candidates.services import candidate_transfer

    person = admit(cast.cell_a, D(2025, 3, 1), full_name="Trần Văn Chuyển Đi", decision_number="77-QĐ/HU")
    candidate_transfer(actor=cast.province_staff, candidate=person, new_cell=cast.school, on=D(2025, 6, 1))
    params = {"nam": 2025, "ngay": "31/12/2025", "loai": "admitted"}
    old_cell = text(login(cast.secretary_a).get(reverse("quotas-admitted", args=[cast.cell_a.code]), params))
    assert "Trần Văn Chuyển Đi" not in old_cell
    assert "77-QĐ/HU" not in old_cell and cast.school.name not in old_cell
    assert "Tổng số: <strong>0</strong> người" in old_cell
    assert 'id="moved-away">Ngoài ra có <strong>1</strong> người' in old_cell
    # The province still sees the person, in the list of the cell that admitted them.
    province = text(login(cast.province_staff).get(reverse("quotas-admitted", args=[cast.cell_a.code]), params))
    assert "Trần Văn Chuyển Đi" in province and "moved-away" not in province
