"""The deployment files agree with the code: the commands and files they name exist, the limits fit
the app's, every variable of the environment template is read by something, files are private."""

import os
import re
import runpy
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import get_commands

ROOT = Path(settings.BASE_DIR)
DEPLOY = ROOT / "deploy"


def test_gunicorn_config(monkeypatch):
    for name in ("GUNICORN_WORKERS", "GUNICORN_BIND", "GUNICORN_ACCESS_LOG", "GUNICORN_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    conf = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    assert conf["workers"] == os.cpu_count() * 2 + 1
    assert conf["bind"] == "127.0.0.1:8000" and conf["accesslog"] == "-" and conf["timeout"] == 120
    assert '"path": "%(U)s"' in conf["access_log_format"]  # the path without the query string
    assert "%({x-request-id}o)s" in conf["access_log_format"] and conf["control_socket_disable"]
    monkeypatch.setenv("GUNICORN_WORKERS", "3")
    monkeypatch.setenv("GUNICORN_ACCESS_LOG", "")
    conf = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    assert conf["workers"] == 3 and conf["accesslog"] is None


def test_systemd_units_name_what_exists():
    commands = get_commands()
    services = sorted((DEPLOY / "systemd").glob("*.service"))
    assert {s.name for s in services} >= {"dangvien-web.service", "dangvien-worker.service"}
    for service in services:
        text = service.read_text()
        assert "UMask=0077" in text and "User=dangvien" in text and "EnvironmentFile=/etc/dangvien/dangvien.env" in text
        for command in re.findall(r"manage\.py (\w+)", text):
            assert command in commands, f"{service.name}: manage.py {command}"
        for path in re.findall(r"/srv/dangvien/app/(deploy/[\w.-]+)", text):
            assert os.access(ROOT / path, os.X_OK), path
    for timer in (DEPLOY / "systemd").glob("*.timer"):
        assert (timer.with_suffix(".service")).exists()
    assert "-c deploy/gunicorn.conf.py recruitment.wsgi" in (DEPLOY / "systemd" / "dangvien-web.service").read_text()


def test_nginx_site_fits_the_app():
    site = (DEPLOY / "nginx" / "dangvien.conf").read_text()
    body = int(re.search(r"client_max_body_size (\d+)m;", site).group(1))
    assert body * 1024 * 1024 > settings.IMPORT_MAX_UPLOAD_BYTES  # the app's own message, not nginx's 413
    assert int(re.search(r"proxy_read_timeout (\d+)s;", site).group(1)) > 120  # above gunicorn's timeout
    assert "proxy_set_header X-Request-ID $request_id;" in site and "X-Forwarded-Proto $scheme" in site
    assert site.count("proxy_pass ") == site.count("proxy_set_header Host $host;")  # else Django answers 400
    assert "ssl_certificate " in site and "return 301 https://" in site and "location /static/" in site


NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)


@pytest.mark.skipif(not NGINX and os.environ.get("CI") != "true", reason="nginx not installed (.ci/run installs it)")
def test_nginx_accepts_the_site(tmp_path):
    (tmp_path / "ssl").mkdir()
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost"]
        + ["-keyout", str(tmp_path / "ssl/privkey.pem"), "-out", str(tmp_path / "ssl/fullchain.pem")],
        check=True,
        capture_output=True,
    )
    site = (DEPLOY / "nginx" / "dangvien.conf").read_text().replace("/etc/ssl/dangvien", str(tmp_path / "ssl"))
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log; events {{}}\n"
        f"http {{ include /etc/nginx/mime.types; include {tmp_path}/site.conf; }}\n"
    )
    result = subprocess.run(
        ["nginx", "-t", "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)], capture_output=True, text=True
    )
    assert result.returncode == 0 and "syntax is ok" in result.stderr, result.stderr


def test_every_variable_of_the_env_template_is_read():
    readers = (ROOT / "recruitment" / "settings.py").read_text() + (DEPLOY / "gunicorn.conf.py").read_text()
    template = (DEPLOY / "dangvien.env.example").read_text() + (ROOT / ".env.example").read_text()
    names = set(re.findall(r"^#?\s?([A-Z][A-Z0-9_]+)=", template, re.M))
    boto = {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"}  # read by boto3 itself
    unread = {n for n in names - boto if f'"{n}"' not in readers and f'"{n}' not in readers}
    assert unread == set()
    assert re.search(r"^SECRET_KEY=$", template, re.M)  # no key shipped


def test_compose_runs_web_worker_and_postgresql():
    compose = (DEPLOY / "compose.yaml").read_text()
    for service in ("db:", "web:", "worker:", "migrate:"):
        assert f"\n  {service}" in compose
    assert '"manage.py", "worker"' in compose and "image: postgres:15" in compose and "/healthz" in compose
    assert (DEPLOY / "Dockerfile").exists() and "postgresql-client" in (DEPLOY / "Dockerfile").read_text()
