"""Safe defaults: production unless told, no start without SECRET_KEY, private files, sessions not
written on every request (idle expiry kept), demo accounts never into real data, JSON logs."""

import io
import json
import logging
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.urls import reverse

from recruitment.logs import JsonFormatter, RequestContextFilter
from recruitment.middleware import REFRESHED
from units.models import PartyUnit

ROOT = Path(settings.BASE_DIR)
# What recruitment/test_settings.py put in this process's environment, left out of the fresh ones.
TEST_ONLY = {"DEBUG", "DEMO", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS"}
TEST_ONLY |= {"SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "LOG_LEVEL", "DJANGO_ALLOW_ASYNC_UNSAFE"}  # browser tests


def _clean_env() -> dict:
    return {k: v for k, v in os.environ.items() if k not in TEST_ONLY}


def _settings_in_a_fresh_process(env: dict) -> subprocess.CompletedProcess:
    clean = _clean_env()
    code = "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='recruitment.settings'; django.setup(); "
    code += "from django.conf import settings as s; print(s.DEBUG, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE)"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=clean | env, capture_output=True, text=True, timeout=60
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _settings_in_a_fresh_process({})
    assert result.returncode != 0 and "Chưa đặt SECRET_KEY" in result.stderr


def test_with_a_secret_key_only_it_is_production():
    result = _settings_in_a_fresh_process({"SECRET_KEY": "x" * 60})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "True"]  # DEBUG off, HTTPS only


def test_the_demo_uses_the_local_generated_key():
    assert _settings_in_a_fresh_process({"DEMO": "1"}).returncode == 0


def test_check_deploy_is_clean_with_only_a_secret_key():
    clean = _clean_env()
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=clean | {"SECRET_KEY": "k" * 30 + "-a-long-random-secret-key-0123456789"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_files_the_app_writes_are_private(tmp_path, settings):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    assert os.umask(0o077) == 0o077  # set by the settings for the whole process
    settings.MEDIA_ROOT = tmp_path
    name = default_storage.save("imports/1-abc.bin", ContentFile(b"data"))
    assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "imports").stat().st_mode) == 0o700
    assert stat.S_IMODE((ROOT / "var").stat().st_mode) & 0o077 == 0
    new = tmp_path / "db.sqlite3"
    new.write_bytes(b"")  # as SQLite creates its database file
    assert stat.S_IMODE(new.stat().st_mode) == 0o600


@pytest.mark.django_db
def test_a_session_is_not_written_on_every_request_but_idle_expiry_holds(client, cast, settings):
    settings.SESSION_REFRESH_SECONDS = 120
    client.force_login(cast.secretary_a)
    client.get(reverse("home"))
    key = client.session.session_key
    first = Session.objects.get(session_key=key)
    refreshed_at = first.get_decoded()[REFRESHED]
    for _ in range(3):  # within the refresh interval: no write at all
        assert client.get(reverse("home")).status_code == 200
    again = Session.objects.get(session_key=key)
    assert again.expire_date == first.expire_date and again.get_decoded()[REFRESHED] == refreshed_at

    # Pretend the last renewal was 3 minutes ago: the next request renews the expiry.
    session = client.session
    session[REFRESHED] = int(time.time()) - 180
    session.save()
    before = Session.objects.get(session_key=key).expire_date
    time.sleep(1.1)
    client.get(reverse("home"))
    after = Session.objects.get(session_key=key)
    assert after.expire_date > before and after.get_decoded()[REFRESHED] > int(time.time()) - 5

    # Idle longer than SESSION_COOKIE_AGE: the session has expired, the user logs in again.
    from django.utils import timezone

    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timezone.timedelta(seconds=1))
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_session_settings():
    assert settings.SESSION_SAVE_EVERY_REQUEST is False
    assert settings.SESSION_COOKIE_AGE == 30 * 60 and settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


@pytest.mark.django_db
def test_seed_demo_fills_an_empty_database_and_runs_again():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert "admin" in out.getvalue() and get_user_model().objects.filter(username="admin").exists()
    users = get_user_model().objects.count()
    call_command("seed_demo", stdout=io.StringIO())  # a demo database: idempotent
    assert get_user_model().objects.count() == users


@pytest.mark.django_db
def test_seed_demo_never_adds_demo_accounts_to_real_data():
    get_user_model().objects.create_superuser("quantri.tinh", password="MotMatKhauDai@2026")
    with pytest.raises(CommandError, match="đã có dữ liệu thật"):
        call_command("seed_demo", stdout=io.StringIO())
    assert list(get_user_model().objects.values_list("username", flat=True)) == ["quantri.tinh"]
    assert not PartyUnit.objects.exists()
    call_command("seed_demo", "--into-real-data", stdout=io.StringIO())  # only when asked in so many words
    assert get_user_model().objects.filter(username="admin").exists()


@pytest.mark.django_db
def test_seed_demo_refuses_imported_units(cast):
    get_user_model().objects.exclude(username="admin").delete()
    with pytest.raises(CommandError, match="đơn vị không thuộc dữ liệu mẫu"):
        call_command("seed_demo", stdout=io.StringIO())
    assert not get_user_model().objects.exists()


def test_the_demo_banner_shows_only_in_the_demo(client, db, settings):
    assert "Bản chạy thử" not in client.get(reverse("login")).content.decode()
    settings.DEMO = True
    assert "Bản chạy thử (demo)" in client.get(reverse("login")).content.decode()


def test_logs_are_json_lines_with_request_and_user_ids(client, cast):
    from recruitment.logs import request_id, user_id

    record = logging.makeLogRecord({"name": "x", "levelname": "INFO", "msg": "job finished", "job": 7})
    token_r, token_u = request_id.set("abc123def456"), user_id.set(42)
    try:
        RequestContextFilter().filter(record)
    finally:
        request_id.reset(token_r)
        user_id.reset(token_u)
    line = json.loads(JsonFormatter().format(record))
    assert line["msg"] == "job finished" and line["job"] == 7
    assert line["request_id"] == "abc123def456" and line["user_id"] == 42

    client.force_login(cast.secretary_a)
    response = client.get(reverse("home"), HTTP_X_REQUEST_ID="nginx-req-00000001")
    assert response["X-Request-ID"] == "nginx-req-00000001"
    assert len(client.get(reverse("home"), HTTP_X_REQUEST_ID="bad id<>")["X-Request-ID"]) == 16


def test_a_slow_request_is_logged_with_ids_and_without_the_query(client, cast, settings, caplog, monkeypatch):
    from recruitment import middleware

    monkeypatch.setattr(middleware.RequestLogMiddleware, "__init__", _slow_init)
    client.force_login(cast.secretary_a)
    with caplog.at_level(logging.WARNING, logger="recruitment.request"):
        client.get(reverse("candidates-list") + "?q=Nguyễn Văn A")
    record = next(r for r in caplog.records if r.name == "recruitment.request")
    assert record.path == reverse("candidates-list") and "Nguyễn" not in json.dumps(record.__dict__, default=str)
    assert record.user_id == cast.secretary_a.pk and record.request_id != "-"


def _slow_init(self, get_response):
    self.get_response = get_response
    self.slow_ms = 0
