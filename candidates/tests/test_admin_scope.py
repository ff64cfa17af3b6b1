"""Staff who are not superusers reach in the admin only the models opened to them
(ADMIN_STAFF_MODELS: by default the holidays and numbering terms), never who may do what (users,
assignments, second-factor devices), and within what is open only their own subtree, as on every
page of the app: lists, pages, history, autocompletes and the units or people a form may pick. A
superuser sees everything."""

import json

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from audit.models import AccessKind, PersonalDataAccess
from candidates.models import Candidate
from candidates.tests.factories import make_candidate

OPENED = [
    "candidates.candidate",
    "candidates.enrollment",
    "units.partyunit",
    "audit.personaldataaccess",
    "candidates.holiday",
    # Listed, but never opened to staff who are not superusers:
    "auth.user",
    "units.assignment",
]


@pytest.fixture
def opened(settings):
    """An administrator who opened the people, units and access log to staff (the scope is then what
    protects the rest of the country)."""
    settings.ADMIN_STAFF_MODELS = OPENED


def _staff(user, *codenames):
    user.is_staff = True
    user.save()
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


def test_commune_staff_see_only_their_commune(cast, client, opened):
    inside = make_candidate(cast.cell_a, full_name="Trần Thị Trong")
    outside = make_candidate(cast.school, full_name="Lê Văn Ngoài")
    staff = _staff(
        cast.commune_staff,
        "view_candidate",
        "change_candidate",
        "view_partyunit",
        "view_assignment",
        "view_user",
        "view_personaldataaccess",
    )
    client.force_login(staff)

    page = client.get(reverse("admin:candidates_candidate_changelist")).content.decode()
    assert "Trần Thị Trong" in page and "Lê Văn Ngoài" not in page
    assert client.get(reverse("admin:candidates_candidate_change", args=[inside.pk])).status_code == 200
    # Outside: the admin answers as for a person who does not exist (back to the index).
    response = client.get(reverse("admin:candidates_candidate_change", args=[outside.pk]))
    assert response.status_code == 302 and "Lê Văn Ngoài" not in client.get(response["Location"]).content.decode()
    # The history page looks the person up past the list: guarded too.
    assert client.get(reverse("admin:candidates_candidate_history", args=[inside.pk])).status_code == 200
    assert client.get(reverse("admin:candidates_candidate_history", args=[outside.pk])).status_code == 404

    # Units: the commune and below, in the list and in the autocomplete a form uses.
    # The tree starts at their own unit, not at the provinces; a level opened below holds only units
    # within it; a search looks through their subtree only.
    changelist = reverse("admin:units_partyunit_changelist")
    units = client.get(changelist).content.decode()
    assert "Đảng bộ xã Tân Hòa" in units and "Đảng bộ tỉnh Test" not in units and "Đảng bộ tỉnh Khác" not in units
    below = client.get(f"{changelist}children/{cast.grassroots.pk}/").json()["result_html"]
    assert "Chi bộ thôn Đông" in below and "Chi bộ thôn Đoài" in below
    # Below a unit outside: as for a unit that does not exist (no probing which ids exist).
    for outside_unit in (cast.province, cast.commune2, cast.other_province):
        assert client.get(f"{changelist}children/{outside_unit.pk}/").status_code == 404
    assert client.get(f"{changelist}children/999999/").status_code == 404
    assert client.get(f"{changelist}children/abc/").status_code == 404
    searched = client.get(changelist, {"q": "Chi bộ"}).content.decode()
    assert "Chi bộ thôn Đông" in searched and "Trường THCS" not in searched
    # Read only: the tree's form and move endpoint place a unit relative to any unit of the country.
    staff.user_permissions.add(*Permission.objects.filter(codename__in=["add_partyunit", "change_partyunit"]))
    assert client.get(reverse("admin:units_partyunit_add")).status_code == 403
    moved = client.post(
        changelist + "move/", {"node": cast.cell_b.pk, "target": cast.other_province.pk, "relation": "child"}
    )
    assert moved.status_code in (302, 403)
    cast.cell_b.refresh_from_db()
    assert cast.cell_b.path.startswith(cast.grassroots.path)
    found = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "candidates", "model_name": "candidate", "field_name": "cell", "term": "Chi bộ"},
    )
    names = {item["text"] for item in json.loads(found.content)["results"]}
    assert any("Chi bộ thôn Đông" in n for n in names) and not any("Trường THCS" in n for n in names)

    # Users and assignments: never theirs, even when listed.
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get(reverse("admin:auth_user_change", args=[staff.pk])).status_code == 403

    # The access log: accesses to the commune's data only.
    PersonalDataAccess.objects.create(
        username="x", kind=AccessKind.VIEW_PERSON, unit_code=cast.cell_a.code, what="Trong"
    )
    PersonalDataAccess.objects.create(
        username="y", kind=AccessKind.VIEW_PERSON, unit_code=cast.school.code, what="Ngoài"
    )
    log = client.get(reverse("admin:audit_personaldataaccess_changelist")).content.decode()
    assert cast.cell_a.code in log and cast.school.code not in log


def test_a_form_cannot_move_a_person_outside_the_subtree(cast, client, opened):
    person = make_candidate(cast.cell_a)
    staff = _staff(cast.commune_staff, "view_candidate", "change_candidate")
    client.force_login(staff)
    url = reverse("admin:candidates_candidate_change", args=[person.pk])
    form = client.get(url).context["adminform"].form
    data = {name: field.value() for name, field in ((n, form[n]) for n in form.fields)}
    data = {k: ("" if v is None else v) for k, v in data.items() if not isinstance(v, list | dict)}
    data["cell"] = str(cast.school.pk)
    for prefix in ("documents", "events"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    response = client.post(url, data)
    assert response.status_code == 200  # the form again, with the error on the field
    assert "cell" in response.context["adminform"].form.errors
    person.refresh_from_db()
    assert person.cell_id == cast.cell_a.pk


def test_a_superuser_sees_everything(cast, client, django_user_model):
    make_candidate(cast.cell_a, full_name="Trần Thị Trong")
    make_candidate(cast.school, full_name="Lê Văn Ngoài")
    make_candidate(cast.other_province, full_name="Phạm Văn Xa")
    client.force_login(django_user_model.objects.create_superuser("root", password="x"))
    page = client.get(reverse("admin:candidates_candidate_changelist")).content.decode()
    assert all(name in page for name in ("Trần Thị Trong", "Lê Văn Ngoài", "Phạm Văn Xa"))
    changelist = reverse("admin:units_partyunit_changelist")
    assert "Phú Xuân" in client.get(f"{changelist}children/{cast.province.pk}/").json()["result_html"]
    assert client.get(f"{changelist}children/abc/").status_code == 404
    assert Candidate.objects.count() == 3


def test_by_default_staff_reach_only_holidays_and_numbering_terms(cast, client):
    """Even with every right Django knows of, a staff member who is not a superuser cannot open
    people, units, users, assignments, second-factor devices, login records or jobs; they cannot
    make themselves a superuser, move a unit or give themselves a role."""
    person = make_candidate(cast.cell_a)
    staff = cast.commune_staff
    staff.is_staff = True
    staff.save()
    staff.user_permissions.add(*Permission.objects.all())
    client.force_login(staff)
    index = client.get(reverse("admin:index")).content.decode()
    assert "Ngày nghỉ, ngày làm bù" in index
    for closed in ("Quần chúng, đảng viên mới", "Tổ chức đảng", "Phân công", "Người dùng"):
        assert closed not in index, closed
    for name, args in [
        ("admin:candidates_candidate_changelist", []),
        ("admin:candidates_candidate_change", [person.pk]),
        ("admin:units_partyunit_changelist", []),
        ("admin:units_assignment_add", []),
        ("admin:auth_user_changelist", []),
        ("admin:auth_user_change", [staff.pk]),
        ("admin:auth_group_changelist", []),
        ("admin:otp_totp_totpdevice_changelist", []),
        ("admin:otp_static_staticdevice_add", []),
        ("admin:axes_accesslog_changelist", []),
        ("admin:jobs_job_changelist", []),
        ("admin:audit_personaldataaccess_changelist", []),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 403, name
    assert client.get(reverse("admin:candidates_holiday_changelist")).status_code == 200
    assert client.get(reverse("admin:reports_numberingterm_changelist")).status_code == 200
    # No way up: the user form, the unit tree's move, an assignment.
    response = client.post(
        reverse("admin:auth_user_change", args=[staff.pk]),
        {"username": staff.username, "is_active": "on", "is_staff": "on", "is_superuser": "on"},
    )
    assert response.status_code == 403
    moved = client.post(
        reverse("admin:units_partyunit_changelist") + "move/",
        {"node": cast.school.pk, "target": cast.other_province.pk, "relation": "child"},
    )
    assert moved.status_code in (302, 403)
    response = client.post(
        reverse("admin:units_assignment_add"), {"user": staff.pk, "unit": cast.province.pk, "role": "org_board"}
    )
    assert response.status_code == 403
    staff.refresh_from_db()
    cast.school.refresh_from_db()
    assert not staff.is_superuser
    assert cast.school.path.startswith(cast.commune2.path)
    assert not staff.assignments.filter(unit=cast.province).exists()


def test_listing_a_model_of_who_may_do_what_does_not_open_it(settings):
    from recruitment.admin_site import staff_models

    settings.ADMIN_STAFF_MODELS = ["auth.user", "auth.group", "units.assignment", "otp_totp.totpdevice", "jobs.job"]
    assert staff_models() == frozenset()
    settings.ADMIN_STAFF_MODELS = ["Candidates.Holiday", "units.partyunit"]
    assert staff_models() == {"candidates.holiday", "units.partyunit"}
