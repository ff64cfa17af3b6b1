"""`manage.py restore FILE`: check a backup whole, restore it into an empty database, verify the counts."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from recruitment.backup import BackupError, read_manifest, restore
from vietnamese.text import format_int


class Command(BaseCommand):
    help = "Khôi phục từ một tệp sao lưu vào cơ sở dữ liệu trống (dừng máy chủ web và tiến trình nền trước)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp sao lưu (do manage.py backup tạo).")
        parser.add_argument("--force", action="store_true", help="Ghi đè cơ sở dữ liệu đang có dữ liệu.")
        parser.add_argument("--check", action="store_true", help="Chỉ kiểm tra tệp sao lưu, không khôi phục.")

    def handle(self, *args, file, force=False, check=False, **options):
        try:
            if check:
                manifest = read_manifest(Path(file)).manifest
                self.stdout.write(
                    f"Tệp sao lưu hợp lệ: phiên bản {manifest['app_version']}, {manifest['engine']}, "
                    f"tạo lúc {manifest['created_at']}, {format_int(sum(manifest['counts'].values()))} dòng."
                )
                return
            counts = restore(Path(file), force=force)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"Đã khôi phục {format_int(len(counts))} bảng, {format_int(sum(counts.values()))} dòng; số dòng từng bảng "
            "khớp với bản sao lưu. Chạy `manage.py migrate` nếu mã nguồn mới hơn bản sao lưu."
        )
