import datetime

import pytest
from django.core.exceptions import ValidationError

from units import selectors, services
from units.models import PartyUnit, UnitKind, UnitMerge


def test_subtree_is_one_query(cast, django_assert_num_queries):
    with django_assert_num_queries(1):
        codes = sorted(selectors.subtree(cast.commune).values_list("code", flat=True))
    assert codes == ["P-C1", "P-C1-G1", "P-C1-G1-A", "P-C1-G1-B"]


def test_unit_cannot_become_its_own_descendant(cast):
    with pytest.raises(ValidationError) as exc:
        services.unit_move(unit=cast.commune, new_parent=cast.cell_a)
    assert "trực thuộc" in str(exc.value)
    cast.commune.refresh_from_db()
    assert cast.commune.parent_path == cast.province.path


def test_unit_cannot_be_its_own_parent(cast):
    with pytest.raises(ValidationError):
        services.unit_move(unit=cast.commune, new_parent=cast.commune)


def test_move_carries_the_subtree(cast):
    services.unit_move(unit=cast.grassroots, new_parent=cast.commune2)
    cast.commune2.refresh_from_db()
    assert set(selectors.subtree(cast.commune2).values_list("code", flat=True)) == {
        "P-C2",
        "P-C2-S",
        "P-C1-G1",
        "P-C1-G1-A",
        "P-C1-G1-B",
    }


def test_duplicate_code_is_refused_and_nothing_written(cast):
    before = PartyUnit.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.unit_create(parent=cast.commune, code="P-C1-G1-A", name="Chi bộ trùng", kind=UnitKind.CELL)
    assert "đã tồn tại" in str(exc.value)
    assert PartyUnit.objects.count() == before


def test_empty_name_is_refused(cast):
    before = PartyUnit.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.unit_create(parent=cast.commune, code="NEW", name="   ", kind=UnitKind.CELL)
    assert "Tên đơn vị không được để trống" in str(exc.value)
    assert PartyUnit.objects.count() == before


def test_name_is_stored_nfc(cast):
    unit = services.unit_create(
        parent=cast.commune, code="NFD", name="Chi bo\u0302\u0300 tho\u0302n Ha\u0300", kind=UnitKind.CELL
    )
    unit.refresh_from_db()
    assert unit.name == "Chi bồ thôn Hà"
    assert unit.search_name == "chi bo thon ha"


def test_merge_reparents_children_and_closes_source(cast):
    record = services.unit_merge(source=cast.commune, target=cast.commune2, merged_on=datetime.date(2025, 7, 1))
    cast.commune.refresh_from_db()
    cast.commune2.refresh_from_db()
    assert cast.commune.valid_to == datetime.date(2025, 7, 1)
    assert cast.commune.successor == cast.commune2
    assert PartyUnit.objects.get(code="P-C1-G1").parent_path == cast.commune2.path
    assert PartyUnit.objects.get(code="P-C1-G1-A").path.startswith(cast.commune2.path)
    assert record.moved["children"] == ["P-C1-G1"]
    assert UnitMerge.objects.count() == 1


def test_merge_into_own_descendant_is_refused(cast):
    with pytest.raises(ValidationError) as exc:
        services.unit_merge(source=cast.commune, target=cast.cell_a, merged_on=datetime.date(2025, 7, 1))
    assert "trực thuộc của chính nó" in str(exc.value)
    cast.commune.refresh_from_db()
    assert cast.commune.valid_to is None
    assert UnitMerge.objects.count() == 0


def test_merge_calls_registered_handlers(cast):
    calls = []

    def handler(source, target, merged_on, actor, decision=""):
        calls.append((source.code, target.code, decision))
        return {"things": 3}

    services.register_merge_handler(handler)
    try:
        record = services.unit_merge(
            source=cast.cell_a, target=cast.cell_b, merged_on=datetime.date(2025, 7, 1), decision="12-QĐ/TU"
        )
    finally:
        services.MERGE_HANDLERS.remove(handler)
    assert calls == [("P-C1-G1-A", "P-C1-G1-B", "12-QĐ/TU")]
    assert record.moved["things"] == 3


def test_search_ignores_diacritics_and_case(cast):
    found = selectors.unit_search(cast.province_staff, "tan hoa")
    assert [u.name for u in found] == ["Đảng bộ xã Tân Hòa"]
    assert [u.name for u in selectors.unit_search(cast.province_staff, "THÔN ĐOÀI")] == ["Chi bộ thôn Đoài"]


def test_search_is_scoped(cast):
    assert list(selectors.unit_search(cast.secretary_a, "thon")) == [cast.cell_a]


def test_tree_counts_cover_each_subtree(cast):
    rows = {r["unit"].code: r for r in selectors.tree_rows(cast.province_staff, cast.province)}
    assert rows["P"]["units_below"] == 6 and rows["P"]["cells_below"] == 3
    assert rows["P-C1"]["units_below"] == 3 and rows["P-C1"]["cells_below"] == 2
    assert rows["P-C1-G1"]["units_below"] == 2
    assert rows["P-C1-G1-A"]["units_below"] == 0 and rows["P-C1-G1-A"]["cells_below"] == 0
    assert rows["P-C2"]["units_below"] == 1 and rows["P-C2"]["cells_below"] == 1
