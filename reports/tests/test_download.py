"""The reports page and the downloads: preview, files, scope (404), bad input (400, nothing produced)."""

import datetime

import pytest
from django.urls import reverse

from .conftest import FORMULA_NAME
from .helpers import pdf_text, workbook

D = datetime.date


def download(client, slug, code, fmt, **params):
    return client.get(reverse("reports-download", kwargs={"slug": slug, "code": code, "fmt": fmt}), params)


def test_index_lists_the_five_reports(report_data, login):
    client = login(report_data.commune_staff)
    response = client.get(reverse("reports-index"))
    html = response.content.decode()
    for label in (
        "Tiến độ thực hiện chỉ tiêu kết nạp",
        "Quần chúng ưu tú, đảng viên mới đang theo dõi",
        "Tổng hợp kết quả kết nạp đảng viên",
        "Danh sách quần chúng, đảng viên mới",
        "Kết quả lớp bồi dưỡng nhận thức về Đảng",
    ):
        assert label in html
    assert 'value="P-C1"' in html  # the user's unit by default


def test_preview_shows_the_rows_and_download_links(report_data, login):
    client = login(report_data.province_staff)
    response = client.get(reverse("reports-index"), {"report": "progress", "unit": "P", "year": 2026, "quarter": 1})
    html = response.content.decode()
    assert response.status_code == 200
    assert "BÁO CÁO TIẾN ĐỘ THỰC HIỆN CHỈ TIÊU KẾT NẠP ĐẢNG VIÊN" in html
    assert "Quý I năm 2026" in html and "Đảng bộ xã Tân Hòa" in html and "50,00%" in html
    assert "/bao-cao/tai-ve/progress/P.pdf?" in html and "quarter=1" in html
    assert "/bao-cao/tai-ve/progress/P.xlsx?" in html


@pytest.mark.parametrize("slug", ["progress", "pipeline", "summary", "candidates"])
def test_each_report_downloads_as_pdf_and_xlsx(report_data, login, slug):
    client = login(report_data.province_staff)
    pdf = download(client, slug, "P", "pdf", year=2026, as_of="22/11/2026") if slug != "candidates" else None
    pdf = pdf or download(client, slug, "P", "pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert "attachment" in pdf["Content-Disposition"] and f"{slug}-P" in pdf["Content-Disposition"]
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in pdf_text(pdf.content)
    xlsx = download(client, slug, "P", "xlsx", year=2026)
    assert xlsx.status_code == 200 and "spreadsheetml" in xlsx["Content-Type"]
    assert "Tham số" in workbook(xlsx.content).sheetnames


def test_class_report_downloads(report_data, login):
    client = login(report_data.training)
    response = download(client, "class", "P", "pdf", class_code="K1-2026")
    text = pdf_text(response.content)
    assert "Lớp bồi dưỡng quần chúng ưu tú khóa I năm 2026" in text and "Nguyễn Thị Hằng" in text
    # A cell secretary sees the class through their own trainees only.
    client = login(report_data.secretary_b)
    ws = workbook(download(client, "class", "P-C1-G1-B", "xlsx", class_code="K1-2026").content)["Học viên"]
    names = [row[1] for row in ws.iter_rows(min_row=5, values_only=True) if row[0] is not None]
    assert len(names) == 1 and "Nguyễn Thị Hằng" not in names


def test_candidate_list_uses_the_list_pages_filters(report_data, login):
    client = login(report_data.province_staff)
    response = download(client, "candidates", "P", "xlsx", q="nguyen thi hang", status="all")
    ws = workbook(response.content)["Danh sách"]
    rows = [row for row in ws.iter_rows(min_row=5, values_only=True) if isinstance(row[0], int)]
    assert [r[1] for r in rows] == ["Nguyễn Thị Hằng"]
    params = dict(workbook(response.content)["Tham số"].iter_rows(min_row=2, values_only=True))
    assert "nguyen thi hang" in params["Bộ lọc"]
    # The list page's stage filter and its sort order.
    response = download(client, "candidates", "P", "xlsx", stage="proposed", sort="-birth")
    rows = [
        r
        for r in workbook(response.content)["Danh sách"].iter_rows(min_row=5, values_only=True)
        if isinstance(r[0], int)
    ]
    assert len(rows) == 2 and {r[6] for r in rows} == {"Đề nghị kết nạp"}


def test_candidate_list_of_a_cell_holds_only_that_cell(report_data, login):
    client = login(report_data.secretary_a)
    ws = workbook(download(client, "candidates", "P-C1-G1-A", "xlsx", status="all").content)["Danh sách"]
    cells = {r[5] for r in ws.iter_rows(min_row=5, values_only=True) if isinstance(r[0], int)}
    assert cells == {"Chi bộ thôn Đông"}


@pytest.mark.parametrize("slug", ["progress", "pipeline", "summary", "candidates", "class"])
@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
def test_a_unit_outside_the_scope_is_not_found(report_data, login, slug, fmt):
    c = report_data
    assert download(login(c.secretary_b), slug, "P-C1-G1-A", fmt, year=2026, class_code="K1-2026").status_code == 404
    assert download(login(c.outsider), slug, "P", fmt, year=2026, class_code="K1-2026").status_code == 404
    assert download(login(c.commune_staff), slug, "NO-SUCH", fmt, year=2026).status_code == 404
    preview = login(c.outsider).get(reverse("reports-index"), {"report": slug, "unit": "P", "year": 2026})
    assert preview.status_code == 404


def test_a_class_outside_the_unit_is_not_found(report_data, login):
    client = login(report_data.outsider)
    assert download(client, "class", "Q", "pdf", class_code="K1-2026").status_code == 404


@pytest.mark.parametrize(
    "params,message",
    [
        ({"year": 2026, "quarter": 5}, "Quý phải là 1, 2, 3 hoặc 4."),
        ({"year": 2026, "quarter": 0}, "Quý phải là 1, 2, 3 hoặc 4."),
        ({"year": 2026, "as_of": "01/01/2027"}, "không thuộc năm 2026"),
        ({"year": 2026, "as_of": "31/02/2026"}, "Không đọc được ngày “31/02/2026”. Hãy nhập theo dạng dd/mm/yyyy"),
        ({"year": 1990}, "Năm phải trong khoảng 2000–2100."),
        ({"year": "abc"}, "Năm phải là một số"),
    ],
)
def test_bad_input_is_a_clear_message_and_no_file(report_data, login, params, message):
    client = login(report_data.province_staff)
    response = download(client, "progress", "P", "pdf", **params)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert message in response.content.decode()


def test_unknown_report_or_format_is_not_found(report_data, login):
    client = login(report_data.province_staff)
    assert client.get("/bao-cao/tai-ve/unknown/P.pdf").status_code == 404
    assert client.get("/bao-cao/tai-ve/progress/P.docx").status_code == 404
    response = client.get(reverse("reports-index"), {"report": "unknown", "unit": "P", "year": 2026})
    assert response.status_code == 400 and "Không có báo cáo này." in response.content.decode()


def test_class_report_needs_a_class(report_data, login):
    response = download(login(report_data.province_staff), "class", "P", "pdf")
    assert response.status_code == 400 and "Hãy nhập mã lớp bồi dưỡng." in response.content.decode()


@pytest.mark.parametrize(
    "params,expected",
    [
        ({"report": "pipeline", "as_of": "22/11/2026"}, "Quyết định kết nạp quá hạn"),
        ({"report": "summary"}, "Người dân tộc thiểu số"),
        ({"report": "candidates", "q": "hang"}, "Nguyễn Thị Hằng"),
        ({"report": "class", "class_code": "K1-2026"}, "Lớp bồi dưỡng quần chúng ưu tú khóa I năm 2026"),
    ],
)
def test_every_report_previews(report_data, login, params, expected):
    client = login(report_data.province_staff)
    response = client.get(reverse("reports-index"), {"unit": "P", "year": 2026, **params})
    html = response.content.decode()
    assert response.status_code == 200 and expected in html
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in html and "Tải PDF" in html and "Tải XLSX" in html


def test_preview_of_the_candidate_list_ignores_the_report_year(report_data, login):
    """On the reports page "year" is the report's year; it must not become the list's admission-year filter."""
    client = login(report_data.province_staff)
    response = client.get(reverse("reports-index"), {"report": "candidates", "unit": "P", "year": 2026})
    html = response.content.decode()
    assert "Nguyễn Thị Hằng" in html and FORMULA_NAME.replace('"', "&quot;") in html
    assert "year=2026" not in html.split("Tải PDF")[0].split("href=")[-1]
