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
