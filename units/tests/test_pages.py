import pytest
from django.urls import reverse

from units.models import PartyUnit, UnitKind
from units.services import unit_create


def test_home_shows_the_users_unit_and_tree(cast, login):
    response = login(cast.commune_staff).get(reverse("home"))
    html = response.content.decode()
    assert "Đảng bộ xã Tân Hòa" in html
    assert "Chi bộ thôn Đông" in html
    assert "Đảng bộ xã Phú Xuân" not in html


def test_secretary_home_shows_only_their_cell(cast, login):
    html = login(cast.secretary_a).get(reverse("home")).content.decode()
    assert "Chi bộ thôn Đông" in html
    assert "Chi bộ thôn Đoài" not in html


def test_unit_page_shows_details_and_children(cast, login):
    html = login(cast.province_staff).get(reverse("units-detail", args=[cast.grassroots.code])).content.decode()
    assert "Đảng bộ cơ sở thôn" in html
    assert "Chi bộ thôn Đông" in html and "Chi bộ thôn Đoài" in html
    assert "Đảng bộ xã Tân Hòa" in html  # breadcrumb


def test_search_page_finds_without_diacritics(cast, login):
    html = login(cast.province_staff).get(reverse("units-search"), {"q": "tan hoa"}).content.decode()
    assert "Đảng bộ xã Tân Hòa" in html
    assert "Phú Xuân" not in html


def test_search_page_is_scoped(cast, login):
    html = login(cast.secretary_a).get(reverse("units-search"), {"q": "thon"}).content.decode()
    assert "Chi bộ thôn Đông" in html
    assert "Chi bộ thôn Đoài" not in html


def test_merge_from_the_page(cast, login):
    client = login(cast.province_staff)
    response = client.post(
        reverse("units-merge", args=[cast.cell_a.code]),
        {"target": cast.cell_b.pk, "merged_on": "01/07/2025", "decision": "12-QĐ/TU"},
    )
    assert response.status_code == 302
    cast.cell_a.refresh_from_db()
    assert cast.cell_a.successor == cast.cell_b
    assert cast.cell_a.valid_to.strftime("%d/%m/%Y") == "01/07/2025"


def _grow(parent, n):
    made = 0
    level = [parent]
    while made < n:
        new_level = []
        for p in level:
            for _ in range(5):
                if made >= n:
                    break
                p.refresh_from_db()
                new_level.append(
                    unit_create(parent=p, code=f"{parent.code}-X{made}", name=f"Chi bộ số {made}", kind=UnitKind.CELL)
                )
                made += 1
        level = new_level


@pytest.mark.parametrize("size", [10, 500])
def test_tree_and_unit_pages_run_constant_queries(cast, login, size, django_assert_max_num_queries):
    _grow(cast.commune2, size)
    assert PartyUnit.objects.filter(path__startswith=cast.commune2.path).count() >= size
    client = login(cast.province_staff)
    client.get(reverse("home"))  # warm the session
    for url in (reverse("home"), reverse("units-tree"), reverse("units-detail", args=[cast.commune2.code])):
        # + 1: the session's second-factor device (django-otp); + 2: units told apart (units.naming)
        with django_assert_max_num_queries(15):
            response = client.get(url)
        assert response.status_code == 200
