"""The admin uses the same optimistic version as the candidate forms."""

from django.urls import reverse

from candidates.models import Candidate
from candidates.tests.factories import make_candidate


def _admin(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", password="x"))
    return client


def _post_data(form):
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or name in ("stage", "is_open", "version"):
            continue
        if isinstance(value, bool):
            if value:
                data[name] = "on"
            continue
        if hasattr(value, "strftime"):
            value = value.strftime("%d/%m/%Y")
        data[name] = value
    for prefix in ("documents", "events"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return data


def test_an_admin_edit_bumps_the_version_and_an_old_form_is_refused(cast, client, django_user_model):
    person = make_candidate(cast.cell_a, full_name="Nguyễn Văn Quản Trị")
    client = _admin(client, django_user_model)
    url = reverse("admin:candidates_candidate_change", args=[person.pk])
    form = client.get(url).context["adminform"].form
    data = _post_data(form) | {"workplace": "Trường THCS"}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    person.refresh_from_db()
    assert person.workplace == "Trường THCS" and person.version == 2
    # A candidate form drawn before the admin edit is now refused (it carries version 1).
    secretary = client.__class__()
    secretary.force_login(cast.secretary_a)
    edit = reverse("candidates-edit", args=[person.pk])
    page = secretary.get(edit).context["form"]
    stale = _post_data(page) | {"version": 1, "workplace": "Cũ"}
    secretary.post(edit, stale)
    assert Candidate.objects.get(pk=person.pk).workplace == "Trường THCS"
    # And the same admin form sent twice is refused, the newer data kept.
    again = client.post(url, data | {"workplace": "Ghi đè"})
    assert "vừa được người khác cập nhật" in again.content.decode()
    assert Candidate.objects.get(pk=person.pk).workplace == "Trường THCS"
