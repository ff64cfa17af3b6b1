#!/usr/bin/env python
"""Load benchmark (not a timed test): N logged-in users against the production server (gunicorn,
deploy/gunicorn.conf.py) and, in the same run, the development server, on the province dataset;
prints requests/s, p50 and p95 for the dashboard, the candidate list, a candidate page and the
deadline board. Loopback addresses only.

    SQLITE_PATH=var/bench.sqlite3 .venv/bin/python scripts/bench_load.py --users 16
    scripts/with_postgres.sh .venv/bin/python scripts/bench_load.py --users 16
    ... --target nginx=http://127.0.0.1:18080   (also measure a server started by hand, e.g. two
                                                gunicorn nodes behind nginx: README "Mở rộng")

The database gets the province dataset (`generate_dataset --scale province`) when it has no
candidates yet, and N users of the province's organization board (bench01...).
"""

import argparse
import http.cookiejar
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# The servers run with the production settings over plain HTTP on the loopback.
os.environ.update(
    {
        "DEMO": "0",
        "DEBUG": "0",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "AXES_ENABLED": "0",
        "LOG_LEVEL": "WARNING",
        "GUNICORN_ACCESS_LOG": "",
    }
)
os.environ.setdefault("SECRET_KEY", "bench-load-only-" + "k" * 40)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recruitment.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.urls import reverse  # noqa: E402

from candidates.models import Candidate  # noqa: E402
from units.models import Assignment, PartyUnit, Role, UnitKind  # noqa: E402

PASSWORD = "Bench@Load2026"
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")


def prepare(users: int) -> tuple[list[str], dict[str, str]]:
    call_command("migrate", verbosity=0)
    if not Candidate.objects.exists():
        print("== generate_dataset --scale province (about a minute)", flush=True)
        call_command("generate_dataset", scale="province", today="22/11/2026", verbosity=0)
    province = PartyUnit.objects.filter(kind=UnitKind.PROVINCE).order_by("path").first()
    names = []
    User = get_user_model()
    for i in range(1, users + 1):
        name = f"bench{i:02d}"
        user, created = User.objects.get_or_create(username=name, defaults={"first_name": "Bench"})
        if created:
            user.set_password(PASSWORD)
            user.save()
            Assignment.objects.create(user=user, unit=province, role=Role.ORG_BOARD)
        names.append(name)
    candidate = Candidate.objects.filter(cell__path__startswith=province.path).order_by("id")[500]
    pages = {
        "dashboard": reverse("quotas-dashboard"),
        "candidate list": reverse("candidates-list"),
        "candidate page": reverse("candidates-detail", args=[candidate.pk]),
        "deadline board": reverse("candidates-board"),
    }
    connection.close()
    return names, pages


def start(kind: str, port: int, workers: int | None) -> subprocess.Popen:
    env = dict(os.environ)
    if kind == "gunicorn":
        env["GUNICORN_BIND"] = f"127.0.0.1:{port}"
        if workers:
            env["GUNICORN_WORKERS"] = str(workers)
        cmd = [GUNICORN, "-c", "deploy/gunicorn.conf.py", "recruitment.wsgi"]
    else:
        # A thread per request: kept connections would pile up until PostgreSQL refuses more.
        env["DB_CONN_MAX_AGE"] = "0"
        cmd = [PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"]
    # A session of its own: with the kernel's autogroup scheduling, processes of one session share one
    # CPU share, and five gunicorn workers would otherwise starve this script's client threads.
    process = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(base + reverse("login"), timeout=2)
            return process
        except OSError:
            time.sleep(0.5)
    process.terminate()
    raise SystemExit(f"{kind} did not answer on {base}")


def login(base: str, username: str) -> urllib.request.OpenerDirector:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(base + reverse("login"), timeout=30).read()
    token = next(c.value for c in jar if c.name == "csrftoken")
    body = urllib.parse.urlencode({"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token}).encode()
    request = urllib.request.Request(base + reverse("login"), data=body, headers={"Referer": base + reverse("login")})
    response = opener.open(request, timeout=30)
    if response.url.endswith(reverse("login")):
        raise SystemExit(f"login of {username} failed on {base}")
    return opener


def hammer(base: str, openers: list, path: str, seconds: float) -> tuple[float, list[float], int]:
    times: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def run(opener):
        nonlocal errors
        while time.monotonic() < stop_at:
            started = time.monotonic()
            try:
                response = opener.open(base + path, timeout=60)
                response.read()
                ok = response.status == 200 and response.url == base + path  # not sent to the login page
            except OSError:
                ok = False
            with lock:
                if ok:
                    times.append(time.monotonic() - started)
                else:
                    errors += 1

    began = time.monotonic()
    threads = [threading.Thread(target=run, args=(o,)) for o in openers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.monotonic() - began, times, errors


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10.0, help="per page and server")
    parser.add_argument("--servers", default="runserver,gunicorn")
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers (default: its config)")
    parser.add_argument("--target", action="append", default=[], help="name=http://127.0.0.1:PORT (already running)")
    parser.add_argument("--port", type=int, default=18700)
    parser.add_argument("--pages", default="", help="comma-separated subset, e.g. 'dashboard,candidate page'")
    args = parser.parse_args()

    users, pages = prepare(args.users)
    if args.pages:
        pages = {name: path for name, path in pages.items() if name in args.pages.split(",")}
    print(
        f"== {connection.vendor}, {Candidate.objects.count():,} candidates, {args.users} users, "
        f"{args.seconds:g} s per page, {os.cpu_count()} CPU, load average {os.getloadavg()[0]:.1f}"
    )
    targets = []
    for i, kind in enumerate(k for k in args.servers.split(",") if k):
        targets.append((kind, f"http://127.0.0.1:{args.port + i}", kind))
    for item in args.target:
        name, _, url = item.partition("=")
        host = urllib.parse.urlparse(url).hostname
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise SystemExit("loopback addresses only")
        targets.append((name, url.rstrip("/"), None))

    processes = []
    try:
        sessions = {}
        for name, base, kind in targets:
            if kind:
                processes.append(start(kind, int(base.rsplit(":", 1)[1]), args.workers))
            sessions[name] = [login(base, u) for u in users]
        # Page by page, each server in turn: a busy moment of the machine hits them alike.
        print(f"{'server':<14} {'page':<15} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'errors':>6}")
        for page, path in pages.items():
            for name, base, _ in targets:
                hammer(base, sessions[name], path, 1.0)  # warm up: caches, connections, the workers' imports
                elapsed, times, errors = hammer(base, sessions[name], path, args.seconds)
                print(
                    f"{name:<14} {page:<15} {len(times) / elapsed:>7.1f} {pct(times, 50) * 1000:>8.0f} "
                    f"{pct(times, 95) * 1000:>8.0f} {errors:>6}",
                    flush=True,
                )
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)


if __name__ == "__main__":
    main()
