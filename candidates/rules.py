"""The regulation in code. Every threshold of the admission procedure is a named parameter of a
dated rule set, with the text it comes from; the set in force on the legal date applies.
Nothing else in the code base hard-codes these numbers.

Sources (see ../shared/DOMAIN.md):
- Điều lệ Đảng (2011), Điều 4 (age, introducers, vote), Điều 5 (probation, recognition).
- Quy định thi hành Điều lệ: 24-QĐ/TW (2021), 232-QĐ/TW (01–06/2025), 294-QĐ/TW (from 01/07/2025).
- Hướng dẫn: 01-HD/TW (2021), 06-HD/TW (2025): certificate validity, deadlines, working days.
"""

import calendar
import datetime
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from django.conf import settings


@dataclass(frozen=True)
class RuleSet:
    name: str
    source: str
    effective_from: datetime.date
    # Điều lệ Đảng, Điều 4.1: from full 18 to full 60 years of age at the cell's admission meeting.
    min_age_months: int = 18 * 12
    max_age_months: int = 60 * 12
    # Hướng dẫn 01-HD/TW 3.1 / 06-HD/TW: the awareness-class certificate is valid 60 months.
    certificate_valid_months: int = 60
    # Điều lệ Điều 4.2: introducers have worked/studied/lived with the candidate >= 12 months.
    introducer_min_months: int = 12
    # Youth-age Đoàn members are introduced by the Đoàn committee + 1 member (age limit unconfirmed:
    # a setting, CANDIDATES_YOUTH_UNION_MAX_AGE, overrides it).
    youth_union_max_age: int = 30
    # Điều lệ Điều 4.3: >= 2/3 of the cell's official members; the committee likewise.
    cell_vote_share: Fraction = Fraction(2, 3)
    committee_vote_share: Fraction = Fraction(2, 3)
    # Quy định thi hành Điều lệ 3.4: decision within 60 working days of the cell resolution (+30 once).
    decision_working_days: int = 60
    decision_extension_working_days: int = 30
    # Ceremony within 30 working days of receiving the decision.
    ceremony_working_days: int = 30
    # Điều lệ Điều 5: 12 months of probation from the ceremony.
    probation_months: int = 12
    # Recognition: the cell considers within 30 working days after probation ends; decision within 30 more.
    recognition_cell_working_days: int = 30
    recognition_decision_working_days: int = 30
    # Re-admission after leaving: once, after >= 36 months, with provincial consent.
    readmission_after_months: int = 36
    readmission_max_times: int = 1
    # Papers older than this at the cell's meeting are redone: introductions, the Đoàn/union resolution,
    # the summary of comments (unconfirmed: CANDIDATES_STALE_PAPERS = "warn" (default) or "block").
    papers_valid_months: int = 12
    # Điều lệ Điều 21.1 (chi bộ có ít nhất 3 đảng viên chính thức): a warning when the recorded
    # denominator of a cell vote is below it.
    cell_min_official_members: int = 3
    # Nghị quyết 60-NQ/TW (12/4/2025), Kết luận 150-KL/TW, Quy định 294-QĐ/TW: district committees end on
    # 30/06/2025; from 01/07/2025 the commune-level (or bloc) standing committee admits.
    district_level_last_day: datetime.date = datetime.date(2025, 6, 30)
    commune_level_first_day: datetime.date = datetime.date(2025, 7, 1)
    # Board warnings (practice, not regulation).
    certificate_warning_days: int = 90
    probation_warning_days: int = 30
    sympathizer_without_training_months: int = 12


RULE_SETS: tuple[RuleSet, ...] = (
    RuleSet(
        name="2021",
        source="Điều lệ Đảng; Quy định 24-QĐ/TW ngày 30/7/2021; Hướng dẫn 01-HD/TW ngày 28/9/2021",
        effective_from=datetime.date(2021, 7, 30),
    ),
    RuleSet(
        name="2025-01",
        source="Điều lệ Đảng; Quy định 232-QĐ/TW ngày 20/01/2025; Hướng dẫn 01-HD/TW",
        effective_from=datetime.date(2025, 1, 20),
    ),
    RuleSet(
        name="2025",
        source="Điều lệ Đảng; Quy định 294-QĐ/TW ngày 26/5/2025; Hướng dẫn 06-HD/TW ngày 09/6/2025",
        effective_from=datetime.date(2025, 7, 1),
    ),
)


# Where each check comes from, named in every refusal ("… (Điều lệ Đảng, Điều 4.2)").
SOURCES = {
    "introducers": "Điều lệ Đảng, Điều 4.2; Hướng dẫn 06-HD/TW (2025), 3.3",
    "routes": "Điều lệ Đảng, Điều 4.1, 4.2; Quy định 294-QĐ/TW (2025), 3.3",
    "papers": "Hướng dẫn 38-HD/BTCTW (2025) — chưa xác nhận, thiết lập CANDIDATES_STALE_PAPERS",
    "cell_size": "Điều lệ Đảng, Điều 21.1",
    "age": "Điều lệ Đảng, Điều 1.2; Quy định 294-QĐ/TW (2025), 1.2",
    "education": "Quy định 294-QĐ/TW (2025), 1.3",
    "religion": "Quy định 06-QĐ/TW ngày 03/8/2018",
    "path": "Điều lệ Đảng, Điều 4.3, 4.4; Hướng dẫn 06-HD/TW (2025), 3.4",
    "competent": "Điều lệ Đảng, Điều 4.4; Nghị quyết 60-NQ/TW (2025); Quy định 294-QĐ/TW (2025), 3.4",
    "readmission": "Quy định 294-QĐ/TW (2025), 4.3; Hướng dẫn 06-HD/TW (2025), 3.6",
    "rights": "Điều lệ Đảng, Điều 4.4, 5.3, 5.4",
    "closed_unit": "Nghị quyết 60-NQ/TW (2025) — đơn vị đã giải thể, sáp nhập",
    "transfer": "Hướng dẫn 06-HD/TW (2025), 3.3",
}


def cite(key: str) -> str:
    return f"({SOURCES[key]})"


def stale_papers_block() -> bool:
    return getattr(settings, "CANDIDATES_STALE_PAPERS", "warn") == "block"


def youth_age(birth_date: datetime.date, on: datetime.date) -> bool:
    """Of youth age on a date: up to full `youth_union_max_age` years (a setting overrides it)."""
    return age_in_months(birth_date, on) < (rules_for(on).youth_union_max_age + 1) * 12


def rules_for(on: datetime.date) -> RuleSet:
    """The rule set in force on a legal date (the oldest one for dates before all of them)."""
    current = RULE_SETS[0]
    for rule_set in RULE_SETS:
        if rule_set.effective_from <= on:
            current = rule_set
    max_age = getattr(settings, "CANDIDATES_YOUTH_UNION_MAX_AGE", None)
    if max_age and max_age != current.youth_union_max_age:
        from dataclasses import replace

        current = replace(current, youth_union_max_age=max_age)
    return current


# ---- Calendar arithmetic ---------------------------------------------------------------------


def add_months(day: datetime.date, months: int) -> datetime.date:
    """Same day of month `months` later (clamped to the month's last day: 31/01 + 1 = 28/02)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def age_in_months(birth_date: datetime.date, on: datetime.date) -> int:
    """Full months of age on a date (the 18th birthday itself counts as 216 months)."""
    months = (on.year - birth_date.year) * 12 + (on.month - birth_date.month)
    if on.day < birth_date.day:
        months -= 1
    return months


def certificate_expiry(issued: datetime.date, on: datetime.date | None = None) -> datetime.date:
    """The first day the certificate is no longer valid."""
    rules = rules_for(on or issued)
    return add_months(issued, rules.certificate_valid_months)


def certificate_valid_on(issued: datetime.date, on: datetime.date) -> bool:
    return on < certificate_expiry(issued, on)


def vote_passes(votes_for: int, members: int, share: Fraction) -> bool:
    return members > 0 and Fraction(votes_for, members) >= share


# ---- Working days ----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _holiday_cache(stamp: int) -> frozenset[datetime.date]:
    from .models import Holiday

    return frozenset(Holiday.objects.values_list("date", flat=True))


def holidays() -> frozenset[datetime.date]:
    """The administrator's holiday list, cached until the list changes."""
    from django.db.models import Count, Max

    from .models import Holiday

    agg = Holiday.objects.aggregate(n=Count("id"), last=Max("id"))
    return _holiday_cache(hash((agg["n"], agg["last"])))


def is_working_day(day: datetime.date, off: frozenset[datetime.date]) -> bool:
    return day.weekday() < 5 and day not in off


def add_working_days(start: datetime.date, days: int, off: frozenset[datetime.date] | None = None) -> datetime.date:
    """The date `days` working days after `start` (start itself not counted)."""
    off = holidays() if off is None else off
    current = start
    counted = 0
    while counted < days:
        current += datetime.timedelta(days=1)
        if is_working_day(current, off):
            counted += 1
    return current


def working_days_between(start: datetime.date, end: datetime.date, off: frozenset[datetime.date] | None = None) -> int:
    """Working days after `start` up to and including `end`."""
    off = holidays() if off is None else off
    count = 0
    current = start
    while current < end:
        current += datetime.timedelta(days=1)
        if is_working_day(current, off):
            count += 1
    return count


# ---- Deadlines -------------------------------------------------------------------------------


def decision_deadline(cell_resolution_date: datetime.date, off=None) -> datetime.date:
    return add_working_days(cell_resolution_date, rules_for(cell_resolution_date).decision_working_days, off)


def ceremony_deadline(decision_date: datetime.date, off=None) -> datetime.date:
    return add_working_days(decision_date, rules_for(decision_date).ceremony_working_days, off)


def probation_end(ceremony_date: datetime.date) -> datetime.date:
    """The day the candidate becomes eligible for recognition (ceremony + 12 months)."""
    return add_months(ceremony_date, rules_for(ceremony_date).probation_months)


def recognition_deadline(ceremony_date: datetime.date, off=None) -> datetime.date:
    end = probation_end(ceremony_date)
    rules = rules_for(end)
    return add_working_days(end, rules.recognition_cell_working_days + rules.recognition_decision_working_days, off)
