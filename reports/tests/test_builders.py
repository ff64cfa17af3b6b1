"""The figures of each report, from the shared data (reports/tests/conftest.py)."""

import datetime
from decimal import Decimal

import pytest
from django.http import Http404

from quotas.selectors import unit_progress
from reports import builders
from reports.params import ReportError, class_for, make_period

D = datetime.date
AS_OF = D(2026, 11, 22)


def rows_by_label(table, column=1):
    return {row[column]: row for row in table.rows}


def test_progress_agrees_with_the_quota_selector(report_data):
    c = report_data
    report = builders.build_progress(user=c.province_staff, unit=c.province, period=make_period(2026, as_of=AS_OF))
    by_unit, by_grassroots = report.tables
    rows = rows_by_label(by_unit)
    # STT, unit, target, admitted, percent, còn thiếu, result, proposed, trained, forecast
    assert rows["Đảng bộ xã Tân Hòa"][2:] == [2, 3, Decimal("150.00"), 0, "Đạt", 2, 0, 5]
    assert rows["Đảng bộ xã Phú Xuân"][2:] == [4, 1, Decimal("25.00"), 3, "Chưa đạt", 0, 0, 1]
    # The total row is the sum of the rows above (6 = 2 + 4), not the province's own target (5),
    # which is a note of its own; còn thiếu sums the rows' shortfalls (0 + 3).
    assert by_unit.totals[1].startswith("Cộng các đơn vị trực thuộc (= tổng các dòng trên)")
    assert by_unit.totals[2:] == [6, 4, Decimal("66.67"), 3, "Chưa đạt", 2, 0, 6]
    progress = unit_progress(unit=c.province, year=2026, as_of=AS_OF)
    assert [r[3] for r in by_unit.rows] == [r.admitted for r in progress.children]
    t = progress.children_totals
    assert (by_unit.totals[2], by_unit.totals[3], by_unit.totals[4]) == (t.target, t.admitted, t.percent)
    assert any(n.startswith("Chỉ tiêu cấp trên giao cho Đảng bộ tỉnh Test: 5;") for n in report.notes)
    assert any(n.startswith("Dòng “Cộng các đơn vị trực thuộc”: tổng của các dòng trên") for n in report.notes)
    # Grassroots units below the communes, with their own quota (or none: not 0 %).
    g = rows_by_label(by_grassroots)
    assert g["Đảng bộ cơ sở thôn"][2:7] == [2, 3, Decimal("150.00"), 0, "Đạt"]
    assert g["Chi bộ cơ sở Trường THCS"][2:7] == [None, 1, None, None, "Chưa giao"]
    assert report.chart.bars == [("Đảng bộ xã Tân Hòa", Decimal("150.00")), ("Đảng bộ xã Phú Xuân", Decimal("25.00"))]
    assert any("1/2 đơn vị được giao" in note for note in report.notes)
    assert "Người Tỉnh Khác" not in str(report.tables)


def test_progress_for_a_quarter_counts_the_quarter_and_the_year_so_far(report_data):
    c = report_data
    report = builders.build_progress(user=c.province_staff, unit=c.province, period=make_period(2026, 1))
    rows = rows_by_label(report.tables[0])
    # target, in the quarter, quarter %, cumulative, %
    assert rows["Đảng bộ xã Tân Hòa"][2:7] == [2, 1, Decimal("50.00"), 1, Decimal("50.00")]
    assert rows["Đảng bộ xã Phú Xuân"][2:7] == [4, 1, Decimal("25.00"), 1, Decimal("25.00")]
    assert report.tables[0].totals[2:5] == [6, 2, Decimal("33.33")]
    assert report.period_label == "Quý I năm 2026"


def test_summary_breakdowns(report_data):
    c = report_data
    report = builders.build_summary(user=c.province_staff, unit=c.province, period=make_period(2026, as_of=AS_OF))
    rows = {row[1]: row[2:] for row in report.tables[0].rows}
    assert rows["Tổng số đảng viên mới kết nạp"] == [4, None]
    assert rows["Nữ"] == [1, Decimal("25.00")]
    assert rows["Người dân tộc thiểu số"] == [1, Decimal("25.00")]
    assert rows["Người có đạo (theo tôn giáo)"] == [1, Decimal("25.00")]
    assert rows["Đoàn viên thanh niên"] == [1, Decimal("25.00")]
    # 25, 36, 29 (a day short of 30) and exactly 18 at the decision.
    assert rows["Tuổi từ 18 đến 30 (tại ngày quyết định kết nạp)"] == [3, Decimal("75.00")]
    assert rows["Tuổi bình quân (năm)"] == [Decimal("27.5"), None]
    assert rows["Trình độ học vấn trung học phổ thông"] == [4, Decimal("100.00")]
    assert rows["Trình độ cao đẳng, đại học trở lên"] == [1, Decimal("25.00")]
    assert rows["– Nông dân"] == [1, Decimal("25.00")]
    assert rows["– Công nhân"] == [1, Decimal("25.00")]
    assert rows["– Học sinh, sinh viên"] == [1, Decimal("25.00")]
    assert rows["– Cán bộ, công chức"] == [0, Decimal("0.00")]
    # In a private enterprise: the flag on the person, or the cell's sector.
    assert rows["Trong doanh nghiệp tư nhân, có vốn đầu tư nước ngoài"] == [2, Decimal("50.00")]
    assert rows["Số tổ chức cơ sở đảng"] == [2, None]
    assert rows["Tổ chức cơ sở đảng có kết nạp đảng viên"] == [2, Decimal("100.00")]


def test_summary_of_a_commune_and_an_empty_year(report_data):
    c = report_data
    commune = builders.build_summary(user=c.commune_staff, unit=c.commune, period=make_period(2026))
    assert commune.tables[0].rows[0][2] == 3
    empty = builders.build_summary(user=c.province_staff, unit=c.province, period=make_period(2024))
    rows = {row[1]: row[2:] for row in empty.tables[0].rows}
    assert rows["Tổng số đảng viên mới kết nạp"] == [0, None]
    assert rows["Nữ"] == [0, None]  # no percentage of nothing
    assert rows["Tuổi bình quân (năm)"] == [None, None]
    assert rows["Tổ chức cơ sở đảng không kết nạp được đảng viên"] == [2, Decimal("100.00")]


def test_pipeline_by_stage_and_waiting_for_deadlines(report_data):
    c = report_data
    report = builders.build_pipeline(user=c.province_staff, unit=c.province, period=make_period(2026, as_of=AS_OF))
    by_stage, by_section, waiting = report.tables
    rows = rows_by_label(by_stage)
    # source, sympathizer, trained, proposed, decided, probationary, total
    assert rows["Đảng bộ xã Tân Hòa"][2:] == [1, 1, 0, 2, 0, 4, 8]
    assert rows["Đảng bộ xã Phú Xuân"][2:] == [1, 0, 1, 0, 0, 1, 3]
    assert by_stage.totals[2:] == [2, 1, 1, 2, 0, 5, 11]
    # The deadline board's sections (candidates.selectors), in its order, then by deadline.
    what = [(row[1], row[5], row[6], row[7]) for row in waiting.rows]
    assert [w[1] for w in what] == [
        "Quyết định kết nạp quá hạn",
        "Giấy chứng nhận bồi dưỡng sắp hết hạn",
        "Cảm tình Đảng quá 12 tháng chưa học lớp bồi dưỡng",
    ]
    # 60 working days, Saturday 22/08/2026 a make-up working day (python-holidays).
    assert what[0][2] == D(2026, 8, 22) and what[0][3] == "Quá hạn 92 ngày"
    assert what[1][2] == D(2026, 12, 1) and what[1][3] == "Còn 9 ngày"
    assert what[2][2] == D(2025, 1, 10)
    counts = rows_by_label(by_section)
    assert sum(counts["Đảng bộ xã Tân Hòa"][2:-1]) == 2 and counts["Đảng bộ xã Phú Xuân"][-1] == 1
    assert by_section.totals[-1] == 3


def test_pipeline_of_a_cell_is_one_row(report_data):
    c = report_data
    report = builders.build_pipeline(user=c.secretary_a, unit=c.cell_a, period=make_period(2026, as_of=AS_OF))
    assert [row[1] for row in report.tables[0].rows] == ["Chi bộ thôn Đông"]
    assert report.tables[0].totals[-1] == 4
    assert report.signer_lines == ["T/M CHI BỘ", "BÍ THƯ"]
    assert report.issuer_lines == ["ĐẢNG ỦY CƠ SỞ THÔN", "CHI BỘ THÔN ĐÔNG"]
    assert report.number.endswith("-BC/CB")


def test_class_results_for_the_units_trainees(report_data):
    c = report_data
    report = builders.build_class(user=c.training, unit=c.province, training_class=c.klass)
    trainees, counts = report.tables
    assert [r[4] for r in trainees.rows].count("Khá") == 1
    assert {r[0]: r[1:] for r in counts.rows}["Đạt (giỏi, khá, trung bình)"] == [2, Decimal("50.00")]
    assert {r[0]: r[1:] for r in counts.rows}["Không đạt"] == [1, Decimal("25.00")]
    commune = builders.build_class(user=c.commune_staff, unit=c.commune, training_class=class_for(c.commune, "K1-2026"))
    assert len(commune.tables[0].rows) == 3
    assert "Nguyễn Thị Hằng" in [r[1] for r in commune.tables[0].rows]


def test_class_outside_the_unit_is_not_found(report_data):
    c = report_data
    with pytest.raises(Http404):
        class_for(c.other_province, "K1-2026")
    with pytest.raises(Http404):
        class_for(c.province, "NO-SUCH")
    with pytest.raises(ReportError):
        class_for(c.province, "")


@pytest.mark.parametrize(
    "year,quarter,as_of,message",
    [
        (2026, 5, None, "Quý phải là 1, 2, 3 hoặc 4."),
        (2026, 0, None, "Quý phải là 1, 2, 3 hoặc 4."),
        (2026, None, D(2025, 12, 31), "không thuộc năm 2026"),
        (2026, None, D(2027, 1, 1), "không thuộc năm 2026"),
        (2026, 2, D(2026, 3, 31), "ở trước quý II"),
        (1999, None, None, "Năm phải trong khoảng"),
    ],
)
def test_bad_periods_are_refused(year, quarter, as_of, message):
    with pytest.raises(ReportError, match=message):
        make_period(year, quarter, as_of)


def test_period_edges():
    assert (make_period(2026, 4).start, make_period(2026, 4).end) == (D(2026, 10, 1), D(2026, 12, 31))
    assert (make_period(2024, 1).start, make_period(2024, 1).end) == (D(2024, 1, 1), D(2024, 3, 31))
    p = make_period(2026, 2, D(2026, 5, 15))
    assert (p.start, p.end) == (D(2026, 4, 1), D(2026, 5, 15))
    assert p.label == "Quý II năm 2026, tính đến ngày 15/05/2026"
    assert make_period(2026, None, D(2026, 1, 1)).end == D(2026, 1, 1)
    assert make_period(2026, None, D(2026, 12, 31)).end == D(2026, 12, 31)
