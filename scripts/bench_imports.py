#!/usr/bin/env python
"""Benchmark of the imports (not a timed test): a generated 20,000-row candidate file and a
2,000-row training-class roster, imported into a throwaway database; prints, side by side, the raw
read of the file by python-calamine, the check (read + every row checked, what the preview does)
and the write (what the confirm does with the checked rows the preview kept), in rows per second,
with the number of queries, and the memory the check holds per row at two sizes.

    .venv/bin/python scripts/bench_imports.py                          # SQLite (temporary file)
    scripts/with_postgres.sh .venv/bin/python scripts/bench_imports.py # PostgreSQL (throwaway cluster)
"""

import datetime
import gc
import io
import os
import pickle
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
if not os.environ.get("DATABASE_URL"):
    os.environ["SQLITE_PATH"] = tempfile.mkstemp(prefix="bench-imports-", suffix=".sqlite3")[1]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recruitment.settings")
os.environ.setdefault("DEBUG", "0")  # as in production: no debug cursor formatting every statement

import django  # noqa: E402

django.setup()

import python_calamine  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from candidates.models import Candidate, Stage, StageEvent  # noqa: E402
from imports.services import check_import, commit_import, run_import  # noqa: E402
from units.models import Assignment, Role, UnitKind  # noqa: E402
from units.services import unit_create  # noqa: E402

CANDIDATES = int(os.environ.get("BENCH_ROWS", "20000"))
ROSTER, STRANGERS, CELLS = 2000, 200, 50
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ"]
MIDDLE = ["Văn", "Thị", "Minh", "Quốc", "Thu", "Ngọc", "Đức", "Hữu"]
GIVEN = ["An", "Bình", "Cường", "Dung", "Hà", "Hải", "Lan", "Mai", "Nam", "Oanh", "Quân", "Sơn", "Trang", "Việt"]


def person(i: int) -> tuple[str, datetime.date]:
    name = f"{FAMILY[i % 10]} {MIDDLE[(i // 10) % 8]} {GIVEN[(i // 80) % 14]} {GIVEN[i % 14]}"
    return name, datetime.date(1970, 1, 1) + datetime.timedelta(days=(i * 37) % 12000)


def workbook(header: list[str], rows) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("DS")
    sheet.append(["DANH SÁCH SINH RA ĐỂ ĐO TỐC ĐỘ"])
    sheet.append([])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


class QueryCount:
    """Counts the queries without Django's debug cursor (CaptureQueriesContext formats every
    statement with its parameters, which on SQLite costs more than a bulk insert itself)."""

    def __enter__(self):
        self.count = 0
        self._wrapper = connection.execute_wrapper(self)
        self._wrapper.__enter__()
        return self

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)

    def __exit__(self, *exc):
        self._wrapper.__exit__(*exc)

    @property
    def captured_queries(self):
        return range(self.count)


def raw_read(data: bytes) -> float:
    """python-calamine alone: every sheet to Python values, as a plain call would (the collector on)."""
    start = time.perf_counter()
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    for name in book.sheet_names:
        book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    return time.perf_counter() - start


def median(values: list[float]) -> float:
    return statistics.median(values)


def forget_list_write() -> None:
    """The database as it was before the list's write (people, their field history and events
    gone), so that the next write round starts from the same state as the first."""
    tables = [StageEvent._meta.db_table, Candidate.history.model._meta.db_table, Candidate._meta.db_table]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("TRUNCATE " + ", ".join(tables) + " CASCADE")
        else:
            for table in tables:
                cursor.execute(f"DELETE FROM {table}")


def side_by_side(kind: str, data: bytes, rows: int, rounds: int = 7, writes: int = 3, user=None, **options) -> None:
    """Raw calamine read, check, write. The read and the check are measured in turns, `rounds`
    times (a slow moment of a shared machine then hits both alike); the ratio is the median of each
    round's check ÷ read. The write is measured `writes` times, each from the same database state
    and on the checked rows as the confirm gets them (through pickle, as the preview keeps them):
    the median is printed, with the first write (the database session's first) beside it. Twice:
    as the command line imports without --user (a migration: nobody is named as having entered the
    events), and as the web page imports, for a signed-in user (the events and the history name
    them: one more foreign key checked per row on PostgreSQL)."""
    reads, checks, cpus, ratios = [], [], [], []
    for _ in range(rounds):
        read = raw_read(data)
        with QueryCount() as ctx:
            start, cpu = time.perf_counter(), time.process_time()
            checked = check_import(kind=kind, data=data, file_name=f"bench-{kind}.xlsx", options=options)
            check = time.perf_counter() - start
            cpus.append(time.process_time() - cpu)
        check_queries = len(ctx.captured_queries)
        assert checked.outcome.ok, checked.outcome.error_lines()[:5]
        reads.append(read)
        checks.append(check)
        ratios.append(check / read)
    read, check = median(reads), median(checks)
    print(f"  {kind:<10} {rows:>6} dòng (trung vị của {rounds} lượt đọc thô và kiểm tra xen kẽ, {writes} lượt ghi)")
    print(f"    đọc thô (calamine) {read:6.2f} s  {rows / read:8,.0f} dòng/s".replace(",", "."))
    print(
        f"    kiểm tra           {check:6.2f} s  {rows / check:8,.0f} dòng/s  = {median(ratios):4.1f} × đọc thô"
        f"  {check_queries:>3} truy vấn  (CPU {median(cpus):.2f} s)".replace(",", ".", 1)
    )
    timed_writes("ghi (lệnh)", pickle.dumps(checked), rows, writes, None)
    if user is not None:
        forget_list_write()  # checked again from the state the writes start from
        checked = check_import(kind=kind, data=data, file_name=f"bench-{kind}.xlsx", options=options, user=user)
        assert checked.outcome.ok, checked.outcome.error_lines()[:5]
        timed_writes("ghi (trang web)", pickle.dumps(checked), rows, writes, user)


def timed_writes(label: str, kept: bytes, rows: int, writes: int, user) -> None:
    """The write of the checked rows `kept`, `writes` times from the state they were checked in
    (written rows removed by forget_list_write between two writes)."""
    writes_, write_cpus = [], []
    for round_ in range(writes):
        if round_:
            forget_list_write()
        confirm = pickle.loads(kept)
        assert confirm.resource.state() == confirm.state  # no re-check: the write alone is measured
        with QueryCount() as ctx:
            start, cpu = time.perf_counter(), time.process_time()
            outcome = commit_import(confirm, user=user)
            writes_.append(time.perf_counter() - start)
            write_cpus.append(time.process_time() - cpu)
        assert outcome.committed, outcome.error_lines()[:5]
    write, first_write = median(writes_), writes_[0]
    print(
        f"    {label:<18} {write:6.2f} s  {rows / write:8,.0f} dòng/s"
        f"                 {len(ctx.captured_queries):>3} truy vấn  (CPU {median(write_cpus):.2f} s;"
        f" lượt ghi đầu {first_write:.2f} s = {rows / first_write:,.0f} dòng/s)".replace(",", ".")
    )


def memory_per_row(kind: str, make, sizes=(5000, 20000), **options) -> None:
    figures = []
    for size in sizes:
        data = make(size)
        gc.collect()
        tracemalloc.start()
        checked = check_import(kind=kind, data=data, file_name="bench.xlsx", options=options)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert checked.outcome.ok
        del checked
        figures.append(
            f"{size:,} dòng: đỉnh {peak / 1e6:5.1f} MB = {peak / size / 1024:4.1f} KB/dòng".replace(",", ".")
        )
    print("    bộ nhớ khi kiểm tra  " + "; ".join(figures))


def timed(kind: str, data: bytes, rows: int, **options) -> None:
    for dry_run in (True, False):
        with QueryCount() as ctx:
            start, cpu = time.perf_counter(), time.process_time()
            outcome = run_import(kind=kind, data=data, file_name=f"bench-{kind}.xlsx", dry_run=dry_run, options=options)
            elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        assert outcome.ok and (dry_run or outcome.committed), outcome.error_lines()[:5]
        label = "kiểm tra (dry run)" if dry_run else "nhập (ghi)"
        print(
            f"  {kind:<10} {label:<18} {rows:>5} dòng  {elapsed:6.2f} s  {rows / elapsed:6.0f} dòng/s  "
            f"(CPU của tiến trình {cpu:5.2f} s)  {len(ctx.captured_queries):>3} truy vấn"
        )


def main() -> None:
    call_command("migrate", verbosity=0)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"== {connection.vendor}, {os.cpu_count()} CPU, tải hệ thống {load:.1f}")
    province = unit_create(parent=None, code="B", name="Đảng bộ tỉnh Đo", kind=UnitKind.PROVINCE)
    commune = unit_create(parent=province, code="B-X", name="Đảng bộ xã Đo", kind=UnitKind.COMMUNE)
    cells = [
        unit_create(parent=commune, code=f"B-X-{i:02d}", name=f"Chi bộ thôn {i}", kind=UnitKind.CELL)
        for i in range(CELLS)
    ]
    header = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Mã chi bộ", "Trình độ học vấn", "Dân tộc"]
    header += ["Ngày vào danh sách cảm tình Đảng"]

    def candidate_file(size: int) -> bytes:
        rows = []
        for i in range(size):
            name, birth = person(i)
            rows.append(
                [i + 1, name, birth, "Nam" if i % 2 else "Nữ", cells[i % CELLS].code, "12/12", "Kinh", "05/03/2024"]
            )
        return workbook(header, rows)

    memory_per_row("candidates", candidate_file)
    staff = get_user_model().objects.create_user("bench.btc", password="x", first_name="Cán bộ", last_name="Đo")
    Assignment.objects.create(user=staff, unit=province, role=Role.ORG_BOARD)
    side_by_side("candidates", candidate_file(CANDIDATES), CANDIDATES, user=staff)
    assert Candidate.objects.filter(stage=Stage.SYMPATHIZER).count() == CANDIDATES

    header = ["STT", "Họ và tên", "Ngày sinh", "Đơn vị", "Kết quả", "Số giấy chứng nhận", "Ngày cấp"]
    rows = []
    for i in range(ROSTER):
        name, birth = person(i) if i < ROSTER - STRANGERS else (f"Người Lạ Số {i}", datetime.date(1990, 1, 1))
        rows.append([i + 1, name, birth, cells[i % CELLS].name, "Khá", f"{i}/GCN-TTCT", datetime.date(2024, 6, 28)])
    timed(
        "roster",
        workbook(header, rows),
        ROSTER,
        class_code="BENCH-1",
        class_name="Lớp đo tốc độ",
        start=datetime.date(2024, 6, 17),
        end=datetime.date(2024, 6, 28),
    )
    assert Candidate.objects.filter(stage=Stage.TRAINED).count() == ROSTER - STRANGERS


if __name__ == "__main__":
    try:
        main()
    finally:
        if not os.environ.get("DATABASE_URL"):
            Path(os.environ["SQLITE_PATH"]).unlink(missing_ok=True)
