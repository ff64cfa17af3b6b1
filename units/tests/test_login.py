from django.test import override_settings
from django.urls import reverse

from conftest import PASSWORD


def test_login_page_is_vietnamese(client, db):
    html = client.get(reverse("login")).content.decode()
    assert "Đăng nhập" in html and "Mật khẩu" in html


def test_wrong_password_shows_a_vietnamese_error(cast, client):
    response = client.post(reverse("login"), {"username": "secretary_a", "password": "sai"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in html
    assert "_auth_user_id" not in client.session


def test_right_password_logs_in(cast, client):
    response = client.post(reverse("login"), {"username": "secretary_a", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(cast.secretary_a.pk)


@override_settings(AXES_FAILURE_LIMIT=3)
def test_repeated_failures_lock_the_username_from_that_ip(cast, client):
    for _ in range(3):
        client.post(reverse("login"), {"username": "secretary_a", "password": "sai"})
    response = client.post(reverse("login"), {"username": "secretary_a", "password": PASSWORD})
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_session_expires_after_inactivity(settings):
    # Renewed by recruitment.middleware.SessionRefreshMiddleware, not on every request
    # (recruitment/tests/test_safe_defaults.py follows a session through it).
    assert settings.SESSION_SAVE_EVERY_REQUEST is False
    assert settings.SESSION_COOKIE_AGE == 30 * 60
