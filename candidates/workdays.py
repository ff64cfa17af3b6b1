"""The working-day calendar of the deadlines (ngày làm việc).

Working days are Monday to Friday, minus Vietnam's public holidays, plus the Saturdays the Government
announces as make-up working days. The fixed and lunar holidays (Tết Dương lịch, Tết Nguyên đán,
Giỗ Tổ Hùng Vương 10/3 âm lịch, 30/4, 1/5, Quốc khánh 2/9 and the day beside it, Ngày Văn hóa Việt Nam
24/11 from 2026), their observed days and the day-off swaps the library knows (e.g. 02/05/2025 off for
Saturday 26/04/2025) come from python-holidays, computed for any year (Bộ luật Lao động 2019, Điều 112).
On top of it an administrator enters (Holiday rows) the days off and the working Saturdays of later
announcements. The years the calendar vouches for are a setting; a deadline counted through another
year is still computed but comes with a warning (`coverage_warning`).
"""

import datetime
from dataclasses import dataclass, field
from functools import lru_cache

import holidays as holidays_lib
from django.conf import settings

DAY = datetime.timedelta(days=1)
SOURCE = "Bộ luật Lao động 2019, Điều 112; thông báo nghỉ lễ, hoán đổi ngày làm việc hằng năm của Chính phủ"
LIBRARY = f"python-holidays {holidays_lib.__version__}"


def _library_supports(year: int) -> bool:
    return holidays_lib.Vietnam.start_year <= year <= holidays_lib.Vietnam.end_year


@lru_cache(maxsize=512)
def public_holidays(year: int) -> dict[datetime.date, str]:
    """Vietnam's public holidays (and the library's announced days off) of a year, in Vietnamese."""
    if not _library_supports(year):
        return {}
    return {day: name for day, name in holidays_lib.Vietnam(years=year, language="vi").items() if day.year == year}


@lru_cache(maxsize=512)
def library_working_weekends(year: int) -> frozenset[datetime.date]:
    """Saturdays and Sundays the library knows as make-up working days (a swap may be listed under the
    next year's entry: 27/12/2014 for 02/01/2015)."""
    years = [y for y in (year, year + 1) if _library_supports(y)]
    if not years:
        return frozenset()
    return frozenset(d for d in holidays_lib.Vietnam(years=years).weekend_workdays if d.year == year)


def covered_years() -> tuple[int, int]:
    """(first, last) year the calendar vouches for (settings WORKING_CALENDAR_FIRST_YEAR / _LAST_YEAR)."""
    first = max(getattr(settings, "WORKING_CALENDAR_FIRST_YEAR", 1995), holidays_lib.Vietnam.start_year)
    last = min(getattr(settings, "WORKING_CALENDAR_LAST_YEAR", 2100), holidays_lib.Vietnam.end_year)
    return first, last


@dataclass(frozen=True)
class CalendarDay:
    date: datetime.date
    name: str
    working: bool  # True: a make-up working day on a weekend; False: a day off on a weekday
    origin: str  # "library" or "admin"


@dataclass(frozen=True)
class WorkCalendar:
    """Working days from the library's holidays and the administrator's entries (day off / working day)."""

    days_off: dict[datetime.date, str] = field(default_factory=dict)
    working_days: dict[datetime.date, str] = field(default_factory=dict)
    first_year: int = 1995
    last_year: int = 2100

    def covers(self, year: int) -> bool:
        return self.first_year <= year <= self.last_year

    def is_working_day(self, day: datetime.date) -> bool:
        if day in self.working_days:
            return True
        if day in self.days_off:
            return False
        if day.weekday() >= 5:
            return day in library_working_weekends(day.year)
        return day not in public_holidays(day.year)

    def add_working_days(self, start: datetime.date, days: int) -> datetime.date:
        """The date `days` working days after `start` (start itself not counted)."""
        current, counted = start, 0
        while counted < days:
            current += DAY
            if self.is_working_day(current):
                counted += 1
        return current

    def working_days_between(self, start: datetime.date, end: datetime.date) -> int:
        """Working days after `start` up to and including `end`."""
        count, current = 0, start
        while current < end:
            current += DAY
            if self.is_working_day(current):
                count += 1
        return count

    def uncovered_years(self, start: datetime.date, end: datetime.date) -> list[int]:
        return [y for y in range(min(start, end).year, max(start, end).year + 1) if not self.covers(y)]

    def coverage_warning(self, start: datetime.date, end: datetime.date) -> str:
        """A Vietnamese warning when a count of working days runs through a year not vouched for."""
        years = self.uncovered_years(start, end)
        if not years:
            return ""
        listed = ", ".join(str(y) for y in years)
        return (
            f"Lịch ngày làm việc chưa bao quát năm {listed} (lịch áp dụng {self.first_year}–{self.last_year}): "
            f"hạn tính theo ngày làm việc từ {start:%d/%m/%Y} đến {end:%d/%m/%Y} có thể chưa đúng ngày nghỉ lễ; "
            "hãy kiểm tra và nhập ngày nghỉ, ngày làm bù của năm đó (quy định về ngày làm việc: " + SOURCE + ")."
        )

    def year_days(self, year: int) -> list[CalendarDay]:
        """What differs from a plain Monday–Friday week in a year: every holiday and make-up working day,
        from the library and the administrator, in date order (the admin's entry wins on a date)."""
        out: dict[datetime.date, CalendarDay] = {}
        for day, name in public_holidays(year).items():
            out[day] = CalendarDay(day, name, False, "library")
        for day in library_working_weekends(year):
            out[day] = CalendarDay(day, "Ngày làm việc bù (theo thông báo hoán đổi ngày nghỉ)", True, "library")
        for day, name in self.days_off.items():
            if day.year == year:
                out[day] = CalendarDay(day, name, False, "admin")
        for day, name in self.working_days.items():
            if day.year == year:
                out[day] = CalendarDay(day, name, True, "admin")
        return [out[d] for d in sorted(out)]


def load() -> WorkCalendar:
    """The calendar with the administrator's entries (one query)."""
    from .models import Holiday, HolidayKind

    days_off: dict[datetime.date, str] = {}
    working: dict[datetime.date, str] = {}
    for day, name, kind in Holiday.objects.values_list("date", "name", "kind"):
        (working if kind == HolidayKind.WORKING_DAY else days_off)[day] = name
    first, last = covered_years()
    return WorkCalendar(days_off=days_off, working_days=working, first_year=first, last_year=last)


def working_days_before(cal: WorkCalendar, before: datetime.date, count: int) -> list[datetime.date]:
    """The `count` latest working days strictly before `before`, latest first (for late-deadline cutoffs:
    a start date s is late on `before` for N working days when s < result[N - 1])."""
    out: list[datetime.date] = []
    current = before
    while len(out) < count:
        current -= DAY
        if cal.is_working_day(current):
            out.append(current)
    return out
