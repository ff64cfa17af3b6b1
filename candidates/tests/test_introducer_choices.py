"""The introducers form lists the party members of the system by name and cell (a demo page once
answered 500 here: the member select treated people as units)."""

from django.urls import reverse

from candidates.models import Stage
from candidates.tests.factories import make_candidate


def test_a_trained_persons_page_lists_members_by_name_and_cell(cast, login):
    make_candidate(cast.cell_a, Stage.OFFICIAL, full_name="Hoàng Văn Giới")
    make_candidate(cast.cell_b, Stage.OFFICIAL, full_name="Lý Thị Thiệu")
    person = make_candidate(cast.cell_a, Stage.TRAINED)
    response = login(cast.commune_staff).get(reverse("candidates-detail", args=[person.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Hoàng Văn Giới (Chi bộ thôn Đông)" in page
