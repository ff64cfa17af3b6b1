"""Progress counts: year edges, as-of cut-off, transfers, merges, units without a quota, percent rounding."""

import datetime
from decimal import Decimal

import pytest

from candidates.models import Stage
from candidates.tests.factories import make_candidate
from quotas.models import Quota, TermTarget
from quotas.selectors import quarter_progress, unit_progress
from units.models import PartyUnit, UnitKind
from units.services import unit_create, unit_merge

D = datetime.date


def admit(cell, day, **extra):
    return make_candidate(cell, Stage.PROBATIONARY, decision_date=day, ceremony_date=day, **extra)


def test_decisions_on_the_years_edges(cast):
    Quota.objects.create(unit=cast.province, year=2025, target=4)
    admit(cast.cell_a, D(2024, 12, 31))
    admit(cast.cell_a, D(2025, 1, 1))
    admit(cast.cell_b, D(2025, 12, 31))
    admit(cast.school, D(2026, 1, 1))

    p = unit_progress(unit=cast.province, year=2025, as_of=D(2025, 12, 31))
    assert p.admitted == 2
    assert p.percent == Decimal("50.00")
    assert p.met is False
    assert unit_progress(unit=cast.province, year=2024, as_of=D(2024, 12, 31)).admitted == 1
    assert unit_progress(unit=cast.province, year=2026, as_of=D(2026, 12, 31)).admitted == 1


def test_as_of_cut_off(cast):
    admit(cast.cell_a, D(2025, 3, 31))
    admit(cast.cell_a, D(2025, 4, 1))
    assert unit_progress(unit=cast.commune, year=2025, as_of=D(2025, 3, 30)).admitted == 0
    assert unit_progress(unit=cast.commune, year=2025, as_of=D(2025, 3, 31)).admitted == 1
    assert unit_progress(unit=cast.commune, year=2025, as_of=D(2025, 4, 1)).admitted == 2
    # An as-of date past the year is clamped to 31/12.
    p = unit_progress(unit=cast.commune, year=2025, as_of=D(2026, 5, 1))
    assert p.as_of == D(2025, 12, 31) and p.admitted == 2 and p.pace == Decimal("100.00")


def test_transferred_candidate_counts_once_where_decided(cast):
    person = admit(cast.cell_a, D(2025, 5, 10))
    # Moved to the school's cell in another commune after the decision.
    person.cell = cast.school
    person.save()
    assert unit_progress(unit=cast.province, year=2025, as_of=D(2025, 12, 31)).admitted == 1
    assert unit_progress(unit=cast.commune, year=2025, as_of=D(2025, 12, 31)).admitted == 1
    assert unit_progress(unit=cast.cell_a, year=2025, as_of=D(2025, 12, 31)).admitted == 1
    assert unit_progress(unit=cast.commune2, year=2025, as_of=D(2025, 12, 31)).admitted == 0
    p = unit_progress(unit=cast.province, year=2025, as_of=D(2025, 12, 31))
    assert [(r.unit.code, r.admitted) for r in p.children] == [("P-C1", 1), ("P-C2", 0)]


def test_exited_after_admission_still_counts(cast):
    admit(cast.cell_a, D(2025, 2, 1), is_open=False, exit_reason="struck_off", exit_date=D(2025, 9, 1))
    assert unit_progress(unit=cast.commune, year=2025, as_of=D(2025, 12, 31)).admitted == 1


def test_unit_without_quota_is_not_zero_percent(cast):
    admit(cast.cell_a, D(2025, 2, 1))
    p = unit_progress(unit=cast.commune, year=2025, as_of=D(2025, 12, 31))
    assert p.target is None and p.percent is None and p.met is None and p.behind is None
    assert p.admitted == 1


def test_percent_two_decimals_half_up(cast):
    Quota.objects.create(unit=cast.commune, year=2025, target=1150)
    from candidates.models import Candidate

    base = admit(cast.cell_a, D(2025, 6, 1))
    fields = {f.attname: getattr(base, f.attname) for f in Candidate._meta.concrete_fields if f.attname != "id"}
    Candidate.objects.bulk_create([Candidate(**fields) for _ in range(1213)])
    p = unit_progress(unit=cast.commune, year=2025, as_of=D(2025, 12, 31))
    assert p.admitted == 1214
    assert p.percent == Decimal("105.57")
    assert p.met is True


def test_children_forecast_pace_quarters(cast):
    Quota.objects.create(unit=cast.province, year=2025, target=8, target_max=10)
    Quota.objects.create(unit=cast.commune, year=2025, target=2)
    admit(cast.cell_a, D(2025, 2, 10))
    admit(cast.cell_b, D(2025, 2, 20))
    admit(cast.school, D(2025, 5, 5))
    make_candidate(cast.cell_a, Stage.PROPOSED)
    make_candidate(cast.school, Stage.PROPOSED)
    # Certificate valid on 31/12/2025 (issued 01/01/2021 -> valid until 31/12/2025 inclusive).
    make_candidate(cast.cell_a, Stage.TRAINED, certificate_date=D(2021, 1, 1))
    # Expired by year end (issued 31/12/2020 -> expires 31/12/2025).
    make_candidate(cast.cell_a, Stage.TRAINED, certificate_date=D(2020, 12, 31))
    # Closed candidates do not count in the forecast.
    make_candidate(cast.cell_b, Stage.PROPOSED, is_open=False)

    p = unit_progress(unit=cast.province, year=2025, as_of=D(2025, 6, 30))
    assert (p.admitted, p.proposed, p.trained, p.forecast) == (3, 2, 1, 6)
    commune, commune2 = p.children
    assert (commune.target, commune.admitted, commune.met, commune.percent) == (2, 2, True, Decimal("100.00"))
    assert (commune.proposed, commune.trained, commune.forecast) == (1, 1, 4)
    assert commune2.target is None and commune2.admitted == 1
    assert p.children_met == [commune]
    # 181 of 365 days elapsed: expected 8 × 181/365 ≈ 4 > 3 -> behind.
    assert p.pace == Decimal("49.59")
    assert p.behind is True
    assert [(q.label, q.admitted) for q in p.quarters] == [
        ("Quý I", 2),
        ("Quý II", 1),
        ("Quý III", None),
        ("Quý IV", None),
    ]
    assert p.quarters[0].percent == Decimal("25.00")
    assert [m.admitted for m in p.months[:7]] == [0, 2, 0, 0, 1, 0, None]
    assert p.months[4].cumulative == 3
    q1 = quarter_progress(unit=cast.province, year=2025, quarter=1, as_of=D(2025, 6, 30))
    assert (q1.admitted, q1.target, q1.percent) == (2, 8, Decimal("25.00"))


def test_grassroots_met_idle_cells_and_term(cast, settings):
    settings.QUOTA_IDLE_YEARS = 2
    Quota.objects.create(unit=cast.grassroots, year=2025, target=1)
    Quota.objects.create(unit=cast.school, year=2025, target=2)
    TermTarget.objects.create(unit=cast.province, first_year=2025, last_year=2030, target=100)
    admit(cast.cell_a, D(2024, 3, 1))  # within the 2-year window (2024–2025)
    admit(cast.cell_b, D(2023, 3, 1))  # outside it
    admit(cast.cell_a, D(2025, 3, 1))
    p = unit_progress(unit=cast.province, year=2025, as_of=D(2025, 12, 31))
    assert (p.grassroots_total, p.grassroots_with_quota, p.grassroots_met) == (2, 2, 1)
    assert p.grassroots_without_admission == 1  # the school
    assert p.idle_since == D(2024, 1, 1)
    assert sorted(u.code for u in p.idle_cells) == ["P-C1-G1-B", "P-C2-S"]
    assert p.idle_cells_count == 2
    assert p.term.admitted == 1 and p.term.target == 100 and p.term.percent == Decimal("1.00")


def test_merged_unit_counts_under_successor(cast):
    # Two communes merge on 01/07/2025: the successor counts the source's admissions and quota.
    Quota.objects.create(unit=cast.commune, year=2025, target=3)
    Quota.objects.create(unit=cast.commune2, year=2025, target=2)
    Quota.objects.create(unit=cast.commune2, year=2024, target=5)
    cell_c = unit_create(parent=cast.commune2, code="P-C2-C", name="Chi bộ cơ sở Chợ", kind=UnitKind.GRASSROOTS_CELL)
    admit(cast.school, D(2025, 2, 1))
    admit(cell_c, D(2025, 3, 1))
    admit(cell_c, D(2024, 3, 1))
    pending = make_candidate(cell_c, Stage.PROPOSED)

    merge = unit_merge(source=cell_c, target=cast.cell_a, merged_on=D(2025, 7, 1))
    pending.refresh_from_db()
    assert pending.cell_id == cast.cell_a.pk
    assert merge.moved["candidates"] == 3 and merge.moved["admissions"] == 1
    for u in (cast.commune, cast.commune2, cast.cell_a):
        u.refresh_from_db()
    p = unit_progress(unit=cast.province, year=2025, as_of=D(2025, 12, 31))
    rows = {r.unit.code: r for r in p.children}
    assert rows["P-C1"].admitted == 1 and rows["P-C2"].admitted == 1
    assert unit_progress(unit=cast.cell_a, year=2025, as_of=D(2025, 12, 31)).admitted == 1
    # The 2024 admission stays where it was recorded (history before the merge year).
    assert unit_progress(unit=cast.commune2, year=2024, as_of=D(2024, 12, 31)).admitted == 1


def test_merge_adds_quotas_from_the_merge_year(cast):
    Quota.objects.create(unit=cast.commune, year=2025, target=3)
    Quota.objects.create(unit=cast.commune2, year=2024, target=5)
    Quota.objects.create(unit=cast.commune2, year=2025, target=2, target_max=4)
    Quota.objects.create(unit=cast.commune2, year=2026, target=6)
    merge = unit_merge(source=cast.commune2, target=cast.commune, merged_on=D(2025, 7, 1))
    assert dict(Quota.objects.filter(unit=cast.commune).values_list("year", "target")) == {2025: 5, 2026: 6}
    assert dict(Quota.objects.filter(unit=cast.commune2).values_list("year", "target")) == {2024: 5}
    assert merge.moved["quotas"] == 2
    # The school moved under the successor with its subtree.
    school = PartyUnit.objects.get(code="P-C2-S")
    assert school.path.startswith(PartyUnit.objects.get(code="P-C1").path)


@pytest.mark.parametrize("n_children", [10, 1000])
def test_query_count_does_not_depend_on_size(cast, django_assert_max_num_queries, n_children):
    from quotas.dataset import add_cells

    cells = add_cells(cast.grassroots, n_children)
    for cell in cells[:: max(1, n_children // 10)]:
        admit(cell, D(2025, 4, 1))
        Quota.objects.create(unit=cell, year=2025, target=1)
    cast.grassroots.refresh_from_db()
    with django_assert_max_num_queries(12):
        p = unit_progress(unit=cast.grassroots, year=2025, as_of=D(2025, 12, 31))
    assert len(p.children) == n_children + 2
    assert p.admitted == len(cells[:: max(1, n_children // 10)])
