"""Benchmark of the quota progress (not a test): on a dataset made by generate_dataset, the time and
query count of unit_progress for the province and for one commune, and of the dashboard page through
the Django test client, each beside the time of the one raw SQL aggregate that returns the same
admitted-per-child numbers (the floor).

    SQLITE_PATH=var/bench.sqlite3 python manage.py bench_progress
    scripts/with_postgres.sh sh -c 'python manage.py migrate -v0 && \
        python manage.py generate_dataset --scale province && python manage.py bench_progress'
"""

import datetime
import statistics
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quotas.selectors import certificate_threshold, unit_progress
from units.models import Assignment, PartyUnit, Role, UnitKind

# The floor: admitted per child in one aggregate. {under} is the subtree test each database answers
# from an index (LIKE 'p%' on PostgreSQL, a range on SQLite; see quotas.selectors.under).
FLOOR_SQL = """
SELECT substr(u.path, 1, %s) AS prefix, count(*)
FROM candidates_candidate c JOIN units_partyunit u ON u.id = c.admitting_unit_id
WHERE {under} AND c.decision_date >= %s AND c.decision_date <= %s
GROUP BY substr(u.path, 1, %s)
"""
# The pipeline part of the forecast per child, the other large aggregate the dashboard needs.
PIPELINE_SQL = """
SELECT substr(u.path, 1, %s), sum(CASE WHEN c.stage = 'proposed' THEN 1 ELSE 0 END),
       sum(CASE WHEN c.stage = 'trained' AND c.certificate_date >= %s THEN 1 ELSE 0 END)
FROM candidates_candidate c JOIN units_partyunit u ON u.id = c.cell_id
WHERE {under} AND c.is_open AND c.stage IN ('proposed', 'trained')
GROUP BY substr(u.path, 1, %s)
"""


def _under_sql(path: str) -> tuple[str, list]:
    if connection.vendor == "sqlite":
        return "u.path >= %s AND u.path < %s", [path, path + "["]
    return "u.path LIKE %s", [path + "%"]


def _timed(fn, runs: int) -> tuple[float, float, int, object]:
    """(median ms, min ms, queries of one run, last result) after one warm-up run."""
    fn()
    times = []
    queries = 0
    result = None
    for i in range(runs):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            result = fn()
            times.append((time.perf_counter() - start) * 1000)
        if i == 0:
            queries = len(ctx.captured_queries)
    return statistics.median(times), min(times), queries, result


class Command(BaseCommand):
    help = "Đo thời gian và số truy vấn của tiến độ chỉ tiêu trên bộ dữ liệu lớn (không phải kiểm thử)."

    def add_arguments(self, parser):
        parser.add_argument("--province", default=None, help="code of the province (default: the largest GP/GN one)")
        parser.add_argument("--year", type=int, default=None)
        parser.add_argument("--as-of", default=None, help="dd/mm/yyyy (default today)")
        parser.add_argument("--runs", type=int, default=7)

    def handle(self, *args, province, year, as_of, runs, **options):
        as_of = datetime.datetime.strptime(as_of, "%d/%m/%Y").date() if as_of else datetime.date.today()
        year = year or as_of.year
        qs = PartyUnit.objects.filter(depth=1, kind=UnitKind.PROVINCE)
        root = (
            qs.filter(code=province).first()
            if province
            else qs.filter(code__startswith="G").order_by("-numchild").first()
        )
        if root is None:
            raise CommandError("Chưa có bộ dữ liệu: chạy generate_dataset trước.")
        commune = (
            PartyUnit.objects.filter(path__startswith=root.path, depth=2, kind=UnitKind.COMMUNE)
            .order_by("path")
            .first()
        )
        user, _ = get_user_model().objects.get_or_create(username="bench.tinh", defaults={"is_staff": True})
        Assignment.objects.get_or_create(user=user, unit=root, role=Role.ORG_BOARD)
        client = Client()
        client.force_login(user)
        vendor = f"{connection.vendor} {connection.Database.sqlite_version if connection.vendor == 'sqlite' else ''}"
        self.stdout.write(f"== {vendor.strip()} · {year}, đến {as_of:%d/%m/%Y} · median of {runs} runs (ms)")
        self.stdout.write(
            f"{'what':<34}{'median':>9}{'min':>9}{'queries':>9}{'floor':>9}{'ratio':>8}{'floor2':>9}{'ratio2':>8}"
        )
        for unit in (root, commune):
            unit.refresh_from_db()
            subtree = PartyUnit.objects.filter(path__startswith=unit.path).count()

            child_len = len(unit.path) + unit.steplen
            under, under_params = _under_sql(unit.path)

            def floor(unit=unit, child_len=child_len, under=under, under_params=under_params):
                with connection.cursor() as cursor:
                    params = [child_len, *under_params, datetime.date(year, 1, 1), as_of, child_len]
                    cursor.execute(FLOOR_SQL.format(under=under), params)
                    return dict(cursor.fetchall())

            def floor_all(unit=unit, child_len=child_len, under=under, under_params=under_params):
                rows = floor()
                with connection.cursor() as cursor:
                    params = [child_len, certificate_threshold(year), *under_params, child_len]
                    cursor.execute(PIPELINE_SQL.format(under=under), params)
                    return rows, cursor.fetchall()

            f_med, _, _, floor_rows = _timed(floor, runs)
            fa_med, _, _, _ = _timed(floor_all, runs)
            p_med, p_min, p_q, progress = _timed(
                lambda unit=unit: unit_progress(unit=unit, year=year, as_of=as_of), runs
            )
            assert {r.unit.path: r.admitted for r in progress.children if r.admitted} == floor_rows, "numbers differ"
            url = reverse("quotas-unit", args=[unit.code]) + f"?nam={year}&ngay={as_of:%d/%m/%Y}"

            def page(url=url):
                response = client.get(url, secure=True)
                assert response.status_code == 200, response.status_code
                return response

            d_med, d_min, d_q, _ = _timed(page, runs)
            label = f"{unit.code} ({subtree} units, {progress.admitted} admitted)"
            self.stdout.write(label)
            for what, med, low, queries in (
                ("  unit_progress", p_med, p_min, p_q),
                ("  dashboard page (test client)", d_med, d_min, d_q),
            ):
                self.stdout.write(
                    f"{what:<34}{med:>9.1f}{low:>9.1f}{queries:>9}{f_med:>9.1f}{med / f_med:>8.1f}"
                    f"{fa_med:>9.1f}{med / fa_med:>8.1f}"
                )
        self.stdout.write(
            "floor = the one raw aggregate of admitted per child; floor2 = it plus the raw aggregate of the\n"
            "pipeline per child (proposed, trained with a valid certificate) that the forecast needs."
        )
