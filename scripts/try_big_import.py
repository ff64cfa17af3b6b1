#!/usr/bin/env python
"""Acceptance trial (not a test): a 20,000-row candidate import started in the browser, on the
production server (gunicorn + worker, `make serve`'s way) over the demo units, while other users
browse. Prints how long the preview and the job took, how the progress moved, and the other users'
response times during the import; saves screenshots of the job page (1366x768 and 390x844).

    .venv/bin/python scripts/try_big_import.py                      # SQLite (temporary file)
    scripts/with_postgres.sh .venv/bin/python scripts/try_big_import.py
"""

import datetime
import io
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROWS = int(os.environ.get("ROWS", "20000"))
PORT = int(os.environ.get("PORT", "18750"))
OUT = Path(os.environ.get("SHOTS", "/tmp/i13-shots"))
BASE = f"http://127.0.0.1:{PORT}"
sqlite_path = None
if not os.environ.get("DATABASE_URL"):
    sqlite_path = tempfile.mkstemp(prefix="big-import-", suffix=".sqlite3")[1]
    os.environ["SQLITE_PATH"] = sqlite_path
os.environ.update({"DEMO": "0", "SECURE_SSL_REDIRECT": "0", "SESSION_COOKIE_SECURE": "0", "CSRF_COOKIE_SECURE": "0"})
os.environ.update({"SECURE_HSTS_SECONDS": "0", "LOG_LEVEL": "WARNING", "GUNICORN_ACCESS_LOG": ""})
os.environ.setdefault("SECRET_KEY", "try-big-import-" + "s" * 40)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recruitment.settings")
sys.path.insert(0, str(ROOT))
PY = str(ROOT / ".venv" / "bin" / "python")


def sh(*args, **env):
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, check=True, env=os.environ | env, stdout=subprocess.DEVNULL)


def workbook() -> bytes:
    import django
    from openpyxl import Workbook

    django.setup()
    from units.models import PartyUnit, UnitKind

    cells = list(PartyUnit.objects.filter(kind=UnitKind.CELL, code__startswith="SH-").values_list("code", flat=True))
    family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ"]
    middle = ["Văn", "Thị", "Minh", "Quốc", "Thu", "Ngọc", "Đức", "Hữu"]
    given = ["An", "Bình", "Cường", "Dung", "Hà", "Hải", "Lan", "Mai", "Nam", "Oanh", "Quân", "Sơn", "Trang", "Việt"]
    book = Workbook(write_only=True)
    sheet = book.create_sheet("DS")
    sheet.append(["DANH SÁCH THỬ 20.000 DÒNG"])
    sheet.append([])
    sheet.append(["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Mã chi bộ", "Trình độ học vấn", "Dân tộc"])
    for i in range(ROWS):
        name = f"{family[i % 10]} {middle[(i // 10) % 8]} {given[(i // 80) % 14]} {given[i % 14]}"
        birth = datetime.date(1970, 1, 1) + datetime.timedelta(days=(i * 37) % 12000)
        sheet.append([i + 1, name, birth, "Nam" if i % 2 else "Nữ", cells[i % len(cells)], "12/12", "Kinh"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def browse(stop: threading.Event, times: list, errors: list) -> None:
    """Another user (a cell secretary) reading pages while the import runs."""
    import http.cookiejar
    import urllib.parse

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(BASE + "/dang-nhap/").read()
    token = next(c.value for c in jar if c.name == "csrftoken")
    data = urllib.parse.urlencode({"username": "bithu.dong", "password": "DangVien@2026", "csrfmiddlewaretoken": token})
    opener.open(urllib.request.Request(BASE + "/dang-nhap/", data=data.encode(), headers={"Referer": BASE})).read()
    pages = ["/ung-vien/", "/ung-vien/viec-can-lam/", "/", "/don-vi/"]
    i = 0
    while not stop.is_set():
        started = time.monotonic()
        try:
            opener.open(BASE + pages[i % len(pages)], timeout=60).read()
            times.append(time.monotonic() - started)
        except OSError as exc:
            errors.append(str(exc))
        i += 1
        time.sleep(0.2)


def main() -> None:
    import signal

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # run the finally: stop the servers
    sh("migrate", "--noinput")
    sh("seed_demo", DEMO="1")
    data = workbook()
    path = Path(tempfile.mkdtemp()) / "danh_sach_20000.xlsx"
    path.write_bytes(data)
    env = os.environ | {"GUNICORN_BIND": f"127.0.0.1:{PORT}", "GUNICORN_WORKERS": "3"}
    web = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "-c", "deploy/gunicorn.conf.py", "recruitment.wsgi"], cwd=ROOT, env=env
    )
    worker = subprocess.Popen([PY, "manage.py", "worker", "--no-reload", "-v0"], cwd=ROOT, env=env)
    OUT.mkdir(parents=True, exist_ok=True)
    try:
        for _ in range(60):
            try:
                urllib.request.urlopen(BASE + "/dang-nhap/", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        from playwright.sync_api import sync_playwright

        args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=args)
            page = browser.new_page(viewport={"width": 1366, "height": 768})
            page.goto(BASE + "/dang-nhap/")
            page.fill("input[name=username]", "tinh.btc")
            page.fill("input[name=password]", "DangVien@2026")
            page.click("button[type=submit]")
            page.goto(BASE + "/nhap-du-lieu/candidates/")
            page.set_input_files("input[type=file]", str(path))
            started = time.monotonic()
            page.click("main button[type=submit]")  # not the logout button of the header
            page.wait_for_selector("text=Xác nhận nhập", timeout=300_000)
            preview = time.monotonic() - started
            print(f"== {ROWS} rows: preview (in the request) {preview:.1f} s")
            stop, times, errors = threading.Event(), [], []
            other = threading.Thread(target=browse, args=(stop, times, errors))
            other.start()
            started = time.monotonic()
            page.click('main button:has-text("Xác nhận nhập")')
            page.wait_for_url("**/viec/*/", timeout=60_000)
            job_url = page.url
            seen, shot = [], False
            while True:
                text = page.inner_text("main")
                bar = page.query_selector("progress")
                value = bar.get_attribute("value") if bar else None
                seen.append((round(time.monotonic() - started, 1), value))
                if not shot and value and 0 < int(value) < ROWS:
                    page.screenshot(path=str(OUT / "job_1366.png"), full_page=True)
                    phone = browser.new_page(
                        viewport={"width": 390, "height": 844}, storage_state=page.context.storage_state()
                    )
                    phone.goto(job_url)
                    phone.screenshot(path=str(OUT / "job_390.png"), full_page=True)
                    width = phone.evaluate("document.documentElement.scrollWidth")
                    print(f"   phone page width {width}px")
                    phone.close()
                    shot = True
                if "Đã xong" in text or "Không thành công" in text:
                    break
                time.sleep(0.5)
            total = time.monotonic() - started
            page.screenshot(path=str(OUT / "job_done_1366.png"), full_page=True)
            stop.set()
            other.join()
            status = "done" if "Đã xong" in page.inner_text("main") else "FAILED: " + page.inner_text("main")[:400]
            print(f"   job {status} in {total:.1f} s; progress bar values seen: {seen[:3]} ... {seen[-3:]}")
            changes = sorted({v for _, v in seen if v})
            print(f"   {len(changes)} distinct progress values, e.g. {changes[:5]}")
            if times:
                q = statistics.quantiles(times, n=20) if len(times) > 1 else times * 19
                print(
                    f"   other user during the import: {len(times)} pages, p50 {statistics.median(times) * 1000:.0f} ms, "
                    f"p95 {q[18] * 1000:.0f} ms, max {max(times) * 1000:.0f} ms, errors {len(errors)}"
                )
            browser.close()
    finally:
        web.terminate()
        worker.terminate()
        web.wait(30)
        worker.wait(30)
        if sqlite_path:
            for suffix in ("", "-wal", "-shm"):
                Path(sqlite_path + suffix).unlink(missing_ok=True)


if __name__ == "__main__":
    main()
