"""The working-day calendar (candidates.workdays): computed holidays for any year, the administrator's
days off and make-up working days, and the warning for a year the calendar does not cover."""

import datetime

from candidates import rules
from candidates.models import Holiday, HolidayKind
from candidates.workdays import WorkCalendar

D = datetime.date


def test_the_ceremony_deadline_of_a_2022_decision_skips_tet_2023(db):
    # Tết Quý Mão: 20–26/01/2023 off, and 02/01/2023 (New Year observed).
    assert rules.ceremony_deadline(D(2022, 12, 20)) == D(2023, 2, 8)


def test_tet_2026_pushes_the_60th_working_day(db):
    # Cell resolution 10/12/2025: 01/01/2026 and Tết 16–20/02/2026 are days off.
    assert rules.decision_deadline(D(2025, 12, 10)) == D(2026, 3, 12)
    assert rules.working_days_between(D(2025, 12, 10), D(2026, 3, 12)) == 60
    assert rules.working_days_between(D(2025, 12, 10), D(2026, 3, 13)) == 61


def test_the_announced_swap_of_2025_makes_saturday_26_04_a_working_day_and_02_05_a_day_off(db):
    cal = rules.holidays()
    assert cal.is_working_day(D(2025, 4, 26))  # Saturday, made up
    assert not cal.is_working_day(D(2025, 5, 2))  # Friday, off
    assert rules.add_working_days(D(2025, 4, 25), 1) == D(2025, 4, 26)
    assert cal.is_working_day(D(2024, 5, 4))  # Saturday 04/05/2024, made up for 29/04/2024
    assert not cal.is_working_day(D(2024, 4, 29))


def test_hung_kings_day_comes_from_the_lunar_calendar(db):
    cal = rules.holidays()
    assert not cal.is_working_day(D(2025, 4, 7))  # 10/3 Ất Tỵ
    assert not cal.is_working_day(D(2027, 4, 16))  # 10/3 Đinh Mùi
    assert not cal.is_working_day(D(2024, 9, 3))  # Quốc khánh, the day beside 02/09


def test_a_make_up_saturday_entered_by_the_administrator_is_counted(db):
    # Friday 06/11/2026 + 1 working day is Monday 09/11 ... unless Saturday 07/11 is a make-up working day.
    assert rules.add_working_days(D(2026, 11, 6), 1) == D(2026, 11, 9)
    Holiday.objects.create(date=D(2026, 11, 7), kind=HolidayKind.WORKING_DAY, name="Làm bù")
    assert rules.add_working_days(D(2026, 11, 6), 1) == D(2026, 11, 7)


def test_a_day_off_entered_by_the_administrator_is_skipped(db):
    Holiday.objects.create(date=D(2026, 11, 9), kind=HolidayKind.DAY_OFF, name="Nghỉ theo thông báo")
    assert rules.add_working_days(D(2026, 11, 6), 1) == D(2026, 11, 10)


def test_a_deadline_through_an_uncovered_year_is_a_warning(db, settings):
    settings.WORKING_CALENDAR_FIRST_YEAR = 2023
    warning = rules.coverage_warning(D(2022, 12, 20), rules.ceremony_deadline(D(2022, 12, 20)))
    assert "chưa bao quát năm 2022" in warning and "2023–2100" in warning
    assert rules.coverage_warning(D(2023, 1, 5), D(2023, 3, 1)) == ""


def test_the_year_list_shows_library_and_administrator_days():
    cal = WorkCalendar(working_days={D(2025, 12, 27): "Làm bù"})
    days = {day.date: day for day in cal.year_days(2025)}
    assert days[D(2025, 4, 26)].working and days[D(2025, 4, 26)].origin == "library"
    assert not days[D(2025, 1, 29)].working and days[D(2025, 1, 29)].name == "Tết Nguyên Đán"
    assert days[D(2025, 12, 27)].origin == "admin"


def test_29_february_birthdays_are_of_age_on_1_march_in_a_common_year():
    born = D(2008, 2, 29)
    assert rules.full_years_date(born, 18) == D(2026, 3, 1)
    assert rules.age_in_months(born, D(2026, 2, 28)) == 18 * 12 - 1
    assert rules.age_in_months(born, D(2026, 3, 1)) == 18 * 12
    assert rules.full_years_date(born, 20) == D(2028, 2, 29)
