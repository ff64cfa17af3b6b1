"""The admin's history page (django-simple-history ships no Vietnamese) reads in Vietnamese."""

from django.contrib.auth import get_user_model

from candidates.models import Stage
from candidates.tests.factories import make_candidate


def test_admin_history_page_is_vietnamese(cast, client):
    c = make_candidate(cast.cell_a, Stage.SOURCE)
    admin = get_user_model().objects.create_superuser("root", password="x")
    client.force_login(admin)
    body = client.get(f"/quan-tri/candidates/candidate/{c.pk}/history/").content.decode()
    assert "Người thay đổi" in body
    for english in ("Changed by", "Change reason", "Choose a date", "entries", "entry"):
        assert english not in body
    body = client.get("/quan-tri/").content.decode()
    assert "Access attempts" not in body


def test_admin_greets_with_the_full_vietnamese_name(db, client):
    admin = get_user_model().objects.create_superuser("root", password="x", first_name="Nguyễn Văn", last_name="Bình")
    client.force_login(admin)
    body = client.get("/quan-tri/").content.decode()
    assert "<strong>Nguyễn Văn Bình</strong>" in body


def test_admin_lists_and_user_form_are_vietnamese(cast, client):
    """Django's own Vietnamese lacks a few admin strings added since 5.0 (the filters' counts)."""
    admin = get_user_model().objects.create_superuser("root", password="x")
    client.force_login(admin)
    body = client.get("/quan-tri/candidates/candidate/").content.decode()
    assert "Hiện số lượng" in body and "Show counts" not in body
    body = client.get("/quan-tri/candidates/candidate/?_facets=True").content.decode()
    assert "Ẩn số lượng" in body and "Hide counts" not in body
    body = client.get("/quan-tri/auth/user/add/").content.decode()
    assert "Sau khi tạo người dùng" in body and "After you’ve created a user" not in body
