"""Another cell's secretary posting to a candidate of cell A: 404 on every URL, nothing written."""

import datetime

import pytest
from django.urls import reverse

from candidates.models import Candidate, EventKind, Stage, StageEvent
from candidates.services import write_event
from candidates.tests.factories import make_candidate, make_class
from candidates.tests.helpers import action_url

VALID = {
    "sympathizer": (Stage.SOURCE, {"on": "05/11/2026", "mentor_name": "A"}),
    "training": (Stage.SYMPATHIZER, {"result": "good", "certificate_number": "1", "certificate_date": "10/11/2026"}),
    "dossier": (Stage.TRAINED, {"application_date": "01/11/2026"}),
    "cell_resolution": (Stage.TRAINED, {"number": "1", "on": "10/11/2026", "votes_for": 9, "official_members": 9}),
    "committee_resolution": (Stage.PROPOSED, {"number": "1", "on": "10/11/2026", "votes_for": 9, "members": 9}),
    "decision": (Stage.PROPOSED, {"number": "1", "on": "10/11/2026", "issuer": "BTV"}),
    "ceremony": (Stage.DECIDED, {"on": "10/11/2026"}),
    "extension": (Stage.PROPOSED, {"days": 30, "number": "1", "on": "10/11/2026", "reason": "x"}),
    "received": (Stage.DECIDED, {"on": "10/11/2026"}),
    "recognition_resolution": (
        Stage.PROBATIONARY,
        {"number": "1", "on": "10/11/2026", "votes_for": 9, "official_members": 9},
    ),
    "recognition_failed": (Stage.PROBATIONARY, {"on": "10/11/2026", "votes_for": 1, "official_members": 9}),
    "recognition": (Stage.PROBATIONARY, {"decision_number": "1", "decision_date": "10/11/2026"}),
    "transfer": (Stage.SYMPATHIZER, {"on": "10/11/2026"}),
    "exit": (Stage.SYMPATHIZER, {"reason": "withdrawn", "on": "10/11/2026", "confirm": "on"}),
    "reopen": (Stage.SYMPATHIZER, {"on": "10/11/2026"}),
}


def snapshot():
    return list(Candidate.objects.order_by("pk").values_list("pk", "version", "stage", "is_open", "cell_id")), (
        StageEvent.objects.count()
    )


@pytest.mark.parametrize("key", sorted(VALID))
def test_secretary_b_gets_404_on_every_action(cast, login, key):
    stage, data = VALID[key]
    c = make_candidate(cast.cell_a, stage)
    klass = make_class(cast.province, code="K-2026", start=datetime.date(2026, 11, 1), end=datetime.date(2026, 11, 7))
    payload = {f"{key}-{k}": v for k, v in data.items()} | {
        f"{key}-version": c.version,
        f"{key}-training_class": klass.pk,
        f"{key}-new_cell": cast.cell_b.pk,
    }
    before = snapshot()
    response = login(cast.secretary_b).post(action_url(c, key), payload)
    assert response.status_code == 404
    assert snapshot() == before


def test_secretary_b_gets_404_on_pages_edit_and_correction(cast, login):
    c = make_candidate(cast.cell_a, Stage.SYMPATHIZER)
    e = write_event(c, kind=EventKind.TRANSITION, action="x", to_stage=Stage.SYMPATHIZER, legal_date=c.sympathizer_date)
    client = login(cast.secretary_b)
    before = snapshot()
    assert client.get(reverse("candidates-detail", args=[c.pk])).status_code == 404
    assert client.get(reverse("candidates-edit", args=[c.pk])).status_code == 404
    assert client.post(reverse("candidates-edit", args=[c.pk]), {"full_name": "X", "version": 1}).status_code == 404
    response = client.post(
        reverse("candidates-correct", args=[c.pk, e.pk]),
        {f"ev{e.pk}-field": "mentor_name", f"ev{e.pk}-value": "Y", f"ev{e.pk}-note": "z", f"ev{e.pk}-version": 1},
    )
    assert response.status_code == 404
    assert snapshot() == before


def test_the_board_and_classes_show_nothing_of_another_cell(cast, login):
    c = make_candidate(cast.cell_a, Stage.DECIDED, full_name="Người Thôn Đông", decision_date=datetime.date(2026, 6, 1))
    klass = make_class(cast.province)
    from candidates.models import Enrollment

    Enrollment.objects.create(training_class=klass, candidate=c, result="good")
    client = login(cast.secretary_b)
    assert "Người Thôn Đông" not in client.get(reverse("candidates-board")).content.decode()
    assert "Người Thôn Đông" not in client.get(reverse("candidates-class-detail", args=[klass.pk])).content.decode()
    assert "Người Thôn Đông" in login(cast.secretary_a).get(reverse("candidates-board")).content.decode()
