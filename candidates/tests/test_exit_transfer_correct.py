"""Exit (with reason and confirmation), reopen, transfer to another cell, correcting an event."""

import datetime

from django.urls import reverse

from candidates.models import Candidate, EventKind, Stage, StageEvent
from candidates.services import write_event
from candidates.tests.factories import make_candidate
from candidates.tests.helpers import detail_url, message_texts, post_action


def test_exit_needs_the_confirmation(cast, login):
    c = make_candidate(cast.cell_a, Stage.SYMPATHIZER)
    response = post_action(login(cast.secretary_a), c, "exit", {"reason": "withdrawn", "on": "10/11/2026"})
    assert (
        "This field is required." in response.content.decode() or "Trường này là bắt buộc." in response.content.decode()
    )
    assert Candidate.objects.get(pk=c.pk).is_open


def test_exit_and_reopen(cast, login):
    c = make_candidate(cast.cell_a, Stage.SYMPATHIZER)
    client = login(cast.secretary_a)
    post_action(client, c, "exit", {"reason": "withdrawn", "on": "10/11/2026", "confirm": "on"})
    c.refresh_from_db()
    assert not c.is_open and c.exit_reason == "withdrawn" and c.exit_date == datetime.date(2026, 11, 10)
    body = client.get(detail_url(c)).content.decode()
    assert "Ra khỏi danh sách: Rút khỏi danh sách" in body
    assert "Khôi phục vào danh sách</summary>" in body
    post_action(client, c, "reopen", {"on": "15/11/2026"})
    c.refresh_from_db()
    assert c.is_open and c.stage == Stage.SYMPATHIZER
    assert list(c.events.values_list("kind", flat=True)) == [EventKind.EXIT, EventKind.REOPEN]


def test_an_exited_person_cannot_move_on(cast, login):
    c = make_candidate(
        cast.cell_a, Stage.SOURCE, is_open=False, exit_reason="withdrawn", exit_date=datetime.date(2026, 1, 1)
    )
    response = post_action(login(cast.secretary_a), c, "sympathizer", {"on": "05/11/2026", "mentor_name": "A"})
    assert any("đã ra khỏi danh sách ngày 01/01/2026" in m for m in message_texts(response))
    assert Candidate.objects.get(pk=c.pk).stage == Stage.SOURCE


def test_commune_staff_transfers_to_another_cell_and_history_is_kept(cast, login):
    c = make_candidate(cast.cell_a, Stage.SYMPATHIZER)
    post_action(login(cast.commune_staff), c, "transfer", {"new_cell": cast.cell_b.pk, "on": "10/11/2026"})
    c.refresh_from_db()
    assert c.cell == cast.cell_b
    event = c.events.get(kind=EventKind.TRANSFER)
    assert event.unit == cast.cell_b and event.data["from_unit"] == "P-C1-G1-A" and event.data["to_unit"] == "P-C1-G1-B"
    # the old cell's secretary no longer sees the person, the new one does
    assert login(cast.secretary_a).get(detail_url(c)).status_code == 404
    assert login(cast.secretary_b).get(detail_url(c)).status_code == 200


def test_a_secretary_cannot_transfer_out_of_their_scope(cast, login):
    c = make_candidate(cast.cell_a, Stage.SYMPATHIZER)
    post_action(login(cast.secretary_a), c, "transfer", {"new_cell": cast.cell_b.pk, "on": "10/11/2026"})
    assert Candidate.objects.get(pk=c.pk).cell == cast.cell_a


def test_correcting_an_event_keeps_the_old_one(cast, login):
    c = make_candidate(cast.cell_a, Stage.SYMPATHIZER, mentor_name="Nguyễn Văn Sai")
    e = write_event(
        c,
        kind=EventKind.TRANSITION,
        action="Vào danh sách cảm tình Đảng",
        from_stage=Stage.SOURCE,
        to_stage=Stage.SYMPATHIZER,
        legal_date=c.sympathizer_date,
    )
    client = login(cast.secretary_a)
    response = client.post(
        reverse("candidates-correct", args=[c.pk, e.pk]),
        {
            f"ev{e.pk}-field": "mentor_name",
            f"ev{e.pk}-value": "Nguyễn Văn Đúng",
            f"ev{e.pk}-note": "Ghi nhầm tên",
            f"ev{e.pk}-version": c.version,
        },
        follow=True,
    )
    c.refresh_from_db()
    assert c.mentor_name == "Nguyễn Văn Đúng"
    correction = StageEvent.objects.get(kind=EventKind.CORRECTION)
    assert correction.corrects == e and StageEvent.objects.filter(pk=e.pk).exists()
    body = response.content.decode()
    assert "Đính chính: Vào danh sách cảm tình Đảng" in body
    assert "Đảng viên giúp đỡ: Nguyễn Văn Sai → Nguyễn Văn Đúng" in body
    assert "Ghi nhầm tên" in body


def test_a_correction_needs_a_valid_value(cast, login):
    c = make_candidate(cast.cell_a, Stage.SYMPATHIZER)
    e = write_event(c, kind=EventKind.TRANSITION, action="x", to_stage=Stage.SYMPATHIZER, legal_date=c.sympathizer_date)
    response = login(cast.secretary_a).post(
        reverse("candidates-correct", args=[c.pk, e.pk]),
        {
            f"ev{e.pk}-field": "sympathizer_date",
            f"ev{e.pk}-value": "hôm qua",
            f"ev{e.pk}-note": "x",
            f"ev{e.pk}-version": c.version,
        },  # fmt: skip
    )
    assert response.status_code == 200
    assert not StageEvent.objects.filter(kind=EventKind.CORRECTION).exists()
