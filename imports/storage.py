"""The uploaded file between preview and confirm: kept in the default file storage (MEDIA_ROOT/imports/
on one machine, private; shared storage through django-storages when several machines run the app),
named by the user and the file's SHA-256; the browser only carries an opaque token that the session
maps to it. The confirm step (or the background job) re-reads the bytes and checks their hash, so
nothing sent by the client is trusted."""

import datetime
import secrets
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from .services import sha256_of

SESSION_KEY = "imports_pending"
MAX_PENDING = 5
MAX_AGE_SECONDS = 24 * 3600
FOLDER = "imports"


def _name(user_id: int, sha: str) -> str:
    return f"{FOLDER}/{int(user_id)}-{sha}.bin"


def _read(name: str) -> bytes | None:
    try:
        with default_storage.open(name, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def _write(name: str, data: bytes) -> None:
    if default_storage.exists(name):
        default_storage.delete(name)
    default_storage.save(name, ContentFile(data))


def purge_older_than(max_age: timedelta) -> int:
    """Remove kept uploads older than max_age (housekeeping); returns how many."""
    limit = timezone.now() - max_age
    removed = 0
    try:
        _, files = default_storage.listdir(FOLDER)
    except OSError:  # nothing kept yet
        return 0
    for file_name in files:
        name = f"{FOLDER}/{file_name}"
        try:
            if file_name.endswith(".bin") and default_storage.get_modified_time(name) < limit:
                default_storage.delete(name)
                removed += 1
        except OSError:
            pass
    return removed


def _jsonable(options: dict) -> dict:
    return {k: v.isoformat() if isinstance(v, datetime.date) else v for k, v in options.items()}


def _from_json(options: dict) -> dict:
    out = {}
    for k, v in options.items():
        if k in ("start", "end") and v:
            v = datetime.date.fromisoformat(v)
        out[k] = v
    return out


def keep(request, *, kind: str, data: bytes, file_name: str, options: dict, rows: int = 0) -> str:
    purge_older_than(timedelta(seconds=MAX_AGE_SECONDS))
    sha = sha256_of(data)
    _write(_name(request.user.pk, sha), data)
    token = secrets.token_urlsafe(16)
    pending = dict(request.session.get(SESSION_KEY, {}))
    pending[token] = {"kind": kind, "sha": sha, "name": file_name, "options": _jsonable(options), "rows": rows}
    request.session[SESSION_KEY] = dict(list(pending.items())[-MAX_PENDING:])
    return token


def load(request, *, kind: str, token: str):
    """(bytes, file name, options) of a kept upload, or None when unknown / altered."""
    entry = request.session.get(SESSION_KEY, {}).get(token or "")
    if not entry or entry["kind"] != kind:
        return None
    data = _read(_name(request.user.pk, entry["sha"]))
    if data is None or sha256_of(data) != entry["sha"]:
        return None
    return data, entry["name"], _from_json(entry["options"])


def forget(request, token: str) -> None:
    pending = dict(request.session.get(SESSION_KEY, {}))
    entry = pending.pop(token, None)
    request.session[SESSION_KEY] = pending
    if entry:
        still_used = any(e["sha"] == entry["sha"] for e in pending.values())
        if not still_used:
            default_storage.delete(_name(request.user.pk, entry["sha"]))


def rows_of(request, token: str) -> int:
    """How many rows the preview of a kept upload counted (0 when unknown)."""
    return int(request.session.get(SESSION_KEY, {}).get(token or "", {}).get("rows", 0))


def hand_over(request, token: str) -> dict:
    """Give a kept upload to a background job: the session forgets the token, the file stays
    (the job reads it, checks its hash, and removes it when done). Returns the job's params."""
    pending = dict(request.session.get(SESSION_KEY, {}))
    entry = pending.pop(token)
    request.session[SESSION_KEY] = pending
    return {**entry, "user_id": request.user.pk}


def read_handed_over(params: dict) -> bytes | None:
    data = _read(_name(params["user_id"], params["sha"]))
    return data if data is not None and sha256_of(data) == params["sha"] else None


def options_of(params: dict) -> dict:
    return _from_json(params.get("options") or {})


def remove_handed_over(params: dict) -> None:
    default_storage.delete(_name(params["user_id"], params["sha"]))
