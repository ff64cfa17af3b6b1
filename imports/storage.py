"""The uploaded file between preview and confirm: kept on the server (var/imports/), named by the
user and the file's SHA-256; the browser only carries an opaque token that the session maps to it.
The confirm step re-reads the bytes and checks their hash, so nothing sent by the client is trusted."""

import datetime
import secrets
import time
from pathlib import Path

from django.conf import settings

from .services import sha256_of

SESSION_KEY = "imports_pending"
MAX_PENDING = 5
MAX_AGE_SECONDS = 24 * 3600


def _folder() -> Path:
    folder = Path(getattr(settings, "IMPORT_TEMP_DIR", settings.BASE_DIR / "var" / "imports"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _path(user_id: int, sha: str) -> Path:
    return _folder() / f"{int(user_id)}-{sha}.bin"


def _purge_old() -> None:
    limit = time.time() - MAX_AGE_SECONDS
    for path in _folder().glob("*.bin"):
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except OSError:
            pass


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
    _purge_old()
    sha = sha256_of(data)
    _path(request.user.pk, sha).write_bytes(data)
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
    path = _path(request.user.pk, entry["sha"])
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if sha256_of(data) != entry["sha"]:
        return None
    return data, entry["name"], _from_json(entry["options"])


def forget(request, token: str) -> None:
    pending = dict(request.session.get(SESSION_KEY, {}))
    entry = pending.pop(token, None)
    request.session[SESSION_KEY] = pending
    if entry:
        still_used = any(e["sha"] == entry["sha"] for e in pending.values())
        if not still_used:
            _path(request.user.pk, entry["sha"]).unlink(missing_ok=True)


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
    try:
        data = _path(params["user_id"], params["sha"]).read_bytes()
    except OSError:
        return None
    return data if sha256_of(data) == params["sha"] else None


def options_of(params: dict) -> dict:
    return _from_json(params.get("options") or {})


def remove_handed_over(params: dict) -> None:
    _path(params["user_id"], params["sha"]).unlink(missing_ok=True)


def folder() -> Path:
    return _folder()
