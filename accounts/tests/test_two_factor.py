"""Second factor: required for the organization board, committee staff and the admin; optional for
the others; once enrolled, no page without the code. Tested with a plain Client and the login form."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD

PAGES = ["home", "candidates-list", "units-tree", "reports-index"]


def _login(user) -> Client:
    client = Client()
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _enrol(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Ứng dụng xác thực", confirmed=True)


def test_enrolled_board_staff_reach_no_page_without_the_code(cast):
    device = _enrol(cast.province_staff)
    client = _login(cast.province_staff)
    for name in PAGES:
        response = client.get(reverse(name))
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts-2fa-verify"))
    wrong = client.post(reverse("accounts-2fa-verify"), {"token": "000000" if _code(device) != "000000" else "111111"})
    assert "Mã không đúng" in wrong.content.decode()
    assert client.get(reverse("home")).status_code == 302
    device.refresh_from_db()
    device.throttling_failure_count = 0  # the wrong code above slowed the next try down
    device.throttling_failure_timestamp = None
    device.save()
    ok = client.post(reverse("accounts-2fa-verify"), {"token": _code(device), "next": reverse("candidates-list")})
    assert ok.status_code == 302 and ok["Location"] == reverse("candidates-list")
    for name in PAGES:
        assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("role", ["province_staff", "commune_staff"])
def test_required_roles_must_enrol_first_with_a_local_qr_code(cast, role):
    user = getattr(cast, role)
    client = _login(user)
    response = client.get(reverse("home"))
    assert response["Location"].startswith(reverse("accounts-2fa-setup"))
    page = client.get(reverse("accounts-2fa-setup"))
    assert "bắt buộc dùng xác thực hai lớp" in page.content.decode()
    svg = client.get(reverse("accounts-2fa-qr"))
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content
    pending = TOTPDevice.objects.get(user=user, confirmed=False)
    done = client.post(reverse("accounts-2fa-setup"), {"token": _code(pending)})
    codes = re.findall(r"<li>(\w+)</li>", done.content.decode())
    assert len(codes) == 10
    assert client.get(reverse("home")).status_code == 200
    # Next login: a recovery code works once.
    again = _login(user)
    assert again.get(reverse("home")).status_code == 302
    assert again.post(reverse("accounts-2fa-verify"), {"token": codes[0]}).status_code == 302
    assert again.get(reverse("home")).status_code == 200
    third = _login(user)
    assert "Mã không đúng" in third.post(reverse("accounts-2fa-verify"), {"token": codes[0]}).content.decode()


def test_optional_for_a_secretary_until_enrolled(cast):
    client = _login(cast.secretary_a)
    assert client.get(reverse("candidates-list")).status_code == 200
    _enrol(cast.secretary_a)
    client = _login(cast.secretary_a)
    assert client.get(reverse("candidates-list"))["Location"].startswith(reverse("accounts-2fa-verify"))


def test_the_admin_requires_the_second_factor(cast, django_user_model):
    django_user_model.objects.create_superuser("root", password=PASSWORD)
    client = Client()
    client.post(reverse("admin:login"), {"username": "root", "password": PASSWORD})
    response = client.get("/quan-tri/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts-2fa-setup"))
    assert client.get("/quan-tri/units/partyunit/").status_code == 302


def test_the_admin_resets_a_users_second_factor(cast, django_user_model):
    from accounts.testing import VerifiedClient

    _enrol(cast.commune_staff)
    StaticDevice.objects.create(user=cast.commune_staff, name="Mã dự phòng")
    root = django_user_model.objects.create_superuser("root", password=PASSWORD)
    client = VerifiedClient()
    client.force_login(root)
    response = client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "reset_two_factor", "_selected_action": [cast.commune_staff.pk]},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=cast.commune_staff).exists()
    assert not StaticDevice.objects.filter(user=cast.commune_staff).exists()


@pytest.mark.parametrize(
    "new,ok",
    [("Ngan@2026", False), ("12345678901234", False), ("password1234", False), ("Mat khau 2026!", True)],
)
def test_self_service_password_change_with_12_characters_and_no_common_password(cast, login, new, ok):
    client = login(cast.secretary_a)
    response = client.post(
        reverse("accounts-password"), {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )
    cast.secretary_a.refresh_from_db()
    assert cast.secretary_a.check_password(new) is ok
    if not ok:
        assert "errorlist" in response.content.decode()
