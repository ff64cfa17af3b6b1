"""The deadlines of one candidate, each counted from its own start (rules.py has the numbers):

- the admission decision: 60 working days after the cell's resolution, + the one recorded extension;
- the ceremony: 30 working days after the cell received the decision (default: the decision date);
  later only with the upper committee's recorded approval;
- recognition, two deadlines: the cell considers within 30 working days after probation ends, and the
  committee decides within 30 working days after the cell's resolution.

`late_warnings` turns the recorded dates into the warnings that stay visible on the candidate page
(a late act without a recorded valid reason); every message names the rule and its source.
"""

import datetime

from . import clock, rules
from .models import Candidate
from .workdays import WorkCalendar


def d(day: datetime.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _cal(cal: WorkCalendar | None) -> WorkCalendar:
    return rules.holidays() if cal is None else cal


def decision_due(c: Candidate, cal: WorkCalendar | None = None) -> datetime.date | None:
    if not c.cell_resolution_date:
        return None
    return rules.decision_deadline(c.cell_resolution_date, _cal(cal), c.decision_extension_days or 0)


def ceremony_start(c: Candidate) -> datetime.date | None:
    """The day the ceremony's 30 working days start: the recorded received date, else the decision date."""
    return c.decision_received_date or c.decision_date


def ceremony_due(c: Candidate, cal: WorkCalendar | None = None) -> datetime.date | None:
    start = ceremony_start(c)
    return rules.ceremony_deadline(start, _cal(cal)) if start else None


def recognition_cell_due(c: Candidate, cal: WorkCalendar | None = None) -> datetime.date | None:
    return rules.recognition_cell_deadline(c.ceremony_date, _cal(cal)) if c.ceremony_date else None


def recognition_decision_due(c: Candidate, cal: WorkCalendar | None = None) -> datetime.date | None:
    if not c.recognition_resolution_date:
        return None
    return rules.recognition_decision_deadline(c.recognition_resolution_date, _cal(cal))


# ---- Messages (Vietnamese, each naming the rule and its source) ---------------------------------


def decision_late_message(c: Candidate, on: datetime.date, due: datetime.date) -> str:
    r = rules.rules_for(c.cell_resolution_date)
    extension = ""
    if c.decision_extension_days:
        extension = (
            f", đã gia hạn {c.decision_extension_days} ngày làm việc theo văn bản số "
            f"{c.decision_extension_number} ngày {d(c.decision_extension_date)}"
        )
    return (
        f"Quyết định kết nạp ngày {d(on)} quá hạn {r.decision_working_days} ngày làm việc kể từ nghị quyết chi bộ "
        f"ngày {d(c.cell_resolution_date)} (hạn {d(due)}{extension}); cấp ủy phải báo cáo lý do với cấp ủy cấp trên "
        f"({r.cite('decision_working_days')})."
    )


def ceremony_late_message(c: Candidate, on: datetime.date, due: datetime.date) -> str:
    start = ceremony_start(c)
    r = rules.rules_for(start)
    received = "chi bộ nhận quyết định" if c.decision_received_date else "quyết định kết nạp (chưa ghi ngày nhận)"
    return (
        f"Lễ kết nạp ngày {d(on)} quá hạn {r.ceremony_working_days} ngày làm việc kể từ ngày {received} "
        f"{d(start)} (hạn {d(due)}) mà chưa có ý kiến đồng ý của cấp ủy cấp trên trực tiếp "
        f"({r.cite('ceremony_working_days')})."
    )


def recognition_cell_late_message(c: Candidate, on: datetime.date, due: datetime.date) -> str:
    end = rules.probation_end(c.ceremony_date)
    r = rules.rules_for(end)
    return (
        f"Chi bộ xét công nhận đảng viên chính thức ngày {d(on)} quá hạn {r.recognition_cell_working_days} ngày làm "
        f"việc kể từ ngày hết thời kỳ dự bị {d(end)} (hạn {d(due)}) ({r.cite('recognition_cell_working_days')})."
    )


def recognition_decision_late_message(c: Candidate, on: datetime.date, due: datetime.date) -> str:
    r = rules.rules_for(c.recognition_resolution_date)
    return (
        f"Quyết định công nhận đảng viên chính thức ngày {d(on)} quá hạn {r.recognition_decision_working_days} ngày "
        f"làm việc kể từ nghị quyết chi bộ ngày {d(c.recognition_resolution_date)} (hạn {d(due)}); cấp ủy phải báo "
        f"cáo lý do với cấp ủy cấp trên ({r.cite('recognition_decision_working_days')})."
    )


def failed_votes_message(c: Candidate) -> str:
    r = rules.rules_for(rules.probation_end(c.ceremony_date) if c.ceremony_date else clock.today())
    return (
        f"Chi bộ đã {c.recognition_failed_votes} lần biểu quyết công nhận đảng viên chính thức không đạt "
        f"{r.cell_vote_share.numerator}/{r.cell_vote_share.denominator}: báo cáo cấp ủy cấp trên xem xét, quyết định "
        f"({r.cite('recognition_failed_votes_limit')})."
    )


def late_warnings(c: Candidate, cal: WorkCalendar | None = None) -> list[str]:
    """The warnings of the acts already recorded late (they stay visible: no recorded valid reason)."""
    cal = _cal(cal)
    out = []
    if c.decision_date and c.cell_resolution_date:
        due = decision_due(c, cal)
        if c.decision_date > due:
            out.append(decision_late_message(c, c.decision_date, due))
    if c.ceremony_date and ceremony_start(c) and not c.ceremony_late_approval_date:
        due = ceremony_due(c, cal)
        if c.ceremony_date > due:
            out.append(ceremony_late_message(c, c.ceremony_date, due))
    if c.recognition_resolution_date and c.ceremony_date:
        due = recognition_cell_due(c, cal)
        if c.recognition_resolution_date > due:
            out.append(recognition_cell_late_message(c, c.recognition_resolution_date, due))
    if c.recognition_decision_date and c.recognition_resolution_date:
        due = recognition_decision_due(c, cal)
        if c.recognition_decision_date > due:
            out.append(recognition_decision_late_message(c, c.recognition_decision_date, due))
    limit = rules.rules_for(c.ceremony_date or clock.today()).recognition_failed_votes_limit
    if c.recognition_failed_votes >= limit and c.is_open and not c.recognition_decision_date:
        out.append(failed_votes_message(c))
    return out


def coverage_warnings(c: Candidate, cal: WorkCalendar | None = None) -> list[str]:
    """A warning for every deadline of the candidate counted through a year the calendar does not cover."""
    cal = _cal(cal)
    spans = [
        (c.cell_resolution_date, decision_due(c, cal)),
        (ceremony_start(c), ceremony_due(c, cal)),
        (rules.probation_end(c.ceremony_date) if c.ceremony_date else None, recognition_cell_due(c, cal)),
        (c.recognition_resolution_date, recognition_decision_due(c, cal)),
    ]
    out = []
    for start, end in spans:
        if start and end:
            message = cal.coverage_warning(start, end)
            if message and message not in out:
                out.append(message)
    return out
