"""Emptying a target that exists deletes that quota: the browser asks for confirmation first."""

import os

import pytest

from tests.test_e2e_browser import browser  # noqa: F401 (fixture)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser


def test_clearing_a_target_asks_before_deleting(
    transactional_db,
    cast,
    live_server,
    browser,  # noqa: F811
    request,
    settings,
):
    settings.TWO_FACTOR_REQUIRED_ROLES = []  # the second factor has its own tests (accounts/tests)
    from django.db import connections

    from conftest import PASSWORD
    from quotas.models import Quota

    request.addfinalizer(connections.close_all)
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    Quota.objects.create(unit=cast.grassroots, year=2025, target=4)
    # Committee staff must pass a second factor: an enrolled app, its code typed after the password.
    device = TOTPDevice.objects.create(user=cast.commune_staff, name="Ứng dụng xác thực", confirmed=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/dang-nhap/?next=/chi-tieu/{cast.commune.code}/giao-chi-tieu/%3Fnam%3D2025")
    page.fill("#id_username", "commune_staff")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("#id_token")
    page.fill("#id_token", f"{totp(device.bin_key):06d}")
    page.click("main form:not([action]) button[type=submit]")
    page.wait_for_selector("#allocation")
    page.fill(f"#id_t_{cast.grassroots.pk}", "")

    dialogs = []

    def dismiss(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", dismiss)
    page.click("#allocation button[type=submit]")
    page.wait_for_timeout(300)
    assert dialogs and "sẽ bị xóa" in dialogs[0]
    assert Quota.objects.filter(unit=cast.grassroots, year=2025).exists()

    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#allocation button[type=submit]")
    page.wait_for_selector("ul.messages li.success")
    assert not Quota.objects.filter(unit=cast.grassroots, year=2025).exists()
