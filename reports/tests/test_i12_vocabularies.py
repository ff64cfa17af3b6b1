"""Issue 12, item 10: the year-end summary reads the official vocabularies; education may be unknown."""

import datetime
from decimal import Decimal

from candidates.models import Stage
from candidates.tests.factories import make_candidate
from reports import builders
from reports.params import make_period


def test_no_religion_kinh_and_unknown_education_are_counted_as_such(cast):
    for education, religion, ethnicity in (("", "Không", "Kinh"), ("upper_secondary", "Phật giáo", "Tày")):
        make_candidate(
            cast.cell_a,
            Stage.DECIDED,
            general_education=education,
            religion=religion,
            ethnicity=ethnicity,
            decision_date=datetime.date(2026, 3, 1),
        )
    report = builders.build_summary(user=cast.province_staff, unit=cast.province, period=make_period(2026))
    rows = {row[1]: row[2:] for row in report.tables[0].rows}
    assert rows["Người có đạo (theo tôn giáo)"] == [1, Decimal("50.00")]
    assert rows["Người dân tộc thiểu số"] == [1, Decimal("50.00")]
    assert rows["Chưa rõ trình độ học vấn"] == [1, Decimal("50.00")]
    assert rows["Trình độ học vấn trung học phổ thông"] == [1, Decimal("50.00")]
