"""A user's calendar (iCalendar, RFC 5545, written by the `icalendar` package) for phone calendars:
ceremony deadlines and ceremonies, decision (meeting) deadlines, probation ends and recognition
deadlines of the open candidates in the user's scope. All-day events; one query plus the holidays."""

import datetime

from icalendar import Calendar, Event

from candidates import clock, rules
from candidates.models import Candidate, Stage
from units.labels import display_names
from units.scope import scoped

PRODID = "-//Quan ly phat trien dang vien//Nhac viec//VI"
HORIZON = datetime.timedelta(days=400)
PAST = datetime.timedelta(days=90)


def _events(candidate: Candidate, off) -> list[tuple[str, str, datetime.date]]:
    """(uid suffix, summary, date) of the candidate's dated steps."""
    out = []
    if candidate.stage == Stage.PROPOSED and candidate.cell_resolution_date:
        out.append(
            ("quyet-dinh", "Hạn quyết định kết nạp", rules.decision_deadline(candidate.cell_resolution_date, off))
        )
    if candidate.stage == Stage.DECIDED and candidate.decision_date:
        out.append(("le-ket-nap", "Hạn tổ chức lễ kết nạp", rules.ceremony_deadline(candidate.decision_date, off)))
    if candidate.stage == Stage.PROBATIONARY and candidate.ceremony_date:
        out.append(("du-bi", "Hết thời gian dự bị", rules.probation_end(candidate.ceremony_date)))
        out.append(
            (
                "cong-nhan",
                "Hạn chi bộ xét công nhận đảng viên chính thức",
                rules.recognition_cell_deadline(candidate.ceremony_date, off),
            )
        )
    return out


def calendar_for(user, base_url: str = "") -> bytes:
    on = clock.today()
    off = rules.holidays()
    people = list(
        scoped(user, Candidate)
        .filter(is_open=True, stage__in=[Stage.PROPOSED, Stage.DECIDED, Stage.PROBATIONARY])
        .select_related("cell")
        .only(
            "full_name",
            "stage",
            "cell_resolution_date",
            "decision_date",
            "ceremony_date",
            "cell__name",
            "cell__path",
            "cell__code",
        )
        .order_by("pk")
    )
    cells = display_names(c.cell for c in people)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Phát triển đảng viên — nhắc việc")
    cal.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    stamp = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    for c in people:
        for key, summary, day in _events(c, off):
            if not (on - PAST <= day <= on + HORIZON):
                continue
            event = Event()
            event.add("uid", f"{c.pk}-{key}@phat-trien-dang-vien")
            event.add("dtstamp", stamp)
            event.add("dtstart", day)
            event.add("dtend", day + datetime.timedelta(days=1))
            event.add("summary", f"{summary}: {c.full_name}")
            event.add("description", f"{c.full_name} — {cells.get(c.cell_id, '')}. {summary} ngày {day:%d/%m/%Y}.")
            event.add("url", f"{base_url}/ung-vien/{c.pk}/")
            event.add("transp", "TRANSPARENT")
            cal.add_component(event)
    return cal.to_ical()
