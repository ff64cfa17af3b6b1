import io

from django.urls import reverse
from openpyxl import load_workbook

from candidates.models import Stage
from candidates.tests.factories import make_candidate


def test_list_links_to_its_export_with_the_same_filters(cast, login):
    make_candidate(cast.cell_a, Stage.PROPOSED, full_name="Nguyễn Thị Hằng")
    make_candidate(cast.cell_a, Stage.SYMPATHIZER, full_name="Trần Văn Bình")
    client = login(cast.secretary_a)
    html = client.get(reverse("candidates-list"), {"stage": "proposed"}).content.decode()
    url = reverse("reports-download", args=["candidates", cast.cell_a.code, "xlsx"]) + "?stage=proposed"
    assert url in html
    response = client.get(url)
    assert response.status_code == 200
    values = [
        c for row in load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True) for c in row
    ]
    assert "Nguyễn Thị Hằng" in values
    assert "Trần Văn Bình" not in values
