from django.urls import reverse

from units.models import Assignment, Role


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
    }
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert set(Assignment.objects.filter(user=cast.viewer).values_list("unit__code", "role")) == {
        ("P", Role.VIEWER),
        ("P-C1-G1-B", Role.SECRETARY),
    }
