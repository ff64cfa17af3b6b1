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
from dataclasses import dataclass

from . import clock, rules
from .models import Candidate, Stage
from .workdays import WorkCalendar

NOT_YET_PROPOSED = (Stage.SOURCE, Stage.SYMPATHIZER, Stage.TRAINED)


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


# ---- Per-candidate deadlines (for the rows on a page and the candidate page) ------------------


@dataclass
class Deadline:
    label: str
    date: datetime.date
    status: str  # "ok", "warn", "bad"
    note: str = ""


def candidate_deadlines(candidate: Candidate, on: datetime.date | None = None, off=None) -> list[Deadline]:
    """The deadlines that matter for the candidate's current stage, with their state on `on`."""
    on = on or clock.today()
    off = rules.holidays() if off is None else off
    out: list[Deadline] = []
    if not candidate.is_open:
        return out
    stage = candidate.stage
    if stage in NOT_YET_PROPOSED and candidate.certificate_date:
        expiry = rules.certificate_expiry(candidate.certificate_date, on)
        warn = rules.rules_for(on).certificate_warning_days
        status = "bad" if expiry <= on else ("warn" if (expiry - on).days <= warn else "ok")
        out.append(Deadline("Giấy chứng nhận bồi dưỡng hết hạn", expiry, status, "không còn hiệu lực từ ngày này"))
    if stage == Stage.SYMPATHIZER and candidate.sympathizer_date and not candidate.certificate_date:
        due = rules.add_months(candidate.sympathizer_date, rules.rules_for(on).sympathizer_without_training_months)
        out.append(Deadline("Cảm tình Đảng 12 tháng (nên dự lớp bồi dưỡng)", due, "bad" if due < on else "ok"))
    if stage == Stage.PROPOSED and candidate.cell_resolution_date:
        day = decision_due(candidate, off)
        extended = f", gia hạn {candidate.decision_extension_days}" if candidate.decision_extension_days else ""
        out.append(Deadline(f"Hạn quyết định kết nạp (60{extended} ngày làm việc)", day, "bad" if day < on else "ok"))
    if stage == Stage.DECIDED and candidate.decision_date:
        day = ceremony_due(candidate, off)
        start = "nhận quyết định" if candidate.decision_received_date else "quyết định"
        note = "cấp ủy cấp trên đã đồng ý tổ chức muộn" if candidate.ceremony_late_approval_date else ""
        status = "ok" if day >= on or note else "bad"
        out.append(Deadline(f"Hạn tổ chức lễ kết nạp (30 ngày làm việc từ ngày {start})", day, status, note))
    if stage == Stage.PROBATIONARY and candidate.ceremony_date:
        end = rules.probation_end(candidate.ceremony_date)
        warn = rules.rules_for(on).probation_warning_days
        soon = end <= on + datetime.timedelta(days=warn) and not candidate.recognition_resolution_date
        out.append(Deadline("Hết thời kỳ dự bị (ngày chính thức)", end, "warn" if soon else "ok"))
        if not candidate.recognition_resolution_date:
            day = recognition_cell_due(candidate, off)
            out.append(Deadline("Hạn chi bộ xét công nhận chính thức", day, "bad" if day < on else "ok"))
        else:
            day = recognition_decision_due(candidate, off)
            out.append(Deadline("Hạn cấp ủy quyết định công nhận chính thức", day, "bad" if day < on else "ok"))
    return out


def annotate_deadlines(rows: list[Candidate], on: datetime.date | None = None, off=None) -> list[Candidate]:
    """Attach `.deadlines` to a page of rows (calendar arithmetic only, one query for the calendar)."""
    off = rules.holidays() if off is None else off
    for row in rows:
        row.deadlines = candidate_deadlines(row, on, off)
        # The official date is the end of probation, even when recognized late (shown on the lists).
        official = row.stage == Stage.OFFICIAL and row.ceremony_date
        row.official_date = rules.official_date(row.ceremony_date) if official else None
    return rows
