"""The uploaded file between preview and confirm: kept on the server (var/imports/), named by the
user and the file's SHA-256; the browser only carries an opaque token that the session maps to it.
The confirm step re-reads the bytes and checks their hash, so nothing sent by the client is trusted.

Next to it, the file as checked (the rows read and checked by the preview, pickled) under the
user, the SHA-256 and a hash of the import options, so that the confirm writes what the preview
showed without reading and checking the file again. Only the server writes these files (a
folder of its own, names it computes); a missing or unreadable one means checking again. The
error workbooks of partial imports are kept under rejected/, by import record."""

import datetime
import hashlib
import json
import pickle
import secrets
import time
from pathlib import Path

from django.conf import settings

from spreadsheets.errorbook import error_workbook

SESSION_KEY = "imports_pending"
MAX_PENDING = 5
MAX_AGE_SECONDS = 24 * 3600


def _folder() -> Path:
    folder = Path(getattr(settings, "IMPORT_TEMP_DIR", settings.BASE_DIR / "var" / "imports"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _path(user_id: int, sha: str) -> Path:
    return _folder() / f"{int(user_id)}-{sha}.bin"


def _checked_path(user_id, sha: str, options: dict) -> Path:
    key = hashlib.sha256(json.dumps(_jsonable(options), sort_keys=True, default=str).encode()).hexdigest()[:16]
    return _folder() / f"{int(user_id or 0)}-{sha}-{key}.checked"


def _purge_old() -> None:
    purge_older_than(datetime.timedelta(seconds=MAX_AGE_SECONDS), patterns=("*.bin", "*.checked"))


def purge_older_than(max_age: datetime.timedelta, patterns=("*.bin", "*.checked", "*.xlsx")) -> int:
    """Remove kept uploads, kept checks and error workbooks older than max_age (housekeeping);
    returns how many files were removed."""
    limit = time.time() - max_age.total_seconds()
    removed = 0
    for pattern in patterns:
        for path in _folder().glob(pattern):
            try:
                if path.stat().st_mtime < limit:
                    path.unlink()
                    removed += 1
            except OSError:
                pass
    return removed


def _jsonable(options: dict) -> dict:
    return {
        k: v.isoformat() if isinstance(v, datetime.date) else list(v) if isinstance(v, tuple) else v
        for k, v in options.items()
    }


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
        _checked_path(request.user.pk, entry["sha"], entry["options"]).unlink(missing_ok=True)


def keep_checked(user, checked) -> None:
    """Keep a checked file (imports.services.CheckedImport) for the confirm."""
    options = checked.resource.options if checked.resource is not None else {}
    path = _checked_path(getattr(user, "pk", 0), checked.outcome.sha256, options)
    path.write_bytes(pickle.dumps(checked, protocol=pickle.HIGHEST_PROTOCOL))


def load_checked(user, sha: str, options: dict):
    """The checked file kept by the preview of this file with these options, or None."""
    path = _checked_path(getattr(user, "pk", 0), sha, options)
    try:
        checked = pickle.loads(path.read_bytes())  # noqa: S301 - written by this server only, see above
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return None
    if checked.outcome.sha256 != sha:
        return None
    return checked


def _rejected_path(record_pk: int) -> Path:
    folder = _folder() / "rejected"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{int(record_pk)}.xlsx"


def keep_rejected(record, rejected: tuple) -> None:
    """Write the error workbook of a partial import (the rejected rows and why)."""
    header, rows = rejected
    _rejected_path(record.pk).write_bytes(error_workbook(header, rows))


def rejected_workbook(record_pk: int) -> bytes | None:
    try:
        return _rejected_path(record_pk).read_bytes()
    except OSError:
        return None


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
    _checked_path(params["user_id"], params["sha"], params.get("options") or {}).unlink(missing_ok=True)


def folder() -> Path:
    return _folder()
