"""Editing personal details: saved with history, a stale form refused with the newer data kept."""

from django.urls import reverse

from candidates.models import Candidate
from candidates.tests.factories import make_candidate


def form_data(c: Candidate, **changes) -> dict:
    data = {
        "full_name": c.full_name,
        "birth_date": c.birth_date.strftime("%d/%m/%Y"),
        "sex": c.sex,
        "ethnicity": c.ethnicity,
        "religion": c.religion,
        "general_education": c.general_education,
        "professional_education": c.professional_education,
        "occupation": c.occupation,
        "workplace": c.workplace,
        "residence": c.residence,
        "phone": c.phone,
        "national_id": c.national_id,
        "source_group": c.source_group,
        "note": c.note,
        "version": c.version,
    }
    return data | changes


def test_it_saves_and_shows_the_field_history(cast, login):
    c = make_candidate(cast.cell_a, full_name="Nguyễn Văn Cũ", phone="0912000111")
    client = login(cast.secretary_a)
    response = client.post(reverse("candidates-edit", args=[c.pk]), form_data(c, phone="0988777666"), follow=True)
    c.refresh_from_db()
    assert c.phone == "0988777666" and c.version == 2
    body = response.content.decode()
    assert "Đã lưu thông tin cá nhân." in body
    assert "Điện thoại: <del>0912000111</del> → <ins>0988777666</ins>" in body


def test_a_stale_form_is_refused_and_the_newer_data_kept(cast, login):
    c = make_candidate(cast.cell_a, residence="thôn Đông")
    stale = form_data(c, residence="thôn Cũ")
    # Someone else saves first.
    login(cast.commune_staff).post(reverse("candidates-edit", args=[c.pk]), form_data(c, residence="thôn Mới"))
    response = login(cast.secretary_a).post(reverse("candidates-edit", args=[c.pk]), stale, follow=True)
    c.refresh_from_db()
    assert c.residence == "thôn Mới"
    body = response.content.decode()
    assert "vừa được người khác cập nhật" in body
    assert 'value="thôn Mới"' in body  # the form now shows the newer data


def test_a_birth_date_in_the_future_is_refused(cast, login):
    c = make_candidate(cast.cell_a)
    response = login(cast.secretary_a).post(
        reverse("candidates-edit", args=[c.pk]), form_data(c, birth_date="01/01/2030")
    )
    assert "Ngày sinh (01/01/2030) ở tương lai." in response.content.decode()
    assert Candidate.objects.get(pk=c.pk).birth_date == c.birth_date


def test_read_only_roles_cannot_edit(cast, login):
    c = make_candidate(cast.cell_a)
    for user in (cast.viewer, cast.training):
        assert login(user).post(reverse("candidates-edit", args=[c.pk]), form_data(c, phone="1")).status_code == 403
    assert Candidate.objects.get(pk=c.pk).version == 1
