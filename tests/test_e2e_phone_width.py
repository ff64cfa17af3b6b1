"""Pages with long unbreakable strings (file names, SHA-256) fit a phone screen (no sideways scrolling)."""

import os

import pytest

from tests.test_e2e_browser import browser  # noqa: F401 (fixture)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser


def test_import_record_fits_a_phone(transactional_db, cast, live_server, browser, request):  # noqa: F811
    from django.db import connections

    from conftest import PASSWORD
    from imports.models import ImportRecord

    request.addfinalizer(connections.close_all)
    record = ImportRecord.objects.create(
        kind="roster",
        file_name="hoc_vien_lop_boi_duong_nhan_thuc_ve_dang_khoa_I_nam_2024_ban_chinh_thuc.xls",
        sha256="125ba7d09fbcfc4c0687d03c0e658c8cfa24ef6c0d16e64231ce52352e4f211b",
        file_format="xls",
        unit=cast.province,
        user=cast.province_staff,
        total_rows=25,
    )
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/dang-nhap/?next=/nhap-du-lieu/lich-su/{record.pk}/")
    page.fill("#id_username", "province_staff")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("h1")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
