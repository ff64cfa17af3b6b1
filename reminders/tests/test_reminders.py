"""The daily digest (overdue, due this week, new today; opt-out), send_reminders --dry-run, the job,
and the private iCalendar feed (validated by parsing it back; a revoked address answers 404)."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from icalendar import Calendar

from candidates import clock
from candidates.models import Stage
from candidates.tests.factories import make_candidate
from reminders.digest import digest_for, send_digests
from reminders.models import ReminderSettings

D = datetime.date
TODAY = D(2026, 11, 20)


@pytest.fixture
def people(cast, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    for user in (cast.secretary_a, cast.secretary_b, cast.commune_staff):
        user.email = f"{user.username}@example.org"
        user.save()
    # Ceremony deadline long past (decided in August): overdue.
    late = make_candidate(cast.cell_a, Stage.DECIDED, full_name="Ngô Quang Trễ", decision_date=D(2026, 8, 3))
    # Probation ending within the week.
    soon = make_candidate(
        cast.cell_a,
        Stage.PROBATIONARY,
        full_name="Lý Thị Sắp",
        decision_date=D(2025, 11, 1),
        ceremony_date=D(2025, 11, 25),
    )
    other = make_candidate(cast.cell_b, Stage.DECIDED, full_name="Người Thôn Đoài", decision_date=D(2026, 8, 3))
    return late, soon, other


def test_the_digest_sorts_a_users_own_items(people, cast):
    digest = digest_for(cast.secretary_a, TODAY)
    overdue = [(i.name, i.what) for i in digest.overdue]
    assert ("Ngô Quang Trễ", "Hạn tổ chức lễ kết nạp (30 ngày làm việc từ ngày quyết định)") in overdue
    assert [(i.name, i.what, i.date) for i in digest.due_this_week] == [
        ("Lý Thị Sắp", "Hết thời kỳ dự bị (ngày chính thức)", D(2026, 11, 25))
    ]
    assert all(i.name != "Người Thôn Đoài" for i in digest.overdue + digest.due_this_week + digest.new_today)
    assert "Quá hạn (1):" in digest.body() and "Lý Thị Sắp (Chi bộ thôn Đông)" in digest.body()


def test_new_today_is_what_entered_the_board_today(people, cast, monkeypatch):
    # Probation of someone whose ceremony was a year ago minus the warning window enters the board today.
    from candidates import rules

    window = rules.rules_for(TODAY).probation_warning_days
    end = TODAY + datetime.timedelta(days=window)
    ceremony = end.replace(year=end.year - 1)
    make_candidate(
        cast.cell_a, Stage.PROBATIONARY, full_name="Mới Vào Bảng", decision_date=ceremony, ceremony_date=ceremony
    )
    digest = digest_for(cast.secretary_a, TODAY)
    assert [i.name for i in digest.new_today] == ["Mới Vào Bảng"]


def test_dry_run_prints_each_users_digest_and_sends_nothing(people, cast):
    out = io.StringIO()
    call_command("send_reminders", "--dry-run", stdout=out)
    text = out.getvalue()
    assert "== secretary_a <secretary_a@example.org>" in text and "Ngô Quang Trễ" in text
    assert "== secretary_b <secretary_b@example.org>" in text and "Người Thôn Đoài" in text
    assert "Sẽ gửi" in text
    assert mail.outbox == []


def test_sending_respects_the_opt_out(people, cast):
    ReminderSettings.objects.create(user=cast.secretary_b, daily_digest=False)
    counts = send_digests(on=TODAY, write=lambda t: None)
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert "secretary_a@example.org" in recipients and "secretary_b@example.org" not in recipients
    assert counts["sent"] == len(mail.outbox)
    message = next(m for m in mail.outbox if m.to == ["secretary_a@example.org"])
    assert message.subject.startswith("Nhắc việc 20/11/2026: 1 quá hạn, 1 đến hạn trong tuần")


def test_the_worker_sends_it_as_a_job(people, cast):
    # conftest runs jobs inside the test (the immediate backend): what the worker would do.
    out = io.StringIO()
    call_command("send_reminders", "--queue", stdout=out)
    from jobs.models import Job

    job = Job.objects.get(kind="reminders.digest")
    assert job.status == "done", job.message
    assert job.message.startswith("Đã gửi ")
    assert any(m.to == ["secretary_a@example.org"] for m in mail.outbox)


def test_the_calendar_feed_validates_and_can_be_revoked(people, cast, login, client):
    late, soon, other = people
    client = login(cast.secretary_a)
    assert "Tạo địa chỉ lịch" in client.get(reverse("reminder-settings")).content.decode()
    client.post(reverse("reminder-settings"), {"action": "new-token"})
    token = ReminderSettings.objects.get(user=cast.secretary_a).calendar_token
    assert len(token) >= 40
    client.logout()
    response = client.get(reverse("reminder-calendar", args=[token]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    assert str(cal["version"]) == "2.0"
    events = {str(e["summary"]): e.decoded("dtstart") for e in cal.walk("VEVENT")}
    assert events["Hết thời gian dự bị: Lý Thị Sắp"] == D(2026, 11, 25)
    assert "Hạn tổ chức lễ kết nạp: Ngô Quang Trễ" in events
    assert not any("Người Thôn Đoài" in s for s in events)  # another cell's person
    assert all(e.get("uid") and e.get("dtstamp") for e in cal.walk("VEVENT"))
    client = login(cast.secretary_a)
    client.post(reverse("reminder-settings"), {"action": "revoke"})
    client.logout()
    assert client.get(reverse("reminder-calendar", args=[token])).status_code == 404


def test_the_digest_can_be_turned_off_from_the_page(cast, login):
    client = login(cast.commune_staff)
    response = client.post(reverse("reminder-settings"), {"action": "digest"}, follow=True)
    assert "Đã tắt thư nhắc việc hằng ngày." in response.content.decode()
    assert ReminderSettings.objects.get(user=cast.commune_staff).daily_digest is False
