"""backup / restore: a round trip gives identical rows (on whichever database the suite runs: the
suite runs on SQLite and on PostgreSQL); a damaged, truncated or foreign archive is refused with a
clear message and the database untouched; a full disk keeps the previous backup."""

import errno
import io
import json
import tarfile

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from candidates.models import Candidate
from candidates.tests.factories import make_candidate
from recruitment import backup
from recruitment.backup import BackupError, make_backup, read_manifest, restore
from units.models import PartyUnit

pytestmark = pytest.mark.django_db(transaction=True)


def all_rows() -> dict[str, list]:
    out = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            out[table] = sorted(cursor.fetchall(), key=repr)
    return out


@pytest.fixture
def data(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / "imports").mkdir(parents=True)
    (tmp_path / "media" / "imports" / "1-abc.bin").write_bytes("Tệp tải lên".encode())
    make_candidate(cast.cell_a, full_name="Nguyễn Thị Hằng")
    return tmp_path


def _empty_the_database():
    call_command("flush", interactive=False, verbosity=0)
    assert backup.data_rows() == 0


def test_a_round_trip_gives_identical_rows_and_files(data):
    before = all_rows()
    report = make_backup(data / "sao_luu.tar")
    assert report.counts["candidates_candidate"] == 1 and report.files == 1
    manifest = read_manifest(data / "sao_luu.tar").manifest
    assert manifest["engine"] == connection.vendor and manifest["app_version"]
    assert "0001_i13_initial" in manifest["migrations"]["jobs"]
    assert set(manifest["files"]) == {backup.DB_MEMBER[connection.vendor], "media/imports/1-abc.bin"}

    _empty_the_database()
    (data / "media" / "imports" / "1-abc.bin").unlink()
    counts = restore(data / "sao_luu.tar")
    assert counts == report.counts
    assert all_rows() == before
    assert (data / "media" / "imports" / "1-abc.bin").read_text() == "Tệp tải lên"
    assert Candidate.objects.get().full_name == "Nguyễn Thị Hằng"  # the app works on the restored data


def test_a_non_empty_database_is_refused_without_force(data):
    make_backup(data / "b.tar")
    PartyUnit.objects.filter(code="P-C2-S").delete()
    before = all_rows()
    with pytest.raises(CommandError, match="cơ sở dữ liệu đích đang có .* dòng dữ liệu"):
        call_command("restore", str(data / "b.tar"))
    assert all_rows() == before
    call_command("restore", str(data / "b.tar"), "--force", stdout=io.StringIO())
    assert PartyUnit.objects.filter(code="P-C2-S").exists()


def _rewrite(source, target, change):
    """Copy a tar, passing each member's (name, bytes) through change()."""
    with tarfile.open(source) as old, tarfile.open(target, "w") as new:
        for member in old:
            data = change(member.name, old.extractfile(member).read())
            info = tarfile.TarInfo(member.name)
            info.size = len(data)
            new.addfile(info, io.BytesIO(data))


def _damaged(path, name):
    def flip(member, data):
        if member == name:
            data = bytearray(data)
            data[len(data) // 2] ^= 0xFF
        return bytes(data)

    return flip


@pytest.mark.parametrize(
    "make,message",
    [
        (lambda src, dst: dst.write_bytes(src.read_bytes()[: src.stat().st_size // 2]), "bị cắt cụt"),
        (lambda src, dst: dst.write_bytes(b"PK\x03\x04 not a backup at all" * 100), "bị hỏng hoặc bị cắt cụt"),
        (lambda src, dst: _rewrite(src, dst, _damaged(src, backup.DB_MEMBER[connection.vendor])), "sai mã kiểm tra"),
        (
            lambda src, dst: _rewrite(
                src, dst, lambda n, d: json.dumps({"format": "other-app"}).encode() if n == "manifest.json" else d
            ),
            "không phải bản sao lưu của phần mềm",
        ),
        (
            lambda src, dst: _rewrite(
                src,
                dst,
                lambda n, d: json.dumps(json.loads(d) | {"engine": "oracle"}).encode() if n == "manifest.json" else d,
            ),
            "bản sao lưu của cơ sở dữ liệu oracle",
        ),
    ],
    ids=["truncated", "foreign", "damaged", "other-app", "other-engine"],
)
def test_a_bad_archive_is_refused_and_the_database_untouched(data, make, message):
    make_backup(data / "good.tar")
    make(data / "good.tar", data / "bad.tar")
    _empty_the_database()
    before = all_rows()
    with pytest.raises(CommandError, match=message) as refused:
        call_command("restore", str(data / "bad.tar"))
    assert str(refused.value).startswith("Không khôi phục")
    assert all_rows() == before


def test_an_archive_from_a_newer_version_is_refused(data):
    make_backup(data / "good.tar")

    def newer(name, content):
        if name != "manifest.json":
            return content
        manifest = json.loads(content)
        manifest["migrations"]["jobs"].append("0099_from_the_future")
        return json.dumps(manifest).encode()

    _rewrite(data / "good.tar", data / "new.tar", newer)
    _empty_the_database()
    with pytest.raises(BackupError, match="phiên bản mới hơn"):
        restore(data / "new.tar")


def test_a_full_disk_keeps_the_previous_backup(data, monkeypatch):
    target = data / "nightly.tar"
    make_backup(target)
    previous = target.read_bytes()
    Candidate.objects.all().delete()

    def disk_full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup.os, "fsync", disk_full)
    with pytest.raises(CommandError, match="đĩa đầy.*nightly.tar .*vẫn giữ nguyên"):
        call_command("backup", "--output", str(target))
    assert target.read_bytes() == previous
    assert sorted(p.name for p in data.iterdir()) == ["media", "nightly.tar"]  # no partial file left


def test_the_backup_is_private(data):
    make_backup(data / "b.tar")
    assert (data / "b.tar").stat().st_mode & 0o077 == 0
