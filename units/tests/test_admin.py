from django.urls import reverse

from units.models import Assignment, PartyUnit, Role


def test_staff_assign_a_user_to_a_unit_in_the_admin(cast, client, django_user_model):
    admin_user = django_user_model.objects.create_superuser("root", password="x")
    client.force_login(admin_user)
    url = reverse("admin:auth_user_change", args=[cast.viewer.pk])
    page = client.get(url)
    assert "Phân công" in page.content.decode() or "phân công" in page.content.decode()
    form = {
        "username": "viewer",
        "password": cast.viewer.password,
        "is_active": "on",
        "date_joined_0": "01/01/2026",
        "date_joined_1": "00:00",
        "assignments-TOTAL_FORMS": "2",
        "assignments-INITIAL_FORMS": "1",
        "assignments-MIN_NUM_FORMS": "0",
        "assignments-MAX_NUM_FORMS": "1000",
        "assignments-0-id": str(cast.viewer.assignments.get().pk),
        "assignments-0-user": str(cast.viewer.pk),
        "assignments-0-unit": str(cast.province.pk),
        "assignments-0-role": Role.VIEWER,
        "assignments-1-user": str(cast.viewer.pk),
        "assignments-1-unit": str(cast.cell_b.pk),
        "assignments-1-role": Role.SECRETARY,
        "expected_version": page.context["adminform"].form["expected_version"].value(),
    }
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert set(Assignment.objects.filter(user=cast.viewer).values_list("unit__code", "role")) == {
        ("P", Role.VIEWER),
        ("P-C1-G1-B", Role.SECRETARY),
    }


def test_two_admins_editing_one_user_do_not_overwrite_each_other(cast, client, django_user_model):
    """Lost update: the second admin's older form would have dropped the first admin's new role."""
    admin_user = django_user_model.objects.create_superuser("root", password="x")
    client.force_login(admin_user)
    url = reverse("admin:auth_user_change", args=[cast.viewer.pk])
    stale = client.get(url).context["adminform"].form["expected_version"].value()
    Assignment.objects.create(user=cast.viewer, unit=cast.cell_a, role=Role.SECRETARY)  # the first admin's save
    form = {
        "username": "viewer",
        "password": cast.viewer.password,
        "is_active": "on",
        "date_joined_0": "01/01/2026",
        "date_joined_1": "00:00",
        "assignments-TOTAL_FORMS": "1",
        "assignments-INITIAL_FORMS": "1",
        "assignments-MIN_NUM_FORMS": "0",
        "assignments-MAX_NUM_FORMS": "1000",
        "assignments-0-id": str(cast.viewer.assignments.get(role=Role.VIEWER).pk),
        "assignments-0-user": str(cast.viewer.pk),
        "assignments-0-unit": str(cast.province.pk),
        "assignments-0-role": Role.VIEWER,
        "assignments-0-DELETE": "on",
        "expected_version": stale,
    }
    response = client.post(url, form)
    assert response.status_code == 200
    assert "vừa được người khác cập nhật" in response.content.decode()
    assert set(Assignment.objects.filter(user=cast.viewer).values_list("unit__code", "role")) == {
        ("P", Role.VIEWER),
        ("P-C1-G1-A", Role.SECRETARY),
    }


def test_an_admin_edit_of_a_unit_with_an_old_form_is_refused(cast, client, django_user_model):
    from units.services import unit_update

    admin_user = django_user_model.objects.create_superuser("root", password="x")
    client.force_login(admin_user)
    url = reverse("admin:units_partyunit_change", args=[cast.cell_a.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "_ref_node_id"}
    data |= {"expected_version": form["expected_version"].value(), "_position": "sorted-child", "_ref_node_id": ""}
    unit_update(unit=cast.cell_a, name="Chi bộ thôn Đông (đổi tên)")
    data["name"] = "Tên cũ ghi đè"
    response = client.post(url, data)
    assert "vừa được người khác cập nhật" in response.content.decode()
    assert PartyUnit.objects.get(pk=cast.cell_a.pk).name == "Chi bộ thôn Đông (đổi tên)"
