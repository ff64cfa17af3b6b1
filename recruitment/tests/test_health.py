"""/healthz: 200 with the database, the worker's heartbeat and the queue's age; 503 when one is
down; no login, no personal data."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from jobs.models import WorkerHeartbeat
from jobs.services import start_job

pytestmark = pytest.mark.django_db
QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _beat(seconds_ago):
    now = timezone.now()
    WorkerHeartbeat.objects.create(
        worker_id="w1", host="may-chu", pid=1, started_at=now, seen_at=now - timedelta(seconds=seconds_ago)
    )


@override_settings(TASKS=QUEUE)
def test_all_well_answers_200_without_login(client, cast):
    _beat(5)
    response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 200 and body["status"] == "ok"
    assert body["checks"]["database"] == {"ok": True, "engine": connection.vendor}
    assert body["checks"]["worker"]["ok"] and 4 <= body["checks"]["worker"]["last_heartbeat_seconds_ago"] <= 7
    assert body["checks"]["queue"] == {"ok": True, "waiting": 0, "oldest_waiting_seconds": 0}
    text = response.content.decode()
    for private in ("province_staff", "Đảng bộ", "may-chu", "w1"):  # no names of people, units or machines
        assert private not in text
    assert "no-store" in response["Cache-Control"]


@override_settings(TASKS=QUEUE)
def test_no_worker_answers_503(client, db):
    body = client.get("/healthz").json()
    assert client.get("/healthz").status_code == 503 and body["status"] == "fail"
    assert body["checks"]["worker"] == {"ok": False, "last_heartbeat_seconds_ago": None, "live_workers": 0}
    _beat(600)  # a worker that stopped ten minutes ago
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["checks"]["worker"]["last_heartbeat_seconds_ago"] >= 600


@override_settings(TASKS=QUEUE, HEALTH_QUEUE_MAX_AGE=900)
def test_a_stuck_queue_answers_503(client, django_user_model):
    _beat(1)
    start_job(kind="x", title="Chờ", user=None)
    assert client.get("/healthz").status_code == 200  # just queued
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=20))
    response = client.get("/healthz")
    queue = response.json()["checks"]["queue"]
    assert response.status_code == 503 and queue["waiting"] == 1 and queue["oldest_waiting_seconds"] >= 1200


def test_a_database_down_answers_503(client, db, monkeypatch):
    from recruitment import health

    class Broken:
        def __enter__(self):
            raise RuntimeError("down")

        def __exit__(self, *exc):
            return False

    monkeypatch.setattr(health.connection, "cursor", lambda: Broken())
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json() == {"status": "fail", "checks": {"database": {"ok": False}}}


def test_in_request_jobs_need_no_worker(client, db):
    body = client.get(reverse("healthz")).json()  # the tests' default backend runs jobs in the request
    assert body["status"] == "ok" and body["checks"]["worker"] == {"ok": True, "mode": "in-request"}


@override_settings(SECURE_SSL_REDIRECT=True, TASKS=QUEUE)
def test_a_probe_over_plain_http_is_not_redirected(client, db):
    _beat(1)
    assert client.get("/healthz").status_code == 200
    assert client.get(reverse("login")).status_code == 301
