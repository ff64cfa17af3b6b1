"""Issue 16, item 3: commune staff import rosters for their units' classes; unmatched trainees are
said prominently and 0 rows are never offered; nobody is put into (or recorded in) a closed unit."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from candidates.models import Candidate, Stage, TrainingClass
from candidates.tests.factories import make_candidate
from imports.services import run_import
from units.services import unit_merge

from .helpers import ROSTER_OPTIONS, xlsx

pytestmark = pytest.mark.django_db

ROSTER = ["Họ và tên", "Ngày sinh", "Kết quả", "Số giấy chứng nhận", "Ngày cấp"]
OPTIONS = {
    "class_code": ROSTER_OPTIONS["class_code"],
    "class_name": ROSTER_OPTIONS["class_name"],
    "start": "17/06/2024",
    "end": "28/06/2024",
}


def _roster_row(c: Candidate) -> list:
    return [c.full_name, c.birth_date, "Khá", "9/GCN", datetime.date(2024, 6, 28)]


def _upload(client, data):
    return client.post(
        reverse("imports-upload", args=["roster"]), {"file": SimpleUploadedFile("hv.xlsx", data), **OPTIONS}
    )


def test_commune_staff_import_a_roster_for_their_units(cast, login):
    mine = make_candidate(cast.cell_a, Stage.SYMPATHIZER, full_name="Lê Văn Học")
    client = login(cast.commune_staff)
    assert "Danh sách học viên lớp bồi dưỡng" in client.get(reverse("imports-index")).content.decode()
    response = _upload(client, xlsx([ROSTER, _roster_row(mine)]))
    assert response.status_code == 200 and "Xác nhận nhập" in response.content.decode()
    response = client.post(reverse("imports-confirm", args=["roster"]), {"token": response.context["token"]})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.stage == Stage.TRAINED and mine.certificate_number == "9/GCN"
    assert TrainingClass.objects.get().unit == cast.commune  # the class belongs to their unit


def test_a_roster_of_strangers_says_so_and_offers_nothing_to_write(cast, login):
    client = login(cast.province_staff)
    rows = [ROSTER] + [
        [f"Người Lạ {i}", datetime.date(1990, 1, 1), "Khá", f"{i}/GCN", datetime.date(2024, 6, 28)] for i in range(25)
    ]
    response = _upload(client, xlsx(rows))
    page = response.content.decode()
    assert "25 học viên không khớp" in page
    assert "Không có dòng nào để ghi" in page
    assert "Xác nhận nhập" not in page and "Không có lỗi" not in page


def test_a_trainee_in_a_closed_unit_is_an_error_naming_the_successor(cast):
    person = make_candidate(cast.cell_a, Stage.SYMPATHIZER, full_name="Lê Văn Cũ")
    # The grassroots committee above the cell was dissolved into another commune's.
    cast.grassroots.valid_to = datetime.date(2025, 7, 1)
    cast.grassroots.successor = cast.commune2
    cast.grassroots.save()
    outcome = run_import(
        kind="roster", data=xlsx([ROSTER, _roster_row(person)]), file_name="hv.xlsx", options=ROSTER_OPTIONS
    )
    assert not outcome.ok
    assert any(
        "thuộc “Đảng bộ cơ sở thôn” đã hết hiệu lực từ 01/07/2025; đơn vị kế tục: “Đảng bộ xã Phú Xuân” (mã P-C2)" in e
        for e in outcome.error_lines()
    ), outcome.error_lines()


def test_a_list_never_puts_people_into_a_closed_cell(cast):
    unit_merge(source=cast.cell_b, target=cast.cell_a, merged_on=datetime.date(2025, 7, 1))
    rows = [["Họ và tên", "Ngày sinh", "Giới tính", "Chi bộ"], ["Lê Văn Mới", "01/01/1990", "Nam", "Chi bộ thôn Đoài"]]
    outcome = run_import(kind="candidates", data=xlsx(rows), file_name="ds.xlsx", dry_run=False)
    assert not outcome.committed
    assert "đơn vị kế tục: “Chi bộ thôn Đông” (mã P-C1-G1-A)" in outcome.error_lines()[0]
    assert not Candidate.objects.exists()
