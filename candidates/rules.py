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
from dataclasses import dataclass, field, fields
from fractions import Fraction

from django.conf import settings

from . import workdays
from .workdays import WorkCalendar


def param(default, label: str, source: str, unit: str = ""):
    """A rule-set parameter with its Vietnamese label, its source ({regulation} and {guidance} name the
    texts of the rule set) and its unit, shown on the "Quy định áp dụng" page and cited in messages."""
    return field(default=default, metadata={"label": label, "source": source, "unit": unit})


@dataclass(frozen=True)
class RuleSet:
    name: str
    source: str
    effective_from: datetime.date
    regulation: str = ""
    guidance: str = ""
    min_age_months: int = param(
        18 * 12,
        "Tuổi tối thiểu khi chi bộ xét kết nạp",
        "Điều lệ Đảng, Điều 1.2; {regulation}, điểm 1.1 (tuổi đời tính theo tháng)",
        "tháng",
    )
    max_age_months: int = param(
        60 * 12,
        "Tuổi tối đa khi chi bộ xét kết nạp (quá tuổi cần quyết định ngoại lệ)",
        "{regulation}, điểm 1.1 (đủ 18 tuổi đến đủ 60 tuổi, tính theo tháng)",
        "tháng",
    )
    certificate_valid_months: int = param(
        60,
        "Thời hạn giá trị của giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng",
        "{guidance}, thi hành Điều 4 Điều lệ Đảng",
        "tháng",
    )
    introducer_min_months: int = param(
        12,
        "Thời gian người giới thiệu cùng công tác, học tập, sinh sống với người vào Đảng",
        "Điều lệ Đảng, Điều 4.2",
        "tháng",
    )
    youth_union_max_age: int = param(
        30,
        "Độ tuổi thanh niên (đoàn viên được Đoàn giới thiệu); thiết lập CANDIDATES_YOUTH_UNION_MAX_AGE",
        "Điều lệ Đảng, Điều 4.1",
        "tuổi",
    )
    cell_vote_share: Fraction = param(
        Fraction(2, 3), "Tỷ lệ đảng viên chính thức của chi bộ tán thành", "Điều lệ Đảng, Điều 4.3", "số đảng viên"
    )
    committee_vote_share: Fraction = param(
        Fraction(2, 3), "Tỷ lệ cấp ủy viên tán thành", "Điều lệ Đảng, Điều 4.3", "số cấp ủy viên"
    )
    decision_working_days: int = param(
        60,
        "Hạn cấp ủy có thẩm quyền quyết định kết nạp, kể từ ngày chi bộ có nghị quyết đề nghị",
        "{regulation}, thi hành Điều 4 Điều lệ Đảng",
        "ngày làm việc",
    )
    decision_extension_working_days: int = param(
        30,
        "Gia hạn một lần (trường hợp đặc biệt) thời hạn quyết định kết nạp, tối đa",
        "{regulation}, thi hành Điều 4 Điều lệ Đảng",
        "ngày làm việc",
    )
    ceremony_working_days: int = param(
        30,
        "Hạn tổ chức lễ kết nạp, kể từ ngày chi bộ nhận quyết định (muộn hơn phải có ý kiến của cấp ủy cấp trên)",
        "{regulation}, thi hành Điều 4 Điều lệ Đảng",
        "ngày làm việc",
    )
    probation_months: int = param(12, "Thời kỳ dự bị, tính từ ngày lễ kết nạp", "Điều lệ Đảng, Điều 5.1", "tháng")
    recognition_cell_working_days: int = param(
        30,
        "Hạn chi bộ xét công nhận đảng viên chính thức, kể từ ngày hết thời kỳ dự bị",
        "Điều lệ Đảng, Điều 5.3; {regulation}, thi hành Điều 5",
        "ngày làm việc",
    )
    recognition_decision_working_days: int = param(
        30,
        "Hạn cấp ủy có thẩm quyền quyết định công nhận chính thức, kể từ ngày chi bộ có nghị quyết đề nghị",
        "{regulation}, thi hành Điều 5 Điều lệ Đảng",
        "ngày làm việc",
    )
    recognition_failed_votes_limit: int = param(
        3,
        "Số lần chi bộ biểu quyết không đạt 2/3 về công nhận chính thức thì báo cáo cấp ủy cấp trên",
        "{guidance}, thi hành Điều 5 Điều lệ Đảng",
        "lần",
    )
    readmission_after_months: int = param(
        36,
        "Kết nạp lại: một lần, sau khi ra khỏi Đảng ít nhất",
        "{regulation}, thi hành Điều 4 Điều lệ Đảng (kết nạp lại)",
        "tháng",
    )
    readmission_max_times: int = param(
        1, "Số lần được kết nạp lại", "{regulation}, thi hành Điều 4 Điều lệ Đảng (kết nạp lại)", "lần"
    )
    papers_valid_months: int = param(
        12,
        "Giấy giới thiệu, nghị quyết Đoàn/Công đoàn, tổng hợp nhận xét quá thời hạn này khi chi bộ họp phải làm lại "
        "(chưa xác nhận: thiết lập CANDIDATES_STALE_PAPERS = warn/block)",
        "Hướng dẫn 38-HD/BTCTW (2025) — chưa xác nhận",
        "tháng",
    )
    cell_min_official_members: int = param(
        3, "Số đảng viên chính thức tối thiểu của chi bộ (cảnh báo)", "Điều lệ Đảng, Điều 21.1", "đảng viên"
    )
    district_level_last_day: datetime.date = param(
        datetime.date(2025, 6, 30),
        "Ngày cuối cùng ban thường vụ cấp ủy huyện quyết định kết nạp",
        "Nghị quyết 60-NQ/TW ngày 12/4/2025; Kết luận 150-KL/TW; Quy định 294-QĐ/TW",
        "",
    )
    commune_level_first_day: datetime.date = param(
        datetime.date(2025, 7, 1),
        "Từ ngày này ban thường vụ đảng ủy cấp xã (hoặc đảng ủy khối) quyết định kết nạp",
        "Nghị quyết 60-NQ/TW ngày 12/4/2025; Quy định 294-QĐ/TW",
        "",
    )
    certificate_warning_days: int = param(
        90, "Cảnh báo giấy chứng nhận bồi dưỡng sắp hết hạn, trước", "Thực tiễn theo dõi (không phải quy định)", "ngày"
    )
    probation_warning_days: int = param(
        30, "Cảnh báo sắp hết thời kỳ dự bị, trước", "Thực tiễn theo dõi (không phải quy định)", "ngày"
    )
    sympathizer_without_training_months: int = param(
        12,
        "Cảnh báo cảm tình Đảng chưa học lớp bồi dưỡng, sau",
        "Thực tiễn theo dõi (không phải quy định)",
        "tháng",
    )

    def cite(self, name: str) -> str:
        """The source of a parameter, with the rule set's texts filled in."""
        meta = {f.name: f for f in fields(self)}[name].metadata
        return meta["source"].format(regulation=self.regulation, guidance=self.guidance)

    def parameters(self) -> list[dict]:
        """Every parameter: name, label, value as shown, unit, source (the rules page)."""
        out = []
        for f in fields(self):
            if "label" not in f.metadata:
                continue
            value = getattr(self, f.name)
            if isinstance(value, Fraction):
                shown = f"{value.numerator}/{value.denominator}"
            elif isinstance(value, datetime.date):
                shown = value.strftime("%d/%m/%Y")
            else:
                shown = str(value)
            if f.metadata["unit"] == "tháng" and isinstance(value, int) and value >= 24 and value % 12 == 0:
                shown += f" ({value // 12} năm)"
            out.append(
                {
                    "name": f.name,
                    "label": f.metadata["label"],
                    "value": shown,
                    "unit": f.metadata["unit"],
                    "source": self.cite(f.name),
                }
            )
        return out


RULE_SETS: tuple[RuleSet, ...] = (
    RuleSet(
        name="2021",
        source="Điều lệ Đảng; Quy định 24-QĐ/TW ngày 30/7/2021; Hướng dẫn 01-HD/TW ngày 28/9/2021",
        effective_from=datetime.date(2021, 7, 30),
        regulation="Quy định 24-QĐ/TW ngày 30/7/2021",
        guidance="Hướng dẫn 01-HD/TW ngày 28/9/2021",
    ),
    RuleSet(
        name="2025-01",
        source="Điều lệ Đảng; Quy định 232-QĐ/TW ngày 20/01/2025; Hướng dẫn 01-HD/TW",
        effective_from=datetime.date(2025, 1, 20),
        regulation="Quy định 232-QĐ/TW ngày 20/01/2025",
        guidance="Hướng dẫn 01-HD/TW ngày 28/9/2021",
    ),
    RuleSet(
        name="2025",
        source="Điều lệ Đảng; Quy định 294-QĐ/TW ngày 26/5/2025; Hướng dẫn 06-HD/TW ngày 09/6/2025",
        effective_from=datetime.date(2025, 7, 1),
        regulation="Quy định 294-QĐ/TW ngày 26/5/2025",
        guidance="Hướng dẫn 06-HD/TW ngày 09/6/2025",
    ),
)


def rule_set_until(rule_set: RuleSet) -> datetime.date | None:
    """The last day a rule set was in force (None for the current one)."""
    later = [r.effective_from for r in RULE_SETS if r.effective_from > rule_set.effective_from]
    return min(later) - datetime.timedelta(days=1) if later else None


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
    """Of youth age on a date: up to full `youth_union_max_age` years (a setting overrides it).
    Unknown birth date (an incomplete imported record): not known to be of youth age."""
    if birth_date is None:
        return False
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


def full_years_date(birth_date: datetime.date, years: int) -> datetime.date:
    """The day a person reaches full `years` of age. One rule for 29/02 birthdays everywhere: in a common
    year the full years are reached on 01/03 (the age check and its message both use it)."""
    year = birth_date.year + years
    if birth_date.month == 2 and birth_date.day == 29 and not calendar.isleap(year):
        return datetime.date(year, 3, 1)
    return birth_date.replace(year=year)


def age_in_months(birth_date: datetime.date, on: datetime.date) -> int:
    """Full months of age on a date (the 18th birthday itself counts as 216 months; born 29/02, the
    18th birthday in a common year is 01/03, as full_years_date says)."""
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


# ---- Working days (candidates.workdays: python-holidays + the administrator's entries) ------------


def holidays() -> WorkCalendar:
    """The working-day calendar: computed public holidays plus the administrator's days off and
    make-up working days (one query)."""
    return workdays.load()


def is_working_day(day: datetime.date, off: WorkCalendar | None = None) -> bool:
    return (holidays() if off is None else off).is_working_day(day)


def add_working_days(start: datetime.date, days: int, off: WorkCalendar | None = None) -> datetime.date:
    """The date `days` working days after `start` (start itself not counted)."""
    return (holidays() if off is None else off).add_working_days(start, days)


def working_days_between(start: datetime.date, end: datetime.date, off: WorkCalendar | None = None) -> int:
    """Working days after `start` up to and including `end`."""
    return (holidays() if off is None else off).working_days_between(start, end)


def coverage_warning(start: datetime.date, end: datetime.date, off: WorkCalendar | None = None) -> str:
    """A warning when a deadline was counted through a year the calendar does not cover."""
    return (holidays() if off is None else off).coverage_warning(start, end)


# ---- Deadlines -------------------------------------------------------------------------------
# Each deadline is counted from its own start; the rule set in force on the start date applies.


def decision_deadline(cell_resolution_date: datetime.date, off=None, extension_days: int = 0) -> datetime.date:
    """The admission decision: 60 working days after the cell's resolution (+ the recorded extension)."""
    days = rules_for(cell_resolution_date).decision_working_days + (extension_days or 0)
    return add_working_days(cell_resolution_date, days, off)


def ceremony_deadline(received_date: datetime.date, off=None) -> datetime.date:
    """The ceremony: 30 working days after the cell received the decision (default: the decision date)."""
    return add_working_days(received_date, rules_for(received_date).ceremony_working_days, off)


def probation_end(ceremony_date: datetime.date) -> datetime.date:
    """The day the candidate becomes eligible for recognition (ceremony + 12 months); also the official
    date (ngày chính thức), even when recognized late."""
    return add_months(ceremony_date, rules_for(ceremony_date).probation_months)


official_date = probation_end


def recognition_cell_deadline(ceremony_date: datetime.date, off=None) -> datetime.date:
    """The cell considers recognition within 30 working days after probation ends."""
    end = probation_end(ceremony_date)
    return add_working_days(end, rules_for(end).recognition_cell_working_days, off)


def recognition_decision_deadline(cell_resolution_date: datetime.date, off=None) -> datetime.date:
    """The committee decides within 30 working days after the cell's resolution proposing recognition."""
    days = rules_for(cell_resolution_date).recognition_decision_working_days
    return add_working_days(cell_resolution_date, days, off)


def party_age(decision_date: datetime.date, on: datetime.date) -> tuple[int, int]:
    """Party age (tuổi đảng) in (years, months), counted from the admission decision (Điều lệ Đảng,
    Điều 5.4)."""
    months = age_in_months(decision_date, on)
    return max(months, 0) // 12, max(months, 0) % 12
