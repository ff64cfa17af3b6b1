"""The pipeline report shows the two recognition deadlines on their own rows, like the deadline board:
the cell's 30 working days after probation, the committee's 30 working days after the cell's resolution."""

import datetime

from candidates.models import Stage
from candidates.tests.factories import make_candidate
from reports import builders
from reports.params import make_period

D = datetime.date


def test_the_cells_and_the_committees_recognition_deadlines_are_two_rows(cast):
    # As of Fri 20/11/2026: probation ended 08/10/2026 -> the cell's deadline 19/11 is past;
    # the cell resolved on 08/10/2026 -> the committee's deadline 19/11 is past.
    make_candidate(cast.cell_a, Stage.PROBATIONARY, full_name="Chi Bộ Muộn", ceremony_date=D(2025, 10, 8))
    make_candidate(
        cast.cell_a,
        Stage.PROBATIONARY,
        full_name="Cấp Ủy Muộn",
        ceremony_date=D(2025, 9, 1),
        recognition_resolution_number="5-NQ/CB",
        recognition_resolution_date=D(2026, 10, 8),
    )
    report = builders.build_pipeline(
        user=cast.province_staff, unit=cast.province, period=make_period(2026, as_of=D(2026, 11, 20))
    )
    _, by_section, waiting = report.tables
    titles = [column.label for column in by_section.columns]
    assert "Chi bộ chưa xét công nhận chính thức quá hạn" in titles
    assert "Quyết định công nhận chính thức quá hạn" in titles
    rows = {row[1]: (row[5], row[6], row[7]) for row in waiting.rows}
    assert rows["Chi Bộ Muộn"] == ("Chi bộ chưa xét công nhận chính thức quá hạn", D(2026, 11, 19), "Quá hạn 1 ngày")
    assert rows["Cấp Ủy Muộn"] == ("Quyết định công nhận chính thức quá hạn", D(2026, 11, 19), "Quá hạn 1 ngày")
