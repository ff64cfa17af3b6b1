"""Adding a person to a cell's source list."""

from django.urls import reverse

from candidates.models import Candidate, Stage, StageEvent

URL = reverse("candidates-create")


def data(cell, **extra):
    return {
        "cell": cell.pk,
        "full_name": "  nguyễn   thị hằng ",
        "birth_date": "04/03/2000",
        "sex": "F",
        "ethnicity": "Kinh",
        "religion": "Không",
        "general_education": "upper_secondary",
        "professional_education": "none",
        "occupation": "farmer",
        "national_id": "001300012345",
    } | extra


def test_secretary_adds_a_person_to_their_cell(cast, login):
    response = login(cast.secretary_a).post(URL, data(cast.cell_a), follow=True)
    c = Candidate.objects.get()
    assert c.cell == cast.cell_a and c.stage == Stage.SOURCE
    assert c.full_name == "Nguyễn Thị Hằng"  # spaces collapsed, capitalized
    assert StageEvent.objects.get(candidate=c).action == "Đưa vào danh sách tạo nguồn"
    assert "Đã thêm Nguyễn Thị Hằng vào danh sách tạo nguồn." in response.content.decode()


def test_only_cells_in_scope_are_offered(cast, login):
    client = login(cast.secretary_a)
    response = client.get(URL)
    assert list(response.context["form"].fields["cell"].queryset) == [cast.cell_a]
    response = client.post(URL, data(cast.cell_b))
    assert response.status_code == 200
    assert not Candidate.objects.exists()


def test_a_duplicate_is_refused(cast, login):
    client = login(cast.secretary_a)
    client.post(URL, data(cast.cell_a))
    response = client.post(URL, data(cast.cell_a, full_name="Nguyen Thi Hang"))
    assert "Chi bộ đã có Nguyen Thi Hang, sinh ngày 04/03/2000." in response.content.decode()
    assert Candidate.objects.count() == 1


def test_a_bad_national_id_is_refused(cast, login):
    response = login(cast.secretary_a).post(URL, data(cast.cell_a, national_id="12ab"))
    assert "Số CCCD phải gồm 12 chữ số (hoặc CMND 9 chữ số)." in response.content.decode()
    assert not Candidate.objects.exists()
