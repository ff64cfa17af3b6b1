"""The hostile spreadsheets through the web page and the command: a Vietnamese message, never a 500,
under a second, memory bounded (the command runs in its own process, its peak RSS measured)."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from candidates.models import Candidate
from spreadsheets.tests import hostile

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
FILES = {
    "sparse.xlsx": (hostile.sparse_cell_xlsx, "có quá nhiều dòng (đến dòng 1.048.576)"),
    "sheets.xlsx": (hostile.many_sheets_xlsx, "Tệp có hơn 50 trang tính"),
    "million.xlsx": (hostile.million_rows_xlsx, "Trang tính “Sheet1” có hơn 100.000 dòng; giới hạn là 100.000 dòng"),
    "million.csv": (hostile.million_rows_csv, "Tệp có hơn 100.000 dòng; giới hạn là 100.000 dòng"),
    "sparse.xls": (hostile.sparse_cell_xls, "có quá nhiều cột (đến cột 256)"),
}


@pytest.mark.parametrize("name", list(FILES))
def test_refused_on_the_web(cast, login, name):
    build, message = FILES[name]
    data = build()
    client = login(cast.province_staff)
    # Warm up (first request of a worker: URL modules, templates), then time the refusal itself.
    client.post(reverse("imports-upload", args=["candidates"]), {"file": SimpleUploadedFile("a.csv", b"x\n1\n")})
    start = time.perf_counter()
    response = client.post(reverse("imports-upload", args=["candidates"]), {"file": SimpleUploadedFile(name, data)})
    elapsed = time.perf_counter() - start
    assert response.status_code == 200
    assert message in response.content.decode()
    assert elapsed < 1.0, f"{name}: {elapsed:.2f} s"
    assert not Candidate.objects.exists()


PROBE = """
import runpy, sys
sys.argv = ["manage.py", "import_candidates", sys.argv[1], "--dry-run"]
try:
    runpy.run_path("manage.py", run_name="__main__")
finally:
    # VmHWM: this process's peak resident memory (ru_maxrss would carry the parent's over exec).
    peak = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:")).split()[1]
    sys.stderr.write(f"\\nMAXRSS_KB={peak}\\n")
"""


@pytest.mark.parametrize("name", ["sparse.xlsx", "million.xlsx", "sparse.xls", "million.csv"])
def test_refused_by_the_command_within_256_mb(tmp_path, name):
    build, message = FILES[name]
    path = tmp_path / name
    path.write_bytes(build())
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {"SQLITE_PATH": str(tmp_path / "db.sqlite3")}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(path)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode != 0
    assert message in done.stderr and "Không ghi gì vì tệp có lỗi." in done.stderr
    rss_kb = int(done.stderr.rsplit("MAXRSS_KB=", 1)[1].split()[0])
    assert rss_kb < 256 * 1024, f"{name}: {rss_kb / 1024:.0f} MB"
