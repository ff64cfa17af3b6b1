"""gunicorn settings (`gunicorn -c deploy/gunicorn.conf.py recruitment.wsgi`). Each can be changed by
an environment variable of the same name in capitals (GUNICORN_WORKERS=4 ...)."""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


# Where nginx sends the requests (loopback only; nginx faces the network).
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# The app is CPU-bound Python with short database calls: about two processes per core, plus one.
workers = _int("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1)
threads = _int("GUNICORN_THREADS", 1)
# Reports of a whole province take a few seconds; an import preview of a large file up to a minute.
timeout = _int("GUNICORN_TIMEOUT", 120)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# A worker is replaced after this many requests (bounded memory over months of running).
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 200)
# Import the app once in the master: less memory, and a broken configuration stops the start at once.
preload_app = True
# Behind nginx on the same machine: trust its X-Forwarded-* headers.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Access log on stdout, one JSON object per line: the path without its query string (a search may
# hold a person's name), the status, the time, and the request id the app returns.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None  # empty: no access log
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = (
    '{"ts": "%(t)s", "logger": "gunicorn.access", "method": "%(m)s", "path": "%(U)s", "status": %(s)s, '
    '"bytes": "%(B)s", "ms": %(M)s, "request_id": "%({x-request-id}o)s"}'
)
# No temporary files on a RAM-less /tmp surprise: the heartbeat files of the workers go to /dev/shm.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# systemd (or make serve) manages the processes: no control socket in the service user's home.
control_socket_disable = True
