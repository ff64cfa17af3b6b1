"""End to end in headless Chromium (Debian's package driven by Playwright): a cell secretary logs in
through the login form, opens a candidate, records a stage by clicking, and sees it on the timeline.

Without Chromium the test is skipped with the reason; with CI=true it must run, so it fails instead."""

import datetime
import os
import shutil

import pytest

# Playwright's sync API runs an event loop in this thread; the live server's ORM calls are in another.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def _unavailable(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true requires the browser test to run: {reason}")
    pytest.skip(reason)


@pytest.fixture
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the Python package playwright is not installed")
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        _unavailable(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    path = CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=ARGS, headless=True)
        yield b
        b.close()


def test_secretary_records_a_stage_by_clicking(transactional_db, cast, live_server, browser, monkeypatch, request):
    from django.db import connections

    from candidates import clock
    from candidates.models import Stage, StageEvent
    from candidates.tests.factories import make_candidate
    from conftest import PASSWORD

    monkeypatch.setattr(clock, "today", lambda: datetime.date(2026, 11, 20))
    # Playwright's sync API switches context, so the ORM here may open a connection of its own:
    # close it at the end, or the test database cannot be dropped (PostgreSQL).
    request.addfinalizer(connections.close_all)
    candidate = make_candidate(cast.cell_a, full_name="Nguyễn Thị Hằng", birth_date=datetime.date(2000, 3, 4))
    make_candidate(cast.cell_b, full_name="Người Của Thôn Đoài")

    page = browser.new_page(viewport={"width": 390, "height": 844})  # a phone
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/dang-nhap/?next=/ung-vien/")
    page.fill("#id_username", "secretary_a")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/ung-vien/")
    assert "Người Của Thôn Đoài" not in page.content()

    page.click("text=Nguyễn Thị Hằng")
    page.wait_for_url(f"**/ung-vien/{candidate.pk}/")
    page.click("summary:has-text('Đưa vào danh sách cảm tình Đảng')")
    page.fill("#id_sympathizer-on", "05/11/2026")
    page.fill("#id_sympathizer-mentor_name", "Trần Văn Giúp")
    page.click("details.action-sympathizer button[type=submit]")
    page.wait_for_selector("ul.messages li.success")

    assert "Đã ghi: Vào danh sách cảm tình Đảng." in page.inner_text("ul.messages")
    timeline = page.inner_text("#timeline")
    assert "05/11/2026 — Vào danh sách cảm tình Đảng" in timeline
    assert "Đảng viên giúp đỡ: Trần Văn Giúp" in timeline
    assert page.inner_text("ol.stepper li.current") == "Cảm tình Đảng"
    candidate.refresh_from_db()
    assert candidate.stage == Stage.SYMPATHIZER
    assert StageEvent.objects.filter(candidate=candidate, to_stage=Stage.SYMPATHIZER).count() == 1
    page.close()
