"""seed_demo's candidates: consistent, idempotent, and the demo secretary has a full list and board."""

import io
import random

import pytest
from django.contrib.auth import get_user_model

from candidates import demo, selectors, services
from candidates.models import Candidate, Holiday, Stage, StageEvent
from units import demo as unit_demo


@pytest.fixture
def seeded(db):
    province = unit_demo.seed_units(random.Random(2026))
    demo.seed(random.Random(2026), province, io.StringIO())
    unit_demo.seed_users()
    return province


def test_it_adds_candidates_in_every_stage_and_is_idempotent(seeded):
    counts = (Candidate.objects.count(), StageEvent.objects.count(), Holiday.objects.count())
    assert counts[0] > 300
    assert set(Candidate.objects.values_list("stage", flat=True)) == set(Stage.values)
    assert Candidate.objects.filter(is_open=False).exists()
    assert Candidate.objects.filter(full_name="Nguyễn Thị Hằng", cell__code=demo.HOME_CELL).exists()
    assert not Candidate.objects.filter(decision_date__isnull=False, admitting_unit__isnull=True).exists()
    demo.seed(random.Random(2026), seeded, io.StringIO())
    assert (Candidate.objects.count(), StageEvent.objects.count(), Holiday.objects.count()) == counts


def test_the_records_follow_the_rules(seeded):
    for c in Candidate.objects.filter(cell_resolution_date__isnull=False):
        assert services.admission_conditions(c, c.cell_resolution_date) == [], c.full_name
        c.full_clean()


def test_the_demo_secretary_has_a_board(seeded):
    user = get_user_model().objects.get(username="bithu.dong")
    assert selectors.candidate_list(user=user).count() >= 40
    board = {s["section"].key: s["count"] for s in selectors.board(user=user)}
    assert board["le-ket-nap"] >= 2
    assert all(board.values())


def test_decisions_follow_the_2025_structure(seeded):
    """Before 01/07/2025 a district committee (or the old bloc committee) decides; from then on the
    commune-level or bloc committee above the cell; every issuer is valid on its date."""
    import datetime

    from candidates.services.path import issuer_errors
    from units.models import UnitKind

    reform = datetime.date(2025, 7, 1)
    decided = list(Candidate.objects.filter(decision_date__isnull=False).select_related("cell", "decision_issuer_unit"))
    before = [c for c in decided if c.decision_date < reform]
    after = [c for c in decided if c.decision_date >= reform]
    assert before and after
    assert {c.decision_issuer_unit.kind for c in before} == {UnitKind.DISTRICT}
    assert {c.decision_issuer_unit.kind for c in after} <= {UnitKind.COMMUNE, UnitKind.BLOC}
    assert all(c.decision_issuer.startswith("Ban Thường vụ Huyện ủy") or "Thị ủy" in c.decision_issuer or
               "Khối" in c.decision_issuer for c in before)  # fmt: skip
    assert [c.full_name for c in decided if issuer_errors(c, c.decision_issuer_unit, c.decision_date)] == []


def test_the_provinces_past_years_read_sensibly(seeded):
    import datetime

    from quotas import demo as quota_demo
    from quotas.selectors import unit_progress

    quota_demo.seed(random.Random(2026), seeded, io.StringIO())
    for year in range(2021, 2026):
        progress = unit_progress(unit=seeded, year=year, as_of=datetime.date(year, 12, 31), detail=False)
        assert 80 <= progress.percent <= 120, (year, progress.target, progress.admitted)
