"""The person page's "Văn bản" section in headless Chromium: a cell secretary on a phone sees the papers
of the stages passed, nothing is wider than the screen, and "Tải Word" downloads the filled document, whose number the section then shows."""

import os

import pytest

from reports.tests.documents_data import NAME, full_history  # noqa: F401 (fixture)
from tests.test_e2e_browser import browser  # noqa: F401 (fixture)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser


def test_the_documents_section_fits_a_phone_and_downloads(
    transactional_db,
    full_history,  # noqa: F811
    live_server,
    browser,  # noqa: F811
    request,
):
    from django.db import connections

    from conftest import PASSWORD

    request.addfinalizer(connections.close_all)
    person = full_history.person
    context = browser.new_context(viewport={"width": 390, "height": 844}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/dang-nhap/?next=/ung-vien/{person.pk}/")
    page.fill("#id_username", "secretary_a")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("#documents")
    assert NAME in page.inner_text("h1")
    section = page.inner_text("#documents")
    assert "Nghị quyết chi bộ đề nghị kết nạp đảng viên" in section and "cấp khác lập" in section
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    row = page.locator("#documents-passed li", has_text="Nghị quyết chi bộ đề nghị kết nạp đảng viên")
    with page.expect_download() as download:
        row.locator("button", has_text="Tải Word").click()
    assert download.value.suggested_filename == "6-KND-20240305.docx"
    page.reload()
    assert "đã cấp số 07-NQ/CB" in " ".join(row.inner_text().split())  # the resolution's recorded number
    context.close()
