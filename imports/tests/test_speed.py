"""Issue 16, item 4: spreadsheets read by calamine (xlsx, xls, ods), and the rows checked by the
preview kept for the confirm, which neither reads the file nor checks it again unless the data
the checks read has changed since."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from candidates.models import Candidate
from candidates.services import candidate_create
from imports import services
from imports.services import run_import
from spreadsheets.reader import read_sheets

from .helpers import sample, xlsx

pytestmark = pytest.mark.django_db

HEADER = ["Họ và tên", "Ngày sinh", "Giới tính", "Mã chi bộ"]


def _upload(client, data, **extra):
    return client.post(
        reverse("imports-upload", args=["candidates"]), {"file": SimpleUploadedFile("ds.xlsx", data), **extra}
    )


def _counting_reads(monkeypatch):
    calls = []
    real = services.read_sheets

    def counted(data):
        calls.append(len(data))
        return real(data)

    monkeypatch.setattr(services, "read_sheets", counted)
    return calls


def test_the_confirm_writes_what_the_preview_checked_without_reading_again(
    cast, login, monkeypatch, settings, tmp_path
):
    settings.IMPORT_TEMP_DIR = tmp_path
    reads = _counting_reads(monkeypatch)
    client = login(cast.province_staff)
    data = xlsx(
        [HEADER, ["Lê Văn Tư", "01/01/1990", "Nam", "P-C1-G1-A"], ["Lê Thị Năm", "02/02/1991", "Nữ", "P-C1-G1-A"]]
    )
    token = _upload(client, data).context["token"]
    assert len(reads) == 1 and list(tmp_path.glob("*.checked"))
    response = client.post(reverse("imports-confirm", args=["candidates"]), {"token": token})
    assert response.status_code == 302
    assert len(reads) == 1  # the confirm did not read the file again
    assert sorted(Candidate.objects.values_list("full_name", flat=True)) == ["Lê Thị Năm", "Lê Văn Tư"]
    assert not list(tmp_path.glob("*.checked"))  # used up with the token


def test_a_change_since_the_preview_is_checked_again(cast, login, settings, tmp_path):
    settings.IMPORT_TEMP_DIR = tmp_path
    client = login(cast.province_staff)
    data = xlsx([HEADER, ["Lê Văn Tư", "01/01/1990", "Nam", "P-C1-G1-A"]])
    response = _upload(client, data)
    assert response.context["outcome"].counts["new"] == 1
    # Someone adds the same person between preview and confirm.
    import datetime

    candidate_create(
        actor=cast.province_staff,
        cell=cast.cell_a,
        data={"full_name": "Lê Văn Tư", "birth_date": datetime.date(1990, 1, 1), "sex": "M"},
    )
    client.post(reverse("imports-confirm", args=["candidates"]), {"token": response.context["token"]})
    assert Candidate.objects.filter(full_name="Lê Văn Tư").count() == 1  # checked again: unchanged, not doubled


def test_the_samples_read_the_same_in_every_format(cast):
    xlsx_rows = read_sheets(sample("hoc_vien_lop_boi_duong_khoa_I_2024.xlsx"))[0].rows
    xls_rows = read_sheets(sample("hoc_vien_lop_boi_duong_khoa_I_2024.xls"))[0].rows
    assert xls_rows == xlsx_rows
    assert xlsx_rows[5][1][:3] == [1, "Phan Thị Ngọc Trang", __import__("datetime").date(2001, 8, 1)]


def _ods(rows: list[list[str]]) -> bytes:
    cells = "".join(
        "<table:table-row>"
        + "".join(f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>' for v in row)
        + "</table:table-row>"
        for row in rows
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="DS">{cells}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def test_an_ods_file_imports(cast):
    data = _ods([HEADER, ["Lê Văn Tư", "01/01/1990", "Nam", "P-C1-G1-A"]])
    outcome = run_import(kind="candidates", data=data, file_name="ds.ods", dry_run=False)
    assert outcome.committed, outcome.error_lines()
    assert outcome.file_format == "ods"
    assert Candidate.objects.get().full_name == "Lê Văn Tư"


def test_queries_do_not_grow_with_rows(cast, django_assert_max_num_queries):
    def rows(n):
        return [HEADER] + [[f"Người Số {i}", "01/01/1990", "Nam", "P-C1-G1-A"] for i in range(n)]

    for n in (5, 300):
        with django_assert_max_num_queries(30):
            outcome = run_import(kind="candidates", data=xlsx(rows(n)), file_name="x.xlsx", dry_run=False)
        assert outcome.committed, outcome.error_lines()[:3]
