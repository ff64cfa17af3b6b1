"""'Đảng' (the Party) keeps its capital letter in page titles and the preview (no blanket |lower)."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from candidates.models import Stage
from candidates.tests.factories import make_candidate
from imports.tests.helpers import xlsx


def test_titles_keep_dang_capitalized(cast, login):
    client = login(cast.province_staff)
    body = client.get(reverse("imports-upload", args=["candidates"])).content.decode()
    assert "cảm tình Đảng" in body
    assert "cảm tình đảng" not in body


def test_roster_preview_names_the_stage_as_written(cast, login):
    c = make_candidate(cast.cell_a, Stage.SYMPATHIZER)
    data = xlsx(
        [
            ["Họ và tên", "Ngày sinh", "Kết quả", "Số GCN", "Ngày cấp"],
            [c.full_name, c.birth_date.strftime("%d/%m/%Y"), "Khá", "12/GCN", "05/11/2026"],
        ]
    )
    client = login(cast.province_staff)
    response = client.post(
        reverse("imports-upload", args=["roster"]),
        {
            "file": SimpleUploadedFile("r.xlsx", data),
            "class_code": "K1",
            "class_name": "Lớp K1",
            "start": "01/11/2026",
            "end": "05/11/2026",
        },
    )
    body = response.content.decode()
    assert "Cảm tình Đảng" in body
    assert "cảm tình đảng" not in body
