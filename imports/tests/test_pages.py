"""The web pages: upload -> preview -> confirm, the template, the history."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from candidates.models import Candidate, Stage
from imports.models import ImportRecord
from imports.services import run_import
from units.models import PartyUnit

from .helpers import sample, snapshot, xlsx

pytestmark = pytest.mark.django_db


def _tp_under_province(cast):
    run_import(kind="units", data=sample("don_vi_huyen_tan_phong.xlsx"), file_name="u.xlsx", dry_run=False)
    PartyUnit.objects.move(PartyUnit.objects.get(code="TP"), cast.province, "last-child")


def _upload(client, kind, name, data, **extra):
    return client.post(reverse("imports-upload", args=[kind]), {"file": SimpleUploadedFile(name, data), **extra})


def test_candidates_then_roster_from_the_web(cast, login):
    _tp_under_province(cast)
    client = login(cast.province_staff)
    response = _upload(client, "candidates", "danh_sach.xlsx", sample("danh_sach_cam_tinh_dang_2024.xlsx"))
    page = response.content.decode()
    assert response.status_code == 200 and "Xem trước" in page
    assert "Mới: 40" in page and "Lỗi: 0" in page and "<dt>Dòng tiêu đề</dt><dd>dòng 4</dd>" in page
    assert '<p class="used">Được dùng: Họ và tên, ' in page
    assert Candidate.objects.count() == 0  # nothing before the confirm
    token = response.context["token"]
    response = client.post(reverse("imports-confirm", args=["candidates"]), {"token": token})
    assert response.status_code == 302
    assert Candidate.objects.filter(stage=Stage.SYMPATHIZER).count() == 40
    # The token is used up: a second confirm writes nothing twice.
    again = client.post(reverse("imports-confirm", args=["candidates"]), {"token": token})
    assert again.status_code == 302 and again.url == reverse("imports-upload", args=["candidates"])
    assert Candidate.objects.count() == 40

    response = _upload(
        client,
        "roster",
        "hoc_vien.xls",
        sample("hoc_vien_lop_boi_duong_khoa_I_2024.xls"),
        class_code="K1-2024",
        class_name="Lớp bồi dưỡng khóa I năm 2024",
        start="17/06/2024",
        end="28/06/2024",
    )
    page = response.content.decode()
    assert "Mới: 20" in page and "Không khớp: 5" in page and "Nguyễn Quốc Quân" in page
    response = client.post(reverse("imports-confirm", args=["roster"]), {"token": response.context["token"]})
    record = ImportRecord.objects.get(kind="roster")
    assert response.url == reverse("imports-record", args=[record.pk])
    page = client.get(response.url).content.decode()
    assert "Đã ghi kết quả cho 20 học viên" in page and "Trần Minh Dũng" in page
    assert Candidate.objects.filter(stage=Stage.TRAINED, certificate_number__endswith="/GCN-TTCT").count() == 20
    index = client.get(reverse("imports-index")).content.decode()
    assert "hoc_vien.xls" in index and "danh_sach.xlsx" in index


def test_a_broken_file_shows_its_errors_and_offers_no_confirm(cast, login):
    client = login(cast.province_staff)
    before = snapshot()
    data = xlsx([["Họ và tên", "Ngày sinh", "Giới tính", "Mã chi bộ"], ["A B", "31/02/1990", "Nam", "P-C1-G1-A"]])
    response = _upload(client, "candidates", "x.xlsx", data)
    page = response.content.decode()
    assert "dòng 2, cột B (Ngày sinh): ngày “31/02/1990” không tồn tại." in page
    assert "Xác nhận nhập" not in page and response.context["token"] == ""
    response = _upload(client, "candidates", "x.pdf", b"%PDF-1.4 \x00\x01")
    assert "không phải bảng tính" in response.content.decode()
    assert snapshot() == before


def test_a_token_is_bound_to_its_session_and_file(cast, login, client, settings, tmp_path):
    settings.IMPORT_TEMP_DIR = tmp_path / "imports"
    data = xlsx([["Họ và tên", "Ngày sinh", "Giới tính", "Mã chi bộ"], ["Lê Văn Tư", "01/01/1990", "Nam", "P-C1-G1-A"]])
    owner = login(cast.province_staff)
    token = _upload(owner, "candidates", "x.xlsx", data).context["token"]
    # Someone editing the kept file between preview and confirm: refused.
    kept = next(tmp_path.glob("imports/*.bin"))
    kept.write_bytes(kept.read_bytes() + b"x")
    response = owner.post(reverse("imports-confirm", args=["candidates"]), {"token": token})
    assert response.status_code == 302 and not Candidate.objects.exists()
    # Another user with the same token: unknown in their session.
    token = _upload(owner, "candidates", "x.xlsx", data).context["token"]
    owner.logout()
    other = login(cast.commune_staff)
    other.post(reverse("imports-confirm", args=["candidates"]), {"token": token})
    assert not Candidate.objects.exists()


def test_template_has_canonical_headers_and_an_example_row(cast, login):
    client = login(cast.province_staff)
    response = client.get(reverse("imports-template", args=["roster"]))
    assert response["Content-Disposition"] == 'attachment; filename="mau_nhap_danh_sach_hoc_vien_lop_boi_duong.xlsx"'
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Họ và tên", "Ngày sinh", "Giới tính")
    assert rows[1][0] == "Nguyễn Văn An" and rows[1][1].day == 5 and rows[1][1].month == 6


def test_the_history_page_runs_the_same_queries_for_few_and_many(cast, login, django_assert_max_num_queries):
    client = login(cast.province_staff)
    for i in range(3):
        ImportRecord.objects.create(kind="units", file_name=f"{i}.xlsx", sha256="1" * 64, unit=cast.province)
    with django_assert_max_num_queries(12):
        client.get(reverse("imports-index"))
    for i in range(60):
        ImportRecord.objects.create(kind="quotas", file_name=f"q{i}.xlsx", sha256="1" * 64, unit=cast.province)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("imports-index") + "?kind=quotas").content.decode()
    assert "q59.xlsx" in page and ">0.xlsx<" not in page
    assert "Chưa có lần nhập nào" in login(cast.outsider).get(reverse("imports-index")).content.decode()


@pytest.mark.parametrize("kind", ["candidates", "roster", "quotas", "units"])
def test_the_upload_form_describes_its_fields_to_screen_readers(cast, login, kind):
    """Every aria-describedby names an element of the page (the field's help text), and the help
    is shown: the default cell's help text was described but never rendered."""
    import re

    page = login(cast.province_staff).get(reverse("imports-upload", args=[kind])).content.decode()
    described = re.findall(r'aria-describedby="([^"]+)"', page)
    ids = set(re.findall(r'\bid="([^"]+)"', page))
    assert all(ref in ids for value in described for ref in value.split()), (described, ids)
    if kind == "candidates":
        assert "id_default_cell_helptext" in ids
        assert "Ví dụ khi cả tệp là danh sách của một chi bộ và cột chi bộ để trống." in page
