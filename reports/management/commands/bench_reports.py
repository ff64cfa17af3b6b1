"""Benchmark of the reports (not a test): on a dataset made by `generate_dataset --scale province`, the
time, query count and peak Python memory of building and rendering the province's progress report and a
~5,000-row candidate list (chosen through the list page's own filters), as PDF and XLSX.

    SQLITE_PATH=var/bench.sqlite3 python manage.py migrate -v0
    SQLITE_PATH=var/bench.sqlite3 python manage.py generate_dataset --scale province --today 22/11/2026
    SQLITE_PATH=var/bench.sqlite3 python manage.py bench_reports
"""

import statistics
import time
import tracemalloc

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from candidates.filters import CandidateFilter
from candidates.models import Stage
from reports.registry import produce, render
from units.models import Assignment, PartyUnit, Role
from vietnamese.text import format_int

TARGET_SECONDS = 5.0


class Command(BaseCommand):
    help = "Đo thời gian, số truy vấn và bộ nhớ khi lập báo cáo trên bộ dữ liệu lớn."

    def add_arguments(self, parser):
        parser.add_argument("--unit", help="Mã đơn vị (mặc định: tỉnh đầu tiên)")
        parser.add_argument("--year", type=int, default=2026)
        parser.add_argument("--rows", type=int, default=5000, help="Số dòng mong muốn của danh sách")
        parser.add_argument("--runs", type=int, default=3)

    def handle(self, *args, unit, year, rows, runs, **options):
        root = PartyUnit.objects.filter(code=unit).first() if unit else PartyUnit.objects.filter(depth=1).first()
        if root is None:
            raise CommandError("Không có dữ liệu: chạy generate_dataset --scale province trước.")
        user, _ = get_user_model().objects.get_or_create(username="bench_reports")
        Assignment.objects.get_or_create(user=user, unit=root, role=Role.ORG_BOARD)
        user = get_user_model().objects.get(pk=user.pk)  # fresh (no cached assignments)

        filters = self._list_filters(user, root, rows)
        cases = [
            ("Tiến độ (tỉnh)", "progress", {"year": year}),
            ("Tiến độ quý III (tỉnh)", "progress", {"year": year, "quarter": 3}),
            ("Danh sách quần chúng", "candidates", {"filter_data": filters}),
            ("Đang theo dõi (tỉnh)", "pipeline", {"year": year}),
            ("Tổng hợp cuối năm (tỉnh)", "summary", {"year": year}),
        ]
        self.stdout.write(f"Đơn vị {root.code} — {root.name}; bộ lọc danh sách: {filters.urlencode()}")
        self.stdout.write(
            f"{'báo cáo':<26} {'định dạng':<6} {'dòng':>7} {'truy vấn':>8} {'lập (s)':>8} "
            f"{'xuất (s)':>8} {'tổng (s)':>8} {'bộ nhớ (MB)':>11} {'byte':>11}"
        )
        failures = []
        for label, slug, params in cases:
            for fmt in ("pdf", "xlsx"):
                result = self._measure(user, root, slug, params, fmt, runs)
                total = result["build"] + result["render"]
                self.stdout.write(
                    f"{label:<26} {fmt:<6} {format_int(result['rows']):>7} {result['queries']:>8} "
                    f"{result['build']:>8.2f} {result['render']:>8.2f} {total:>8.2f} "
                    f"{result['peak_mb']:>11.1f} {format_int(result['size']):>11}"
                )
                if total > TARGET_SECONDS:
                    failures.append(f"{label} {fmt}: {total:.2f} s")
        if failures:
            self.stdout.write(self.style.WARNING("Vượt mục tiêu 5 s: " + "; ".join(failures)))
        else:
            self.stdout.write(
                self.style.SUCCESS(f"Mọi báo cáo dưới {TARGET_SECONDS:.0f} s (trung vị {runs} lần chạy).")
            )

    def _list_filters(self, user, root, rows: int) -> QueryDict:
        """The list page's filters (stage × admission year) whose result is closest to `rows`."""
        best = None
        for stage in ["", *Stage.values]:
            for year in ["", "2022", "2023", "2024", "2025", "2026"]:
                data = QueryDict(mutable=True)
                data.update({"unit": root.code, "status": "all"})
                if stage:
                    data["stage"] = stage
                if year:
                    data["year"] = year
                count = CandidateFilter(data, user=user).qs.count()
                if best is None or abs(count - rows) < abs(best[0] - rows):
                    best = (count, data)
        return best[1]

    def _measure(self, user, root, slug, params, fmt, runs) -> dict:
        def once():
            t0 = time.perf_counter()
            report = produce(user=user, slug=slug, unit_code=root.code, **params)
            t1 = time.perf_counter()
            content = render(report, fmt)[0]
            t2 = time.perf_counter()
            return report, content, t1 - t0, t2 - t1

        once()  # warm-up (fonts, caches)
        builds, renders = [], []
        for _ in range(runs):
            with CaptureQueriesContext(connection) as ctx:
                report, content, build, rendering = once()
            builds.append(build)
            renders.append(rendering)
        tracemalloc.start()
        once()
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return {
            "rows": sum(len(t.rows) for t in report.tables),
            "queries": len(ctx.captured_queries),
            "build": statistics.median(builds),
            "render": statistics.median(renders),
            "peak_mb": peak / 1024 / 1024,
            "size": len(content),
        }
