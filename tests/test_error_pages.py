"""Error pages a user can reach are in Vietnamese (not Django's English defaults)."""

from django.test import Client, RequestFactory
from django.views import defaults


def test_server_error_and_bad_request_pages_are_vietnamese(db):
    request = RequestFactory().get("/")
    body = defaults.server_error(request).content.decode()
    assert "Lỗi hệ thống" in body and "Server Error" not in body
    body = defaults.bad_request(request, Exception()).content.decode()
    assert "Yêu cầu không hợp lệ" in body and "Bad Request" not in body


def test_csrf_failure_page_is_vietnamese(db):
    response = Client(enforce_csrf_checks=True).post("/dang-nhap/", {"username": "a", "password": "b"})
    assert response.status_code == 403
    body = response.content.decode()
    assert "Biểu mẫu đã hết hiệu lực" in body
    assert "Forbidden" not in body


def test_get_on_a_post_only_url_explains_in_vietnamese(cast, login):
    client = login(cast.province_staff)
    for url in ("/dang-xuat/", "/nhap-du-lieu/candidates/xac-nhan/"):
        response = client.get(url)
        assert response.status_code == 405
        assert "Không mở trực tiếp được" in response.content.decode()
