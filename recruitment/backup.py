"""One-file backups and their restore (`manage.py backup`, `manage.py restore`).

The archive is a tar file holding:
  manifest.json        format, app version, engine, migrations applied, rows per table, SHA-256 per member
  database.sqlite3     SQLite: a copy made by SQLite's online backup API (consistent while the app runs)
  database.pgdump      PostgreSQL: `pg_dump --format=custom`, taken in the same snapshot as the counts
  media/...            the uploaded files (MEDIA_ROOT)

A backup is written to a temporary file beside the target and renamed over it only when complete, so
a full disk or a crash keeps the previous backup. A restore checks everything (format, checksums,
engine, migrations) before it touches the database, restores into an empty database only (unless
forced), then checks that every table holds the rows the manifest counted."""

import datetime
import hashlib
import io
import json
import os
import posixpath
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

import recruitment

FORMAT = "dangvien-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DB_MEMBER = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
# Tables `migrate` fills by itself: they do not make a database "non-empty".
SCHEMA_TABLES = {"django_migrations", "django_content_type", "auth_permission"}


class BackupError(Exception):
    """What went wrong, in Vietnamese, for the person running the command."""


# ---------------------------------------------------------------- helpers


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _pg_bin(name: str) -> str:
    """pg_dump / pg_restore: PG_BIN_DIR, else PATH, else the newest /usr/lib/postgresql/*/bin."""
    folder = os.environ.get("PG_BIN_DIR")
    if folder:
        return str(Path(folder) / name)
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=lambda p: int(p.parts[-3]))
    if candidates:
        return str(candidates[-1])
    raise BackupError(f"Không tìm thấy chương trình {name} (cài gói postgresql-client cùng phiên bản máy chủ).")


def _pg_args_env() -> tuple[list[str], dict]:
    db = connection.settings_dict
    args = []
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args += [flag, str(db[key])]
    env = os.environ.copy()
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args + ["--dbname", db["NAME"]], env


def _run(cmd: list[str], env: dict) -> None:
    result = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{Path(cmd[0]).name} không thành công: {result.stderr.strip()[-800:]}")


def _user_tables(cursor_or_conn, vendor: str) -> list[str]:
    if vendor == "sqlite":
        rows = cursor_or_conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        ).fetchall()
        return [r[0] for r in rows]
    return sorted(connection.introspection.table_names(cursor_or_conn))


def _count(cursor, tables: list[str]) -> dict[str, int]:
    quote = connection.ops.quote_name
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
        counts[table] = cursor.fetchone()[0]
    return counts


def current_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        return _count(cursor, sorted(tables))


def _migrations() -> dict[str, list[str]]:
    applied = MigrationRecorder(connection).applied_migrations()
    out: dict[str, list[str]] = {}
    for app, name in sorted(applied):
        out.setdefault(app, []).append(name)
    return out


def _git_commit() -> str:
    try:
        result = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=5
        )
        return result.stdout.strip() if result.returncode == 0 else ""
    except (OSError, subprocess.SubprocessError):
        return ""


# ---------------------------------------------------------------- backup


@dataclass
class BackupReport:
    path: Path
    size: int
    counts: dict[str, int]
    files: int


def _dump_sqlite(work: Path) -> tuple[Path, dict[str, int]]:
    """Copy the live database with SQLite's online backup API, then count rows in the copy itself."""
    target = work / DB_MEMBER["sqlite"]
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        connection.connection.backup(destination)
        tables = _user_tables(destination, "sqlite")
        counts = {t: destination.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        destination.close()
    return target, counts


def _dump_postgresql(work: Path) -> tuple[Path, dict[str, int]]:
    """pg_dump in the snapshot the rows were counted in: the counts describe exactly the dump."""
    target = work / DB_MEMBER["postgresql"]
    args, env = _pg_args_env()
    connection.ensure_connection()
    raw = connection.connection
    previous_autocommit = raw.autocommit
    raw.autocommit = False
    try:
        with raw.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = _count(cursor, _user_tables(cursor, "postgresql"))
            _run(
                [
                    _pg_bin("pg_dump"),
                    "--format=custom",
                    "--no-owner",
                    f"--snapshot={snapshot}",
                    "--file",
                    str(target),
                    *args,
                ],
                env,
            )
        raw.rollback()
    finally:
        raw.autocommit = previous_autocommit
    return target, counts


def make_backup(output: Path) -> BackupReport:
    output = Path(output).resolve()
    output.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    vendor = connection.vendor
    if vendor not in DB_MEMBER:
        raise BackupError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu loại {vendor}.")
    # Everything is written beside the target (same disk), then renamed over it when complete.
    work = Path(tempfile.mkdtemp(prefix=".backup-", dir=output.parent))
    partial = output.with_name(f".{output.name}.part")
    try:
        db_file, counts = (_dump_sqlite if vendor == "sqlite" else _dump_postgresql)(work)
        members = {DB_MEMBER[vendor]: db_file}
        media = Path(settings.MEDIA_ROOT)
        if media.is_dir():
            for path in sorted(p for p in media.rglob("*") if p.is_file()):
                members["media/" + path.relative_to(media).as_posix()] = path
        checksums = {name: _sha256_file(path) for name, path in members.items()}
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "app_version": recruitment.__version__,
            "git_commit": _git_commit(),
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "engine": vendor,
            "migrations": _migrations(),
            "counts": counts,
            "files": checksums,
        }
        data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
        with partial.open("wb") as raw, tarfile.open(fileobj=raw, mode="w") as tar:
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mode, info.mtime = len(data), 0o600, int(datetime.datetime.now().timestamp())
            tar.addfile(info, io.BytesIO(data))
            for name, path in members.items():
                tar.add(str(path), arcname=name, recursive=False)
            tar.close()
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(partial, output)
        return BackupReport(path=output, size=output.stat().st_size, counts=counts, files=len(members) - 1)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        reason = "đĩa đầy" if exc.errno in (28, 122) else str(exc)
        raise BackupError(
            f"Không ghi được bản sao lưu ({reason}). Không có gì bị thay đổi: "
            f"bản sao lưu cũ {output.name} (nếu có) vẫn giữ nguyên."
        ) from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)


# ---------------------------------------------------------------- restore

REFUSED = "Không khôi phục: "


@dataclass
class Archive:
    path: Path
    manifest: dict


def read_manifest(path: Path) -> Archive:
    """Open the archive and check it whole (format, every member's checksum, nothing unexpected)
    before anything is touched. Raises BackupError with the reason in Vietnamese."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{REFUSED}không có tệp {path}.")
    try:
        with tarfile.open(path, mode="r:") as tar:
            try:
                handle = tar.extractfile(MANIFEST)
            except KeyError:
                raise BackupError(
                    f"{REFUSED}tệp này không phải bản sao lưu của phần mềm (không có {MANIFEST})."
                ) from None
            try:
                manifest = json.loads(handle.read().decode("utf-8"))
            except (ValueError, UnicodeDecodeError):
                raise BackupError(f"{REFUSED}tệp {MANIFEST} trong bản sao lưu bị hỏng.") from None
            if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
                raise BackupError(f"{REFUSED}tệp này không phải bản sao lưu của phần mềm quản lý phát triển đảng viên.")
            if manifest.get("format_version") != FORMAT_VERSION:
                raise BackupError(
                    f"{REFUSED}bản sao lưu theo định dạng {manifest.get('format_version')}, "
                    f"phiên bản này chỉ đọc định dạng {FORMAT_VERSION}."
                )
            expected = dict(manifest.get("files") or {})
            seen = set()
            for member in tar:
                if member.name == MANIFEST:
                    continue
                if member.name not in expected or not member.isfile():
                    raise BackupError(f"{REFUSED}bản sao lưu chứa «{member.name}» không có trong danh mục kèm theo.")
                digest = hashlib.sha256()
                source = tar.extractfile(member)
                while block := source.read(1 << 20):
                    digest.update(block)
                if digest.hexdigest() != expected[member.name]:
                    raise BackupError(f"{REFUSED}«{member.name}» trong bản sao lưu bị hỏng (sai mã kiểm tra SHA-256).")
                seen.add(member.name)
            missing = sorted(set(expected) - seen)
            if missing:
                raise BackupError(
                    f"{REFUSED}bản sao lưu thiếu {len(missing)} tệp (ví dụ «{missing[0]}»); tệp bị cắt cụt?"
                )
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise BackupError(f"{REFUSED}tệp bị hỏng hoặc bị cắt cụt, không đọc được ({exc}).") from None
    return Archive(path=path, manifest=manifest)


def check_compatible(archive: Archive) -> None:
    manifest = archive.manifest
    if manifest.get("engine") != connection.vendor:
        raise BackupError(
            f"{REFUSED}bản sao lưu của cơ sở dữ liệu {manifest.get('engine')}, còn máy này dùng {connection.vendor}. "
            "Khôi phục vào cùng loại cơ sở dữ liệu."
        )
    if DB_MEMBER[connection.vendor] not in manifest.get("files", {}):
        raise BackupError(f"{REFUSED}bản sao lưu không có cơ sở dữ liệu.")
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    newer = [
        f"{app}.{name}"
        for app, names in manifest.get("migrations", {}).items()
        for name in names
        if (app, name) not in known
    ]
    if newer:
        raise BackupError(
            f"{REFUSED}bản sao lưu do phiên bản mới hơn tạo ra ({manifest.get('app_version')}; có {len(newer)} "
            f"bước chuyển đổi dữ liệu mà mã nguồn này không biết, ví dụ {newer[0]}). Cài đúng phiên bản trước."
        )


def data_rows() -> int:
    """Rows in the database that `migrate` did not put there (0: an empty database)."""
    counts = current_counts()
    return sum(n for table, n in counts.items() if table not in SCHEMA_TABLES)


def _restore_sqlite(source: Path) -> None:
    connection.ensure_connection()
    origin = sqlite3.connect(source)
    try:
        origin.backup(connection.connection)  # replaces every page of the target, in one step
    finally:
        origin.close()


def _restore_postgresql(source: Path) -> None:
    args, env = _pg_args_env()
    connection.close()  # pg_restore drops and recreates the tables this connection may be using
    _run(
        [
            _pg_bin("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            *args,
            str(source),
        ],
        env,
    )


def restore(path: Path, *, force: bool = False) -> dict[str, int]:
    archive = read_manifest(path)
    check_compatible(archive)
    rows = data_rows()
    if rows and not force:
        raise BackupError(
            f"{REFUSED}cơ sở dữ liệu đích đang có {rows} dòng dữ liệu. Khôi phục vào một cơ sở dữ liệu trống, "
            "hoặc thêm --force để ghi đè toàn bộ (hãy sao lưu nó trước)."
        )
    vendor = connection.vendor
    media = Path(settings.MEDIA_ROOT)
    work = Path(tempfile.mkdtemp(prefix=".restore-", dir=media.parent))
    try:
        with tarfile.open(archive.path, mode="r:") as tar:
            db_member = DB_MEMBER[vendor]
            tar.extract(db_member, path=work, filter="data")
            media_members = [m for m in tar.getmembers() if m.name.startswith("media/")]
            for member in media_members:
                if posixpath.normpath(member.name) != member.name or ".." in member.name.split("/"):
                    raise BackupError(f"{REFUSED}tên tệp không hợp lệ trong bản sao lưu: «{member.name}».")
            tar.extractall(path=work, members=media_members, filter="data")
        (_restore_sqlite if vendor == "sqlite" else _restore_postgresql)(work / db_member)
        if (work / "media").is_dir():
            for source in (work / "media").rglob("*"):
                if source.is_file():
                    target = media / source.relative_to(work / "media")
                    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                    os.replace(source, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    counts = current_counts()
    expected = archive.manifest.get("counts", {})
    wrong = {t: (n, counts.get(t)) for t, n in expected.items() if counts.get(t) != n}
    if wrong:
        table, (want, got) = next(iter(wrong.items()))
        raise BackupError(
            f"Đã khôi phục nhưng số dòng không khớp ở {len(wrong)} bảng (ví dụ {table}: cần {want}, có {got}). "
            "Đừng dùng cơ sở dữ liệu này; khôi phục lại từ một bản sao lưu khác."
        )
    return expected
