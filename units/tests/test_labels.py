"""Units told apart where their names repeat, everywhere they are shown, in a fixed number of queries (units.labels)."""

import pytest
from django.urls import reverse

from candidates.tests.factories import make_candidate
from reports.registry import produce, render
from units.labels import display_names, short_name
from units.models import PartyUnit, UnitKind
from units.services import unit_create


@pytest.fixture
def twins(cast):
    """A second "Chi bộ thôn Đoài" under a second "Đảng bộ cơ sở thôn", in xã Phú Xuân."""
    grassroots = unit_create(parent=cast.commune2, code="P-C2-G1", name="Đảng bộ cơ sở thôn", kind=UnitKind.GRASSROOTS)
    twin = unit_create(parent=grassroots, code="P-C2-G1-B", name="Chi bộ thôn Đoài", kind=UnitKind.CELL)
    cast.cell_b.refresh_from_db()
    return cast.cell_b, PartyUnit.objects.get(pk=twin.pk)


def test_the_nearest_place_that_tells_them_apart_is_named(twins, cast, django_assert_num_queries):
    first, second = twins
    with django_assert_num_queries(2):
        names = display_names([first, second, cast.cell_a])
    assert names == {
        first.pk: "Chi bộ thôn Đoài — xã Tân Hòa",
        second.pk: "Chi bộ thôn Đoài — xã Phú Xuân",
        cast.cell_a.pk: "Chi bộ thôn Đông",
    }
    # The parents bear the same name too: they are told apart the same way.
    parents = PartyUnit.objects.filter(name="Đảng bộ cơ sở thôn")
    assert sorted(display_names(parents).values()) == [
        "Đảng bộ cơ sở thôn — xã Phú Xuân",
        "Đảng bộ cơ sở thôn — xã Tân Hòa",
    ]


def test_a_name_that_does_not_repeat_costs_one_query(cast, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert display_names([cast.cell_a, cast.school]) == {
            cast.cell_a.pk: "Chi bộ thôn Đông",
            cast.school.pk: "Chi bộ cơ sở Trường THCS",
        }
    assert display_names([]) == {}


def test_short_names_drop_the_kind_words():
    assert short_name("Đảng bộ xã Tân Hòa") == "xã Tân Hòa"
    assert short_name("Đảng bộ cơ sở khu dân cư Tân Hòa") == "khu dân cư Tân Hòa"
    assert short_name("Chi bộ cơ sở Trường THCS") == "Trường THCS"
    assert short_name("Đảng bộ") == "Đảng bộ"


def test_namesakes_under_identical_parents_fall_back_to_the_code(cast):
    a = unit_create(parent=cast.school, code="P-C2-S-X", name="Tổ 1", kind=UnitKind.CELL)
    b = unit_create(parent=cast.school, code="P-C2-S-Y", name="Tổ 1", kind=UnitKind.CELL)
    assert display_names([a, b]) == {a.pk: "Tổ 1 — P-C2-S-X", b.pk: "Tổ 1 — P-C2-S-Y"}


def test_lists_selects_search_and_reports_tell_them_apart(twins, cast, login):
    first, second = twins
    make_candidate(first, full_name="Người Thôn Đoài Một")
    make_candidate(second, full_name="Người Thôn Đoài Hai")
    client = login(cast.province_staff)
    page = client.get(reverse("candidates-list"), {"status": "all"}).content.decode()
    assert "Chi bộ thôn Đoài — xã Tân Hòa" in page and "Chi bộ thôn Đoài — xã Phú Xuân" in page
    create = client.get(reverse("candidates-create")).content.decode()
    assert ">Chi bộ thôn Đoài — xã Phú Xuân</option>" in create and "data-unit-picker" in create
    search = client.get(reverse("units-search"), {"q": "thon doai"}).content.decode()
    assert "Chi bộ thôn Đoài — xã Tân Hòa</a>" in search and "Chi bộ thôn Đoài — xã Phú Xuân</a>" in search
    report = produce(user=cast.province_staff, slug="candidates", unit_code="P", filter_data={"status": "all"})
    cells = {row[5] for row in report.tables[0].rows}
    assert {"Chi bộ thôn Đoài — xã Tân Hòa", "Chi bộ thôn Đoài — xã Phú Xuân"} <= cells
    pdf, _, _ = render(report, "pdf")
    assert pdf.startswith(b"%PDF")


def test_the_lookup_is_scoped_ignores_diacritics_and_looks_at_ancestors(twins, cast, login):
    first, second = twins
    url = reverse("units-lookup")
    found = login(cast.province_staff).get(url, {"q": "thon doai"}).json()["results"]
    assert {r["label"] for r in found} == {"Chi bộ thôn Đoài — xã Tân Hòa", "Chi bộ thôn Đoài — xã Phú Xuân"}
    narrowed = login(cast.province_staff).get(url, {"q": "doai phu xuan"}).json()["results"]
    assert [r["code"] for r in narrowed] == [second.code]
    cells = login(cast.province_staff).get(url, {"q": "thon", "loai": "chi-bo"}).json()["results"]
    assert {r["code"] for r in cells} == {cast.cell_a.code, first.code, second.code}
    own = login(cast.secretary_b).get(url, {"q": "doai"}).json()["results"]
    assert [r["code"] for r in own] == [first.code]
    assert login(cast.outsider).get(url, {"q": "doai"}).json()["results"] == []
    assert login(cast.province_staff).get(url).json()["results"] == []


def test_a_namesake_deeper_in_the_tree_leaves_the_parent_to_tell_them_apart(cast):
    district = unit_create(parent=cast.province, code="P-D", name="Đảng bộ huyện Cũ", kind=UnitKind.DISTRICT)
    old = unit_create(parent=district, code="P-D-C1", name="Đảng bộ xã Tân Hòa", kind=UnitKind.COMMUNE)
    cast.commune.refresh_from_db()
    assert display_names([cast.commune, old]) == {
        cast.commune.pk: "Đảng bộ xã Tân Hòa — tỉnh Test",
        old.pk: "Đảng bộ xã Tân Hòa — huyện Cũ",
    }
