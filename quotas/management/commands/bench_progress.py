"""Benchmark of the quota progress (not a test): on a dataset made by generate_dataset, the time and
query count of unit_progress for the province and for one commune, and of the dashboard page through
the Django test client, each beside the time of the floor: ONE raw SQL statement that returns the same
numbers (FULL_FLOOR_SQL, checked equal to unit_progress's), and of the raw aggregate of the admitted per
child alone (floor1). The target: the dashboard within 3x of the floor.

    SQLITE_PATH=var/bench.sqlite3 python manage.py bench_progress
    scripts/with_postgres.sh sh -c 'python manage.py migrate -v0 && \
        python manage.py generate_dataset --scale province && python manage.py bench_progress'
"""

import datetime
import logging
import statistics
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.testing import VerifiedClient as Client
from quotas.selectors import certificate_threshold, unit_progress
from units.models import CELL_KINDS, GRASSROOTS_KINDS, Assignment, PartyUnit, Role, UnitKind

# floor1: admitted per child in one aggregate. {under} is the subtree test each database answers
# from an index (LIKE 'p%' on PostgreSQL, a range on SQLite; see quotas.selectors.under).
ADMITTED_SQL = """
SELECT substr(u.path, 1, %s) AS prefix, count(*)
FROM candidates_candidate c JOIN units_partyunit u ON u.id = c.admitting_unit_id
WHERE {under} AND c.decision_date >= %s AND c.decision_date <= %s
GROUP BY substr(u.path, 1, %s)
"""
# Everything the dashboard shows, in ONE statement: the floor the dashboard is measured against.
# Rows are (what, key, a, b, c, d):
#   child      prefix of a child   admitted
#   month      -                   month, admitted
#   pipe       prefix of a child   proposed, trained with a certificate valid at year end
#   quota      path (unit, child)  target
#   grassroots -                   total, with a quota, met, without admission
#   idle       -                   cells with no admission since idle_since
FULL_FLOOR_SQL = """
WITH sub AS (
    SELECT id, path, depth, kind, valid_from, valid_to FROM units_partyunit u WHERE {under}
), adm AS (
    SELECT s.path, {month} AS m, count(*) AS n
    FROM candidates_candidate c JOIN sub s ON s.id = c.admitting_unit_id
    WHERE c.decision_date >= %(start)s AND c.decision_date <= %(as_of)s
    GROUP BY 1, 2
), pipe AS (
    SELECT substr(s.path, 1, %(child_len)s) AS prefix, count(c.stage) FILTER (WHERE c.stage = 'proposed') AS p,
           count(c.stage) FILTER (WHERE c.stage = 'trained' AND c.certificate_date >= %(cert_from)s) AS t
    FROM candidates_candidate c JOIN sub s ON s.id = c.cell_id
    WHERE c.is_open AND c.stage IN ('proposed', 'trained')
    GROUP BY 1
), g AS (
    SELECT s.path, q.target
    FROM sub s LEFT JOIN quotas_quota q ON q.unit_id = s.id AND q.year = %(year)s
    WHERE s.kind IN {grassroots_kinds} AND (s.valid_to IS NULL OR s.valid_to >= %(start)s OR s.id = %(unit_id)s)
), g_adm AS (
    -- admitted per grassroots path: every admitting path cut at each grassroots path length
    SELECT substr(a.path, 1, l.len) AS path, sum(a.n) AS n
    FROM adm a JOIN (SELECT DISTINCT length(path) AS len FROM g) l ON length(a.path) >= l.len
    GROUP BY 1
), g_hit AS (
    -- the grassroots units that admitted someone (a seek on the units' path index per prefix)
    SELECT u.id, ga.n
    FROM g_adm ga JOIN units_partyunit u ON u.path = ga.path
    WHERE u.kind IN {grassroots_kinds} AND (u.valid_to IS NULL OR u.valid_to >= %(start)s OR u.id = %(unit_id)s)
)
SELECT 'child', substr(path, 1, %(child_len)s), sum(n), CAST(NULL AS bigint), CAST(NULL AS bigint),
       CAST(NULL AS bigint)
FROM adm GROUP BY 2
UNION ALL SELECT 'month', NULL, m, sum(n), NULL, NULL FROM adm GROUP BY m
UNION ALL
SELECT 'pipe', prefix, p, t, NULL, NULL FROM pipe
UNION ALL
SELECT 'quota', s.path, q.target, NULL, NULL, NULL
FROM sub s JOIN quotas_quota q ON q.unit_id = s.id AND q.year = %(year)s
WHERE s.id = %(unit_id)s OR (s.depth = %(child_depth)s AND (s.valid_to IS NULL OR s.valid_to >= %(start)s))
UNION ALL
SELECT 'grassroots', NULL, (SELECT count(*) FROM g), (SELECT count(target) FROM g),
       (SELECT count(*) FROM g_hit h JOIN quotas_quota q ON q.unit_id = h.id AND q.year = %(year)s WHERE h.n >= q.target),
       (SELECT count(*) FROM g) - (SELECT count(*) FROM g_hit)
UNION ALL
SELECT 'idle', NULL, count(*), NULL, NULL, NULL
FROM sub s
WHERE s.kind IN {cell_kinds} AND s.valid_to IS NULL AND (s.valid_from IS NULL OR s.valid_from <= %(idle_since)s)
  AND NOT EXISTS (
    SELECT 1 FROM candidates_candidate c
    WHERE c.admitting_unit_id = s.id AND c.decision_date >= %(idle_since)s AND c.decision_date <= %(as_of)s
  )
"""


def _under_sql(path: str) -> tuple[str, list]:
    if connection.vendor == "sqlite":
        return "u.path >= %s AND u.path < %s", [path, path + "["]
    return "u.path LIKE %s", [path + "%"]


def _sql_tuple(values) -> str:
    """A literal IN list of our own constants (unit kinds), never user input."""
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


def full_floor(unit: PartyUnit, year: int, as_of: datetime.date) -> dict:
    """Run FULL_FLOOR_SQL for a unit; its numbers in the shape unit_progress gives them."""
    sqlite = connection.vendor == "sqlite"
    under = "u.path >= %(lo)s AND u.path < %(hi)s" if sqlite else "u.path LIKE %(lo)s"
    month = (
        "CAST(substr(c.decision_date, 6, 2) AS integer)"
        if sqlite
        else "CAST(EXTRACT(MONTH FROM c.decision_date) AS integer)"
    )
    sql = FULL_FLOOR_SQL.format(
        under=under,
        month=month,
        grassroots_kinds=_sql_tuple(GRASSROOTS_KINDS),
        cell_kinds=_sql_tuple(CELL_KINDS),
    )
    idle_years = max(int(getattr(settings, "QUOTA_IDLE_YEARS", 2)), 1)
    params = {
        "lo": unit.path if sqlite else unit.path + "%",
        "hi": unit.path + "[",
        "start": datetime.date(year, 1, 1),
        "as_of": as_of,
        "cert_from": certificate_threshold(year),
        "year": year,
        "unit_id": unit.pk,
        "child_len": len(unit.path) + unit.steplen,
        "child_depth": unit.depth + 1,
        "idle_since": datetime.date(year - idle_years + 1, 1, 1),
    }
    numbers = {"child": {}, "month": {}, "pipe": {}, "quota": {}, "grassroots": (0, 0, 0, 0), "idle": 0}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for what, key, a, b, c, d in cursor.fetchall():
            if what == "child":
                numbers["child"][key] = a
            elif what == "month":
                numbers["month"][a] = b
            elif what == "pipe":
                numbers["pipe"][key] = (a, b)
            elif what == "quota":
                numbers["quota"][key] = a
            elif what == "grassroots":
                numbers["grassroots"] = (a, b or 0, c or 0, d or 0)
            else:
                numbers["idle"] = a
    return numbers


def progress_numbers(progress) -> dict:
    """unit_progress's numbers in full_floor's shape, to check that both say the same."""
    rows = [progress, *progress.children]
    return {
        "child": {r.unit.path: r.admitted for r in progress.children if r.admitted},
        "month": {p.number: p.admitted for p in progress.months if p.admitted},
        "pipe": {r.unit.path: (r.proposed, r.trained) for r in progress.children if r.proposed or r.trained},
        "quota": {r.unit.path: r.target for r in rows if r.target is not None},
        "grassroots": (
            progress.grassroots_total,
            progress.grassroots_with_quota,
            progress.grassroots_met,
            progress.grassroots_without_admission,
        ),
        "idle": progress.idle_cells_count,
    }


def _timed_together(fns: dict, runs: int) -> dict:
    """{name: (median ms, min ms, queries of one run, last result)}. The functions run in turn, one
    round after another (after one warm-up round), so a slow moment of the machine falls on all of them
    alike and the ratios between them stay fair."""
    for fn in fns.values():
        fn()
    times = {name: [] for name in fns}
    queries = {}
    results = {}
    for _ in range(runs):
        for name, fn in fns.items():
            with CaptureQueriesContext(connection) as ctx:
                start = time.perf_counter()
                results[name] = fn()
                times[name].append((time.perf_counter() - start) * 1000)
            queries.setdefault(name, len(ctx.captured_queries))
    return {name: (statistics.median(times[name]), min(times[name]), queries[name], results[name]) for name in fns}


class Command(BaseCommand):
    help = "Đo thời gian và số truy vấn của tiến độ chỉ tiêu trên bộ dữ liệu lớn (không phải kiểm thử)."

    def add_arguments(self, parser):
        parser.add_argument("--province", default=None, help="code of the province (default: the largest GP/GN one)")
        parser.add_argument("--year", type=int, default=None)
        parser.add_argument("--as-of", default=None, help="dd/mm/yyyy (default today)")
        parser.add_argument("--runs", type=int, default=21)

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
            f"{'what':<34}{'median':>9}{'min':>9}{'queries':>9}{'floor':>9}{'ratio':>8}{'floor1':>9}{'ratio1':>8}"
        )
        for unit in (root, commune):
            unit.refresh_from_db()
            subtree = PartyUnit.objects.filter(path__startswith=unit.path).count()

            child_len = len(unit.path) + unit.steplen
            under, under_params = _under_sql(unit.path)

            def floor1(child_len=child_len, under=under, under_params=under_params):
                with connection.cursor() as cursor:
                    params = [child_len, *under_params, datetime.date(year, 1, 1), as_of, child_len]
                    cursor.execute(ADMITTED_SQL.format(under=under), params)
                    return dict(cursor.fetchall())

            url = reverse("quotas-unit", args=[unit.code]) + f"?nam={year}&ngay={as_of:%d/%m/%Y}"

            def page(url=url):
                response = client.get(url, secure=True)
                assert response.status_code == 200, response.status_code
                return response

            timed = _timed_together(
                {
                    "floor1": floor1,
                    "floor": lambda unit=unit: full_floor(unit, year, as_of),
                    "progress": lambda unit=unit: unit_progress(unit=unit, year=year, as_of=as_of),
                    "page": page,
                },
                runs,
            )
            f1_med, _, _, floor1_rows = timed["floor1"]
            f_med, _, f_q, floor_numbers = timed["floor"]
            p_med, p_min, p_q, progress = timed["progress"]
            d_med, d_min, d_q, _ = timed["page"]
            if f_q != 1:
                raise CommandError(f"the floor is one statement, not {f_q}")
            # Both floors and unit_progress must give the same numbers, or the comparison means nothing.
            numbers = progress_numbers(progress)
            if numbers != floor_numbers:
                raise CommandError(f"numbers differ: progress {numbers} / floor {floor_numbers}")
            if numbers["child"] != floor1_rows:
                raise CommandError(f"admitted per child differ: {numbers['child']} / {floor1_rows}")
            label = f"{unit.code} ({subtree} units, {progress.admitted} admitted)"
            self.stdout.write(label)
            for what, med, low, queries in (
                ("  unit_progress", p_med, p_min, p_q),
                ("  dashboard page (test client)", d_med, d_min, d_q),
            ):
                self.stdout.write(
                    f"{what:<34}{med:>9.1f}{low:>9.1f}{queries:>9}{f_med:>9.1f}{med / f_med:>8.1f}"
                    f"{f1_med:>9.1f}{med / f1_med:>8.1f}"
                )
        # What any page costs before its own work: the same view asked for a unit that does not exist
        # (session, login, scope lookup, middleware and a small page), the part no floor includes.
        missing = reverse("quotas-unit", args=["KHONG-CO"])
        logging.getLogger("django.request").setLevel(logging.ERROR)  # no "Not Found" line per run
        fixed = _timed_together({"404": lambda: client.get(missing, secure=True)}, runs)["404"]
        self.stdout.write(f"{'fixed cost of a request (404 page)':<34}{fixed[0]:>9.1f}{fixed[1]:>9.1f}{fixed[2]:>9}")
        self.stdout.write(
            "floor = ONE raw SQL statement returning every number the dashboard shows (admitted, proposed,\n"
            "trained and target per child, admitted per month, grassroots totals, idle cells), checked equal\n"
            "to unit_progress's; floor1 = the raw aggregate of admitted per child alone."
        )
