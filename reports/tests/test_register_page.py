"""The "Văn bản" list: scoped, filterable, a fixed number of queries."""

import datetime

import pytest
from django.urls import reverse

from reports.models import RegisterEntry


def entry(unit, n, kind="decision"):
    return RegisterEntry.objects.create(
        issuer=unit,
        document_kind=kind,
        kind_code="QĐ",
        term="2025–2030",
        seq=n,
        number=f"{n:02d}-QĐ/ĐU",
        source=RegisterEntry.Source.REGISTER,
        subject_key=f"candidate:{unit.pk}:{n}:{kind}",
        subject_label=f"Kết nạp Người Số {n}",
        scope_unit=unit,
        document_date=datetime.date(2025, 3, n % 28 + 1),
    )


@pytest.fixture
def entries(cast):
    for n in range(1, 31):
        entry(cast.cell_a if n % 2 else cast.cell_b, n)
    entry(cast.school, 99, kind="strike-off")
    return cast


def test_list_is_scoped_and_filtered(entries, login):
    client = login(entries.secretary_a)
    text = client.get(reverse("documents-index")).content.decode()
    assert "01-QĐ/ĐU" in text and "02-QĐ/ĐU" not in text and "99-QĐ/ĐU" not in text
    client = login(entries.province_staff)
    text = client.get(reverse("documents-index"), {"kind": "strike-off"}).content.decode()
    assert "99-QĐ/ĐU" in text and "01-QĐ/ĐU" not in text and "Quyết định xóa tên đảng viên dự bị" in text
    text = client.get(reverse("documents-index"), {"q": "Người Số 7"}).content.decode()
    assert "07-QĐ/ĐU" in text and "08-QĐ/ĐU" not in text
    assert client.get(reverse("documents-index"), {"unit": "Q"}).status_code == 404


def test_list_runs_a_fixed_number_of_queries(entries, login, django_assert_max_num_queries):
    client = login(entries.province_staff)
    client.get(reverse("documents-index"))
    with django_assert_max_num_queries(8):
        response = client.get(reverse("documents-index"))
    assert response.status_code == 200
    for n in range(31, 60):
        entry(entries.cell_a, n)
    with django_assert_max_num_queries(8):
        client.get(reverse("documents-index"))
