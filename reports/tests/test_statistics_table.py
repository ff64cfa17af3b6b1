"""The 11-HD/BTCTW statistics table of new members: a row per unit directly below, the "Tổng số" and
shares rows, a column per breakdown of the year-end summary under its group heading, numbered; a year
or a half-year by decision date; landscape, in Word and PDF alike; a fixed number of queries."""

import datetime
import io
import subprocess

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT

from candidates.models import Occupation
from quotas.dataset import add_cells
from reports.builders.summary import measures
from reports.documents.service import produce
from reports.documents.statistics import statistics_period, statistics_table
from reports.documents.statistics_columns import COLUMNS

from .conftest import admit
from .helpers import pdf_text

D = datetime.date
HEADINGS = [
    "STT",
    "Đơn vị",
    "Tổng số",
    "Nữ",
    "Dân tộc thiểu số",
    "Tôn giáo",
    "Đoàn viên",
    "Từ 18 đến 30",
    "Bình quân (năm)",
    "Trung học phổ thông",
    "Cao đẳng, đại học trở lên",
    "Chưa rõ học vấn",
    "Cán bộ, công chức",
    "Viên chức",
    "Nhân viên doanh nghiệp",
    "Công nhân",
    "Nông dân",
    "Lực lượng vũ trang",
    "Học sinh, sinh viên",
    "Khác",
    "Trong doanh nghiệp tư nhân, có vốn ĐTNN",
    "Tổng số",
    "Có kết nạp đảng viên",
]


def word_table(content: bytes):
    doc = Document(io.BytesIO(content))
    table = next(t for t in doc.tables if len(t.columns) == len(HEADINGS))
    return doc, [[cell.text for cell in row.cells] for row in table.rows]


def test_every_breakdown_of_the_summary_has_its_column():
    breakdowns, occupations, _private = measures()
    keys = [key for key, _label, _group in COLUMNS]
    assert {key for key, _l, _q in breakdowns + occupations} <= set(keys)
    assert [(k, label) for k, label, group in COLUMNS if group == "Nghề nghiệp"] == [
        (f"occ_{o.value}", o.label) for o in Occupation
    ]


def test_the_word_table_reads_back_with_its_headings_groups_numbers_and_totals(report_data):
    c = report_data
    out = produce(user=c.province_staff, slug="statistics", fmt="docx", unit_code="P", year=2026, half=None)
    doc, rows = word_table(out.content)
    assert doc.sections[0].orientation == WD_ORIENT.LANDSCAPE
    groups, headings, numbers, total, share, *units = rows
    assert headings == HEADINGS
    assert groups[3:7] == ["Trong đó"] * 4 and groups[7:9] == ["Tuổi đời"] * 2
    assert groups[9:12] == ["Trình độ"] * 3 and groups[12:20] == ["Nghề nghiệp"] * 8
    assert groups[21:23] == ["Tổ chức cơ sở đảng"] * 2 and groups[:3] == HEADINGS[:3]
    assert numbers == ["A", "B", *(str(i) for i in range(1, 22))]
    # Four admissions in 2026 in the province (not last year's, not the other province's).
    assert total[:8] == ["", "Tổng số", "4", "1", "1", "1", "1", "3"]
    assert total[9] == "4" and total[20:] == ["2", "2", "2"]  # private enterprise; grassroots units
    assert share[1] == "Tỷ lệ so với tổng số (%)" and share[2:5] == ["100,0", "25,0", "25,0"]
    assert share[8] == "" and share[21:] == ["", "100,0"]
    assert [u[:3] for u in units] == [["1", "Đảng bộ xã Tân Hòa", "3"], ["2", "Đảng bộ xã Phú Xuân", "1"]]
    assert sum(int(u[2]) for u in units) == int(total[2])


def test_the_pdf_is_landscape_with_the_same_rows(report_data):
    c = report_data
    out = produce(user=c.province_staff, slug="statistics", fmt="pdf", unit_code="P", year=2026, half=1)
    info = subprocess.run(["pdfinfo", "-"], input=out.content, capture_output=True, check=True).stdout.decode()
    assert "841.89 x 595.276 pts (A4)" in info  # landscape: wider than tall
    text = " ".join(pdf_text(out.content).split())
    assert "6 tháng đầu năm 2026" in text and "từ ngày 01/01/2026 đến ngày 30/06/2026" in text
    assert "Tỷ lệ so với tổng số (%)" in text and "Đảng bộ xã Phú Xuân" in text
    assert "Nghề nghiệp" in text and "Tuổi đời" in text and "11-HD/BTCTW" in text


def test_half_years_split_at_the_30th_of_june(cast):
    admit(cast.cell_a, D(2027, 6, 30))
    admit(cast.cell_b, D(2027, 7, 1))
    admit(cast.school, D(2027, 12, 31))
    first = statistics_table(cast.province, statistics_period(2027, 1))
    second = statistics_table(cast.province, statistics_period(2027, 2))
    year = statistics_table(cast.province, statistics_period(2027, None))
    assert (first["sum_row"]["total"], second["sum_row"]["total"], year["sum_row"]["total"]) == ("1", "2", "3")
    assert [(r["label"], r["total"]) for r in second["rows"]] == [
        ("Đảng bộ xã Tân Hòa", "1"),
        ("Đảng bộ xã Phú Xuân", "1"),
    ]


def test_a_cell_has_only_its_totals_and_a_committee_its_own_admissions_row(cast):
    admit(cast.cell_a, D(2027, 3, 3))
    admit(cast.commune, D(2027, 4, 4))  # recorded on the commune committee itself
    cell = statistics_table(cast.cell_a, statistics_period(2027, None))
    assert cell["rows"] == [] and cell["sum_row"]["total"] == "1"
    commune = statistics_table(cast.commune, statistics_period(2027, None))
    assert [(r["label"], r["total"]) for r in commune["rows"]] == [
        ("Đảng bộ xã Tân Hòa (trực tiếp)", "1"),
        ("Đảng bộ cơ sở thôn", "1"),
    ]
    assert commune["sum_row"]["total"] == "2"


@pytest.mark.parametrize("more", [0, 40])
def test_a_fixed_number_of_queries(cast, django_assert_max_num_queries, more):
    admit(cast.cell_a, D(2027, 3, 3))
    cells = add_cells(cast.province, more) if more else []
    for i, cell in enumerate(cells):
        admit(cell, D(2027, 1 + i % 12, 1 + i % 27))
    with django_assert_max_num_queries(6):
        table = statistics_table(cast.province, statistics_period(2027, None))
    assert table["sum_row"]["total"] == str(1 + more) and len(table["rows"]) == 2 + more
