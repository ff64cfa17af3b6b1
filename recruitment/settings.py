"""One settings file, every deployment value from the environment (see .env.example)."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def _load_dotenv(path: Path) -> None:
    """Read KEY=VALUE lines of a local .env without overriding the real environment."""
    if not path.exists():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            os.environ.setdefault(key.strip(), value.strip())


_load_dotenv(BASE_DIR / ".env")


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name, "")
    if value == "":
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Off unless set: production is the default; `make run` (DEMO=1) and tests relax what they need.
DEBUG = envbool("DEBUG", False)
# DEMO=1: the one-command demo (`make run`): demo banner on every page, local generated secret key.
DEMO = envbool("DEMO", False)

# Every file the app writes (SQLite database, uploads, job results, backups) is private to the
# service user: 0600 files, 0700 folders. Static files get their own modes (STORAGES below).
os.umask(0o077)


def _private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if path.stat().st_mode & 0o077 and os.access(path, os.W_OK):
        path.chmod(0o700)  # made before this rule (or by hand)
    return path


def _local_secret_key() -> str:
    """A random key kept in var/ for a local run without SECRET_KEY (never the same on two machines)."""
    import secrets

    path = _private_dir(BASE_DIR / "var") / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


# Production refuses to start without SECRET_KEY (shared by every web node and worker); the key
# generated into var/ is only for the demo and development (DEMO=1 or DEBUG=1) and the tests.
SECRET_KEY = os.environ.get("SECRET_KEY", "").strip()
if not SECRET_KEY:
    if not (DEBUG or DEMO):
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            "Chưa đặt SECRET_KEY: máy chủ thật không chạy khi thiếu khóa bí mật. Đặt SECRET_KEY trong "
            "/etc/dangvien/dangvien.env (xem deploy/dangvien.env.example), hoặc DEMO=1 để chạy thử."
        )
    SECRET_KEY = _local_secret_key()
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "recruitment.admin_site.RecruitmentAdminConfig",  # django.contrib.admin, limited for staff (ADMIN_STAFF_MODELS)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "treebeard",
    "axes",
    "simple_history",
    "import_export",
    "django_tasks",
    "django_tasks_db",
    "vietnamese",
    "jobs",
    "recruitment",
    "units",
    "candidates",
    "quotas",
    "reports",
    "imports",
    "reminders",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "recruitment.middleware.SessionRefreshMiddleware",
    "recruitment.middleware.RequestLogMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "vietnamese.middleware.MethodNotAllowedPageMiddleware",
    # AxesMiddleware must be last: it turns a lock-out into the Vietnamese lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "recruitment.urls"
WSGI_APPLICATION = "recruitment.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "recruitment.context.demo",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "recruitment.guide.help_section",
            ],
        },
    },
]

# Database: SQLite file under var/ by default; DATABASE_URL=postgres://... for PostgreSQL.
_private_dir(BASE_DIR / "var")
_db_url = os.environ.get("DATABASE_URL", "").strip()
if _db_url:
    DATABASES = {"default": dj_database_url.parse(_db_url, conn_max_age=envint("DB_CONN_MAX_AGE", 60))}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(BASE_DIR / "var" / "db.sqlite3")),
            # Kept open between requests: opening a WAL database costs little, but closing its last
            # connection checkpoints the WAL, which the other gunicorn processes then wait for.
            "CONN_MAX_AGE": envint("DB_CONN_MAX_AGE", 60),
            "OPTIONS": {
                # WAL lets readers work while one writer writes; IMMEDIATE takes the write lock
                # at BEGIN so two writers queue (busy timeout) instead of failing mid-transaction.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            },
        }
    }
    for _suffix in ("", "-wal", "-shm"):  # a database made before files were private
        _file = Path(DATABASES["default"]["NAME"] + _suffix)
        if _file.exists() and _file.stat().st_mode & 0o077 and os.access(_file, os.W_OK):
            _file.chmod(0o600)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sessions expire after inactivity, without a write on every request: SessionRefreshMiddleware saves
# the session again (renewing its expiry) only when SESSION_REFRESH_SECONDS have passed since the
# last save, so a user idle for SESSION_IDLE_MINUTES minus at most that is logged out.
SESSION_COOKIE_AGE = envint("SESSION_IDLE_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_REFRESH_SECONDS = envint("SESSION_REFRESH_SECONDS", 120)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Login throttling (django-axes): lock a username+IP pair after repeated failures.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = envint("AXES_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_ENABLED = envbool("AXES_ENABLED", True)

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
LOCALE_PATHS = [BASE_DIR / "locale"]  # Vietnamese for simple_history and axes, which ship none
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["vietnamese.formats"]
FILTERS_EMPTY_CHOICE_LABEL = "Tất cả"  # django-filter's empty choice (default "---------")

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Outside var/ in production (STATIC_ROOT=/srv/dangvien/static) so that nginx may read it.
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", str(BASE_DIR / "var" / "staticfiles")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Django chmods stored files itself (0644 by default): keep them private too.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
MEDIA_ROOT = _private_dir(Path(os.environ.get("MEDIA_ROOT", str(BASE_DIR / "var" / "media"))))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage",
        # Public files (CSS, JS, fonts): readable by nginx, unlike everything else the app writes.
        "OPTIONS": {"file_permissions_mode": 0o644, "directory_permissions_mode": 0o755},
    },
}
# Several web nodes: uploads and job results on shared storage through django-storages (S3-compatible,
# e.g. MinIO on the office network): STORAGE_S3_BUCKET=... (see README, "Mở rộng").
if os.environ.get("STORAGE_S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["STORAGE_S3_BUCKET"],
            "endpoint_url": os.environ.get("STORAGE_S3_ENDPOINT") or None,
            "default_acl": "private",
            "querystring_auth": True,
        },
    }
# The app serves its own static files (no CDN, offices run on a LAN); finders let it
# work before collectstatic has been run.
WHITENOISE_USE_FINDERS = True

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# Security: strict by default when DEBUG is off (check --deploy passes); each can be relaxed by env.
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", not DEBUG)
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if envbool("BEHIND_PROXY", False) else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # probes on the loopback speak plain HTTP
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Imports
IMPORT_MAX_UPLOAD_BYTES = envint("IMPORT_MAX_UPLOAD_MB", 10) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = IMPORT_MAX_UPLOAD_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = IMPORT_MAX_UPLOAD_BYTES + 1024 * 1024

# Background jobs (django-tasks with the ORM queue of django-tasks-db; `manage.py worker` runs them).
# TASKS_BACKEND=immediate runs each job inside the request instead (no worker; for a quick trial only).
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[os.environ.get("TASKS_BACKEND", "database")],
        "QUEUES": ["default"],
    }
}
JOBS_STALE_SECONDS = envint("JOBS_STALE_SECONDS", 300)  # a running job silent this long lost its worker
JOBS_MAX_ATTEMPTS = envint("JOBS_MAX_ATTEMPTS", 2)  # a job whose worker died is run again up to this
JOBS_HEARTBEAT_SECONDS = envint("JOBS_HEARTBEAT_SECONDS", 10)
# An import confirmed with at least this many rows runs as a background job (progress bar, result page).
IMPORT_BACKGROUND_ROWS = envint("IMPORT_BACKGROUND_ROWS", 2000)
# Documents of more pages than this (a big class's certificates) are made by the worker.
DOCUMENTS_BACKGROUND_PAGES = envint("DOCUMENTS_BACKGROUND_PAGES", 50)

# E-mail (the daily reminder digest): SMTP from the environment; the console backend when no
# EMAIL_HOST is set (the demo prints the e-mails). SITE_URL: the address put in e-mails and calendars.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = envint("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", True)
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "nhac-viec@localhost")
SITE_URL = os.environ.get("SITE_URL", "")

# Quotas: a cell with no admission in the last N years is flagged
QUOTA_IDLE_YEARS = envint("QUOTA_IDLE_YEARS", 2)

# Working-day calendar (candidates.workdays): the years it vouches for. Public holidays come from
# python-holidays (any year); a deadline counted through a year outside this range is a warning.
WORKING_CALENDAR_FIRST_YEAR = envint("WORKING_CALENDAR_FIRST_YEAR", 1995)
WORKING_CALENDAR_LAST_YEAR = envint("WORKING_CALENDAR_LAST_YEAR", 2100)

# Logs: JSON lines on stdout (journald / docker logs collect them), each with the request id and
# the user id, never names, ID numbers or query strings (personal data). LOG_FORMAT=text for humans.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request": {"()": "recruitment.logs.RequestContextFilter"}},
    "formatters": {
        "json": {"()": "recruitment.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s u=%(user_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request"],
            "formatter": os.environ.get("LOG_FORMAT", "json"),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Request lines come from RequestLogMiddleware (path without the query string).
        "django.server": {"level": "WARNING"},
        "django.request": {"level": "ERROR"},
        "axes": {"level": "WARNING"},
    },
}

# The regulation's unconfirmed values (candidates/rules.py): the youth age of the Đoàn route, and
# whether papers older than 12 months at the cell's meeting block ("block") or only warn ("warn").
CANDIDATES_YOUTH_UNION_MAX_AGE = envint("CANDIDATES_YOUTH_UNION_MAX_AGE", 30)
CANDIDATES_STALE_PAPERS = os.environ.get("CANDIDATES_STALE_PAPERS", "warn").strip().lower() or "warn"
# A mistaken pipeline step may be voided (candidates.services.voids) this many days after it was entered.
VOID_WINDOW_DAYS = envint("VOID_WINDOW_DAYS", 30)
# Backups (`manage.py backup`) and housekeeping (`manage.py housekeeping`).
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", str(BASE_DIR / "var" / "backups")))
HOUSEKEEPING_AXES_DAYS = envint("HOUSEKEEPING_AXES_DAYS", 30)  # lock-out records kept this long
HOUSEKEEPING_UPLOAD_DAYS = envint("HOUSEKEEPING_UPLOAD_DAYS", 2)  # kept import uploads
HOUSEKEEPING_JOB_DAYS = envint("HOUSEKEEPING_JOB_DAYS", 90)  # finished jobs and their result files
# /healthz: the worker is down when its last heartbeat is older than this; the queue is stuck when
# its oldest waiting job is older than HEALTH_QUEUE_MAX_AGE seconds.
HEALTH_WORKER_MAX_AGE = envint("HEALTH_WORKER_MAX_AGE", 120)
HEALTH_QUEUE_MAX_AGE = envint("HEALTH_QUEUE_MAX_AGE", 900)
# ==== Issue 14: personal data protection (branch i14) — kept in one block ============================
# Spreadsheet grid limits, checked from the file's own metadata before any parser reads values
# (spreadsheets/limits.py): rows and columns per sheet (by the last one's number), cells per sheet
# (rows × columns) and per file, sheets per file, characters per cell (a CSV field over it is refused).
IMPORT_MAX_ROWS = envint("IMPORT_MAX_ROWS", 100_000)
IMPORT_MAX_COLUMNS = envint("IMPORT_MAX_COLUMNS", 200)
IMPORT_MAX_CELLS = envint("IMPORT_MAX_CELLS", 1_000_000)
IMPORT_MAX_FILE_CELLS = envint("IMPORT_MAX_FILE_CELLS", 2_000_000)
IMPORT_MAX_SHEETS = envint("IMPORT_MAX_SHEETS", 50)
IMPORT_MAX_CELL_CHARS = envint("IMPORT_MAX_CELL_CHARS", 32_767)

# Accounts: second factor (django-otp: TOTP apps + single-use recovery codes), required for these roles
# and for staff/superusers (the admin); optional for the others. accounts.middleware enforces it.
INSTALLED_APPS += ["django_otp", "django_otp.plugins.otp_totp", "django_otp.plugins.otp_static", "accounts"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django_otp.middleware.OTPMiddleware") + 1, "accounts.middleware.TwoFactorMiddleware"
)
TWO_FACTOR_REQUIRED_ROLES = envlist("TWO_FACTOR_REQUIRED_ROLES", "org_board,committee")
OTP_TOTP_ISSUER = "Quản lý phát triển đảng viên"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # the admin never shows a device's secret key
OTP_TOTP_THROTTLE_FACTOR = 1  # seconds of delay doubling after each wrong code
# Passwords: at least 12 characters, not a common password (Django's list of 20.000), not all digits.
AUTH_PASSWORD_VALIDATORS[1] = {
    "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
    "OPTIONS": {"min_length": 12},
}
# Lock-out: axes counts failures per (username, client IP), so a stranger elsewhere cannot lock out a
# colleague; one address failing across many usernames is refused too (accounts.lockout). The client IP
# is taken from X-Forwarded-For only when the request comes from one of TRUSTED_PROXIES.
TRUSTED_PROXIES = envlist("TRUSTED_PROXIES", "")
AXES_CLIENT_IP_CALLABLE = "accounts.client_ip.client_ip"
AXES_IP_VOLUME_LIMIT = envint("AXES_IP_VOLUME_LIMIT", 30)

# Access log of personal data (audit): kept this many days, then removed by
# audit.services.prune_access_log(now) (the housekeeping job); CCCD search terms are stored as an
# HMAC under ACCESS_LOG_HASH_KEY (default: derived from SECRET_KEY).
INSTALLED_APPS += ["audit", "csp"]
ACCESS_LOG_RETENTION_DAYS = envint("ACCESS_LOG_RETENTION_DAYS", 730)
ACCESS_LOG_HASH_KEY = os.environ.get("ACCESS_LOG_HASH_KEY", "")

# Headers: a Content-Security-Policy the app's own pages satisfy (no inline script or style: static
# files only; the admin alone may use inline style attributes), and Cache-Control: no-store on every
# page and download (accounts.middleware.PrivateResponseMiddleware).
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1, "csp.middleware.CSPMiddleware")
MIDDLEWARE.insert(MIDDLEWARE.index("csp.middleware.CSPMiddleware") + 1, "accounts.middleware.PrivateResponseMiddleware")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Data subject's rights: exited non-members are anonymized this many years after their exit
# (candidates.privacy.anonymize_exited, command anonymize_exited; past statistics keep their counts).
PERSONAL_DATA_RETENTION_YEARS = envint("PERSONAL_DATA_RETENTION_YEARS", 5)
# ==== end of issue 14 block ===========================================================================

# The admin models open to staff who are not superusers (recruitment/admin_site.py); users, groups,
# assignments, second-factor devices, login records and jobs never are, even if listed here.
ADMIN_STAFF_MODELS = envlist("ADMIN_STAFF_MODELS", "candidates.holiday,reports.numberingterm")
