"""What the files hold: pdftotext of the PDFs (Vietnamese exactly, the figures, repeated headers, page
footers, real bold faces) and the workbooks reopened with openpyxl (numbers, percents, dates, text)."""

import datetime
import unicodedata

import pytest

from candidates.models import Candidate
from reports import builders
from reports.params import make_period
from reports.render_pdf import render_pdf
from reports.render_xlsx import render_xlsx
from reports.structure import INT, PERCENT, TEXT, Column, Report, Table

from .conftest import FORMULA_NAME
from .helpers import find_row, pdf_fonts, pdf_pages, pdf_text, sheet_rows, workbook

D = datetime.date
AS_OF = D(2026, 11, 22)


@pytest.fixture
def reports(report_data):
    c = report_data
    period = make_period(2026, as_of=AS_OF)
    return {
        "progress": builders.build_progress(user=c.province_staff, unit=c.province, period=period),
        "pipeline": builders.build_pipeline(user=c.province_staff, unit=c.province, period=period),
        "summary": builders.build_summary(user=c.province_staff, unit=c.province, period=period),
        "candidates": builders.build_candidates(
            user=c.province_staff, unit=c.province, queryset=Candidate.objects.all()
        ),
        "class": builders.build_class(user=c.province_staff, unit=c.province, training_class=c.klass),
    }


def test_every_pdf_is_a_party_document_in_correct_vietnamese(reports):
    for slug, report in reports.items():
        text = pdf_text(render_pdf(report))
        assert unicodedata.is_normalized("NFC", text)
        assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text, slug
        # Issued by the organization board of the provincial committee (units.naming).
        assert "TỈNH ỦY TEST" in text and "BAN TỔ CHỨC" in text, slug
        assert "Số" in text and "-BC/BTCTU" in text, slug
        assert f"Test, ngày {report.date:%d} tháng {report.date:%m} năm {report.date:%Y}" in text, slug
        assert report.title in text, slug
        assert "TRƯỞNG BAN" in text and "T/M BAN THƯỜNG VỤ" not in text and "NGƯỜI LẬP BIỂU" in text, slug
        assert "Trang 1/" in text, slug


def test_pdf_figures_and_names(reports):
    progress = pdf_text(render_pdf(reports["progress"]))
    assert "Đảng bộ xã Tân Hòa" in progress and "150,00%" in progress and "66,67%" in progress
    assert "Cộng các đơn vị trực thuộc (= tổng các dòng trên)" in " ".join(progress.split())
    assert "Biểu đồ tỷ lệ thực hiện chỉ tiêu" in progress
    summary = pdf_text(render_pdf(reports["summary"]))
    assert "Người dân tộc thiểu số" in summary and "27,5" in summary and "75,00%" in summary
    pipeline = pdf_text(render_pdf(reports["pipeline"]))
    assert "quần chúng ưu tú" in pipeline and "Quyết định kết nạp quá hạn" in pipeline and "Quá hạn" in pipeline
    candidates = pdf_text(render_pdf(reports["candidates"]))
    assert "Nguyễn Thị Hằng" in candidates and "ưu tú" in candidates and "10/03/2026" in candidates
    # The formula-like name is shown as text, escaped for the Paragraph markup.
    assert '=HYPERLINK("http://' in candidates
    klass = pdf_text(render_pdf(reports["class"]))
    assert "Lớp bồi dưỡng quần chúng ưu tú khóa I năm 2026" in klass and "Nguyễn Thị Hằng" in klass
    assert "50,00%" in klass


def test_pdf_uses_the_shipped_family_with_real_bold_and_italic(reports):
    fonts = pdf_fonts(render_pdf(reports["summary"]))
    for face in ("LiberationSerif ", "LiberationSerif-Bold ", "LiberationSerif-Italic "):
        assert face in fonts
    assert "Helvetica" not in fonts and "Times" not in fonts
    assert "TrueType" in fonts and " yes " in fonts  # embedded subsets


def test_markup_in_user_text_is_escaped(report_data):
    c = report_data
    Candidate.objects.filter(pk=c.hang.pk).update(full_name="Lê <b>Văn</b> & Co", ethnicity="Kinh")
    report = builders.build_candidates(user=c.province_staff, unit=c.province, queryset=Candidate.objects.all())
    assert "Lê <b>Văn</b> & Co" in pdf_text(render_pdf(report))


def long_report(rows: int, landscape=False) -> Report:
    table = Table(
        "Bảng dài",
        [Column("STT", INT, 5), Column("Họ và tên", TEXT, 30, wrap=True), Column("Tỷ lệ", PERCENT, 10)],
        [[i, f"Nguyễn Thị Hằng {i}", None] for i in range(1, rows + 1)],
    )
    return Report(
        slug="test",
        title="BÁO CÁO THỬ",
        period_label="Năm 2026",
        unit_name="Đảng bộ tỉnh Test",
        issuer_lines=["ĐẢNG BỘ TỈNH TEST", "BAN TỔ CHỨC"],
        number="Số -BC/BTC",
        place="Test",
        date=D(2026, 11, 22),
        tables=[table],
        landscape=landscape,
    )


def test_a_long_table_repeats_its_header_and_numbers_pages():
    content = render_pdf(long_report(200))
    pages = pdf_pages(content)
    assert pages >= 4
    for page in (2, pages):
        text = pdf_text(content, page)
        assert "STT" in text and "Họ và tên" in text and "Tỷ lệ" in text
        assert f"Trang {page}/{pages}" in text
    assert "Nguyễn Thị Hằng 200" in pdf_text(content, pages)


# ---- Excel ---------------------------------------------------------------------------------------


def test_progress_workbook_holds_numbers_percents_and_parameters(reports):
    wb = workbook(render_xlsx(reports["progress"]))
    assert wb.sheetnames == ["Theo đơn vị", "Theo TCCS đảng", "Tham số"]
    ws = wb["Theo đơn vị"]
    assert ws.freeze_panes == "A5"
    header = [c.value for c in ws[4]]
    assert header[:4] == ["STT", "Đơn vị", "Chỉ tiêu năm", "Đã kết nạp"]
    assert ws[4][0].font.b and ws[4][0].fill.fgColor.rgb.endswith("E8E8E8")
    row = find_row(ws, "Đảng bộ xã Tân Hòa")
    assert [c.value for c in row[2:5]] == [2, 3, 1.5]
    assert row[4].number_format == "0.00%"
    assert row[2].data_type == "n"
    totals = find_row(ws, "Cộng các đơn vị trực thuộc (= tổng các dòng trên)")
    assert [c.value for c in totals[2:6]] == [6, 4, 0.6667, 3] and totals[2].font.b
    assert ws.column_dimensions["B"].width >= 30
    params = dict(sheet_rows(wb["Tham số"])[1:])
    assert params["Đơn vị"] == "Đảng bộ tỉnh Test (P)"
    assert params["Kỳ báo cáo"] == "Năm 2026, tính đến ngày 22/11/2026"
    assert params["Người lập"] == "province_staff"
    assert "Thời điểm lập" in params


def test_dates_are_dates_shown_day_first(reports):
    ws = workbook(render_xlsx(reports["candidates"]))["Danh sách"]
    row = find_row(ws, "Nguyễn Thị Hằng")
    birth, decision = row[2], row[8]
    assert birth.value == datetime.datetime(2000, 3, 11) and birth.is_date
    assert decision.value == datetime.datetime(2026, 3, 10) and decision.number_format == "dd/mm/yyyy"
    assert isinstance(row[0].value, int)


def test_a_formula_name_is_text_never_a_formula(reports):
    ws = workbook(render_xlsx(reports["candidates"]))["Danh sách"]
    cell = find_row(ws, FORMULA_NAME)[1]
    assert cell.value == FORMULA_NAME
    assert cell.data_type == "s"
    assert cell.quotePrefix


@pytest.mark.parametrize("value", ["=1+1", "+84912345678", "-5", "@SUM(A1)", "\tx", "\rx"])
def test_every_dangerous_start_is_written_as_text(value):
    report = long_report(1)
    report.tables[0].rows = [[1, value, None]]
    ws = workbook(render_xlsx(report))[report.tables[0].sheet]
    cell = ws.cell(row=5, column=2)
    # (The standard XML parser reads a stored CR back as LF, lxml — installed for docxtpl — keeps it;
    # the cell is text either way.)
    assert cell.data_type == "s" and cell.value in (value, value.replace("\r", "\n"))
    assert cell.quotePrefix


def test_summary_workbook(reports):
    ws = workbook(render_xlsx(reports["summary"]))["Tổng hợp"]
    women = find_row(ws, "Nữ")
    assert women[2].value == 1 and women[3].value == 0.25 and women[3].number_format == "0.00%"
    age = find_row(ws, "Tuổi bình quân (năm)")
    assert age[2].value == 27.5 and age[3].value is None


def test_empty_table_says_so(report_data):
    c = report_data
    report = builders.build_candidates(user=c.province_staff, unit=c.province, queryset=Candidate.objects.none())
    assert "Không có ai phù hợp với bộ lọc." in pdf_text(render_pdf(report))
    ws = workbook(render_xlsx(report))["Danh sách"]
    assert ws.cell(row=5, column=1).value == "Không có ai phù hợp với bộ lọc."


def test_row_heights_given_to_reportlab_are_the_ones_it_would_measure():
    """render_pdf passes every row's height (so long lists are not measured again on every page);
    they must equal what reportlab computes itself for the same cells and style, wrapped ones included."""
    from reportlab.platypus import LongTable

    from reports import render_pdf as rp

    rp.register_fonts()
    st = rp._styles(9)
    table = Table(
        title="Danh sách",
        columns=[Column("STT", INT, width=3), Column("Họ và tên", TEXT, width=10, wrap=True), Column("Ghi chú", TEXT)],
        rows=[
            [1, "Nguyễn Thị Minh Khai", ""],
            [2, "Tôn Nữ Thị Hoàng Anh Thư Nguyễn Phước Vĩnh Thụy " * 3, "có ghi chú"],
            [3, "", None],
        ],
        totals=[3, "Cộng", ""],
    )
    given = next(f for f in rp._table(table, st, 400) if isinstance(f, LongTable))
    measured = LongTable(given._cellvalues, colWidths=given._argW, repeatRows=1)
    measured._cellStyles = given._cellStyles  # the same style, applied by setStyle on `given`
    for flowable in (given, measured):
        flowable.wrap(400, 10_000)
    assert given._argH[1:] == measured._rowHeights[1:]
    assert given._argH[2] > given._argH[1]  # the long name really wrapped onto several lines
