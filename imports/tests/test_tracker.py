"""Issue 16, item 1: a university committee's yearly tracker (33 columns, one sheet per year, the
same people repeated, birth dates mostly missing, the cell column empty, dates as d/m/yyyy text,
the class period as one text range, STT as 1.0, 2.0 …) imported into one cell."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import Workbook

from candidates import selectors
from candidates.models import Candidate, Stage, StageEvent
from candidates.services import admission_conditions
from imports.services import run_import

from .helpers import snapshot

pytestmark = pytest.mark.django_db

HEADER = [
    "STT", "Mã GV/SV", "Họ và tên", "SĐT", "Giới tính", "Ngày, tháng, năm sinh", "Dân tộc", "Quê quán", "Chức vụ",
    "Lớp", "Tên chi bộ công nhận", "Số Báo cáo CB công nhận đối tượng cảm tình Đảng",
    "Ngày họp CB công nhận đối tượng cảm tình Đảng", "Đảng viên được giúp đỡ", "Ngày được phân công giúp đỡ",
    "Số QĐ mở lớp Bồi dưỡng nhận thức về Đảng", "Ngày QĐ mở lớp Bồi dưỡng", "Thời gian lớp bồi dưỡng CC ĐT Đảng",
    "Ngày cấp CC BĐ", "Số QĐ của CC BD", "Đơn vị cấp CC", "Họ tên khi cấp CC", "Lớp khi cấp CC",
    "Chức vụ khi cấp CC", "Đơn vị khi cấp CC", "Mã số", "Kết nạp Đảng", "Ngày quyết định",
    "Số QĐ Kết nạp đảng viên", "Ngày kết nạp Đảng", "Đảng viên hướng dẫn", "Ngày chuyển sinh hoạt", "Nơi chuyển tới",
]  # fmt: skip
assert len(HEADER) == 33
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Khánh", "Linh", "Minh", "Nga"]
SHEETS = {"2022": range(0, 30), "2023": range(20, 50), "2024": [*range(40, 60), *range(0, 10)]}


def _person(i: int, year: str) -> list:
    name = f"{FAMILY[i % 6]} Văn {GIVEN[i % 10]} {GIVEN[i // 10]}"
    birth = f"{i % 28 + 1}/{i % 12 + 1}/2003" if i % 6 == 0 else None  # 10 of 60 have one
    latest = year == max(y for y, people in SHEETS.items() if i in people)
    trained = i % 2 == 0 and latest  # the certificate is written in the person's latest sheet
    row = [None] * 33
    row[1] = f"SV{i:04d}"
    row[2] = name.upper() if year == "2022" else name  # the capitals of an old sheet
    row[3] = f"09{i:08d}" if latest else None
    row[4] = "Nữ" if i % 3 else "Nam"
    row[5] = birth
    row[6] = "Kinh"
    row[9] = "K62A"
    row[11] = f"{i}-BC/CB"
    row[12] = f"{i % 27 + 1}/3/2022"  # d/m/yyyy text
    row[13] = "Trần Văn Giúp"
    row[14] = f"{i % 27 + 1}/4/2022"
    if trained:
        row[15] = "123-QĐ/ĐU"
        row[16] = "1/9/2022"
        row[17] = "09/9/2022 - 18/9/2022"
        row[18] = "25/9/2022"
        row[19] = f"{i}/GCN"
        row[20] = "Trung tâm Chính trị"
    return row


def tracker() -> bytes:
    book = Workbook()
    book.remove(book.active)
    for year, people in SHEETS.items():
        sheet = book.create_sheet(year)
        sheet.append([f"DANH SÁCH THEO DÕI PHÁT TRIỂN ĐẢNG VIÊN NĂM {year}"])
        sheet.append([])
        sheet.append(HEADER)
        for n, i in enumerate(people, start=1):
            sheet.append([float(n), *_person(i, year)[1:]])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_yearly_tracker_goes_in_whole_into_one_cell(cast):
    data = tracker()
    options = {"default_cell": cast.cell_a.code, "file_name": "theo_doi.xlsx"}
    outcome = run_import(kind="candidates", data=data, file_name="theo_doi.xlsx", dry_run=False, options=options)
    assert outcome.committed, outcome.error_lines()[:5]
    assert outcome.sheets == ["2022", "2023", "2024"]
    assert Candidate.objects.filter(cell=cast.cell_a).count() == 60
    assert Candidate.objects.filter(stage=Stage.TRAINED).count() == 30
    assert Candidate.objects.filter(stage=Stage.SYMPATHIZER).count() == 30
    assert Candidate.objects.filter(birth_date__isnull=True).count() == 50
    # The same person on two sheets is one person, the latest sheet's facts winning, sheets shown.
    p0 = Candidate.objects.get(person_code="SV0000")
    assert p0.full_name == "Nguyễn Văn An An" and p0.birth_date == datetime.date(2003, 1, 1)
    assert p0.certificate_number == "0/GCN" and p0.certificate_date == datetime.date(2022, 9, 25)
    assert p0.training_period == "09/09/2022 - 18/09/2022" and p0.certificate_issuer == "Trung tâm Chính trị"
    assert p0.sympathizer_date == datetime.date(2022, 3, 1) and p0.sympathizer_report_number == "0-BC/CB"
    assert p0.mentor_name == "Trần Văn Giúp" and p0.mentor_assigned_date == datetime.date(2022, 4, 1)
    assert p0.training_decision_number == "123-QĐ/ĐU" and p0.phone == "0900000000"
    row0 = next(r for r in outcome.rows if r.label.startswith("Nguyễn Văn An An"))
    assert any("2022, 2024" in w for w in row0.warnings)
    # The incomplete ones are flagged, and a step that needs the age refuses until it is filled.
    p1 = Candidate.objects.get(person_code="SV0001")
    assert p1.birth_date is None and p1.incomplete
    assert any("Chưa có ngày sinh" in e for e in admission_conditions(p1, datetime.date(2024, 1, 1)))
    assert any("thiếu ngày sinh" in w for w in outcome.warning_lines())
    events = StageEvent.objects.filter(candidate=p0).order_by("legal_date", "id")
    assert [e.to_stage for e in events] == ["source", "sympathizer", "trained"]

    # A second import of the same file changes nothing.
    before = snapshot()
    events_before = StageEvent.objects.count()
    again = run_import(kind="candidates", data=data, file_name="theo_doi.xlsx", dry_run=False, options=options)
    assert again.committed, again.error_lines()[:5]
    assert again.counts["unchanged"] == 60 and again.counts["new"] == again.counts["update"] == 0
    assert snapshot() == before and StageEvent.objects.count() == events_before


def test_the_incomplete_records_are_flagged_on_the_pages(cast, login):
    run_import(
        kind="candidates",
        data=tracker(),
        file_name="t.xlsx",
        dry_run=False,
        options={"default_cell": cast.cell_a.code},
    )
    client = login(cast.province_staff)
    p1 = Candidate.objects.get(person_code="SV0001")
    assert "thiếu ngày sinh" in client.get(reverse("candidates-detail", args=[p1.pk])).content.decode()
    assert "thiếu ngày sinh" in client.get(reverse("candidates-list")).content.decode()
    board = client.get(reverse("candidates-board")).content.decode()
    assert "Hồ sơ thiếu ngày sinh" in board
    assert selectors.board_section(user=cast.province_staff, key="thieu-ngay-sinh").count() == 50


def test_unticked_sheets_are_left_out_and_the_cell_option_on_the_command_line(cast, tmp_path, capsys):
    outcome = run_import(
        kind="candidates",
        data=tracker(),
        file_name="t.xlsx",
        options={"default_cell": cast.cell_a.code, "skip_sheets": ["2023", "2024"]},
    )
    assert outcome.ok and outcome.chosen_sheets == ["2022"] and len(outcome.rows) == 30
    path = tmp_path / "t.xlsx"
    path.write_bytes(tracker())
    call_command("import_candidates", str(path), "--cell", cast.cell_a.code)
    assert Candidate.objects.count() == 60


def test_without_a_cell_the_tracker_is_refused_for_the_cell(cast):
    outcome = run_import(kind="candidates", data=tracker(), file_name="t.xlsx")
    assert not outcome.ok and outcome.counts["error"] == 60
    assert all("thiếu chi bộ" in r.errors[0] and "chi bộ mặc định" in r.errors[0] for r in outcome.rows)


@pytest.mark.parametrize("code", ["KHONG-CO", "P-C1", "P-C1-G1-B"])
def test_a_default_cell_that_cannot_take_the_rows_is_refused_once_for_the_file(cast, code):
    """An unknown code, a unit that is no cell, a cell outside the user's scope: one error for the
    file, not one per row."""
    user = cast.outsider if code == "P-C1-G1-B" else cast.province_staff
    outcome = run_import(
        kind="candidates", data=tracker(), file_name="t.xlsx", user=user, options={"default_cell": code}
    )
    assert not outcome.ok and outcome.rows == []
    assert outcome.file_errors == [f"Chi bộ mặc định: không tìm thấy chi bộ mã “{code}” trong phạm vi quản lý của bạn."]
    assert Candidate.objects.count() == 0


def test_matching_without_a_birth_date_says_when_it_is_unsure(cast):
    from candidates.services import candidate_create

    for birth in (datetime.date(1990, 1, 1), datetime.date(1991, 1, 1)):
        candidate_create(
            actor=None, cell=cast.cell_a, data={"full_name": "Lê Văn Trùng", "birth_date": birth, "sex": "M"}
        )
    candidate_create(
        actor=None,
        cell=cast.cell_a,
        data={"full_name": "Lê Văn Một", "birth_date": datetime.date(1990, 1, 1), "sex": "M"},
    )
    rows = [["Họ và tên", "Giới tính", "Mã chi bộ"], ["Lê Văn Trùng", "Nam", cast.cell_a.code]]
    rows += [["Lê Văn Một", "Nam", cast.cell_a.code]]
    from .helpers import xlsx

    outcome = run_import(kind="candidates", data=xlsx(rows), file_name="x.xlsx")
    errors = outcome.error_lines()
    assert any("2 người tên “Lê Văn Trùng”" in e for e in errors)
    assert any("khớp theo họ tên trong chi bộ" in w for w in outcome.warning_lines())


def test_the_preview_says_each_sheet_s_header_row_and_the_columns_left_unused(cast, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login(cast.province_staff)
    response = client.post(
        reverse("imports-upload", args=["candidates"]),
        {"file": SimpleUploadedFile("theo_doi.xlsx", tracker()), "default_cell": cast.cell_a.code},
    )
    page = response.content.decode()
    assert "trang “2022”: dòng 3; trang “2023”: dòng 3; trang “2024”: dòng 3" in page
    assert "23 cột được dùng, 10 cột không dùng</summary>" in page  # 33 in all
    # Row numbers as the file has them: "4 (trang “2022”)", not grouped by thousands ("4 (t.ran.g …").
    import re

    numbers = re.findall(r'<td data-label="Dòng" class="num">([^<]*)</td>', page)
    assert numbers and all(re.fullmatch(r"\d+ \(trang “20\d\d”\)", n) for n in numbers), numbers[:5]
    unused = page.split("Không dùng (phần mềm không lưu các cột này): ")[1].split(".</p>")[0]
    assert unused == (
        "STT, Quê quán, Chức vụ, Lớp, Họ tên khi cấp CC, Lớp khi cấp CC, Chức vụ khi cấp CC, Đơn vị khi cấp CC, "
        "Mã số, Kết nạp Đảng"
    )
