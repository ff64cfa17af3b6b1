"""The regulation's thresholds at their edges, each as its own test."""

import datetime

import pytest

from candidates import rules
from candidates.models import Holiday


def test_rule_set_in_force_on_the_legal_date():
    assert rules.rules_for(datetime.date(2024, 5, 1)).name == "2021"
    assert rules.rules_for(datetime.date(2025, 6, 30)).name == "2025-01"
    assert rules.rules_for(datetime.date(2025, 7, 1)).name == "2025"


def test_day_before_18th_birthday_is_215_months():
    assert rules.age_in_months(datetime.date(2008, 5, 10), datetime.date(2026, 5, 9)) == 215


def test_18th_birthday_is_216_months():
    assert rules.age_in_months(datetime.date(2008, 5, 10), datetime.date(2026, 5, 10)) == 216


def test_certificate_valid_on_its_last_day():
    issued = datetime.date(2019, 3, 12)
    assert rules.certificate_valid_on(issued, datetime.date(2024, 3, 11))


def test_certificate_expired_the_day_after():
    issued = datetime.date(2019, 3, 12)
    assert not rules.certificate_valid_on(issued, datetime.date(2024, 3, 12))
    assert rules.certificate_expiry(issued) == datetime.date(2024, 3, 12)


def test_six_of_nine_votes_pass():
    assert rules.vote_passes(6, 9, rules.rules_for(datetime.date(2025, 9, 1)).cell_vote_share)


def test_five_of_eight_votes_fail():
    assert not rules.vote_passes(5, 8, rules.rules_for(datetime.date(2025, 9, 1)).cell_vote_share)


@pytest.mark.django_db
def test_60th_working_day_across_a_holiday():
    # Cell resolution Friday 28/08/2026; 31/08 (off for Saturday 22/08), 01/09, 02/09 (National Day) and
    # 24/11 (Ngày Văn hóa Việt Nam, from 2026) are days off.
    deadline = rules.decision_deadline(datetime.date(2026, 8, 28))
    # 60 weekdays after 28/08 would be 20/11; the four days off push it to 26/11.
    assert deadline == datetime.date(2026, 11, 26)
    assert rules.working_days_between(datetime.date(2026, 8, 28), deadline) == 60


@pytest.mark.django_db
def test_61st_working_day_is_late():
    Holiday.objects.create(date=datetime.date(2026, 9, 2), name="Quốc khánh")
    deadline = rules.decision_deadline(datetime.date(2026, 8, 28))
    next_working = rules.add_working_days(deadline, 1)
    assert rules.working_days_between(datetime.date(2026, 8, 28), next_working) == 61
    assert next_working > deadline


def test_probation_is_12_months():
    assert rules.probation_end(datetime.date(2025, 2, 28)) == datetime.date(2026, 2, 28)
