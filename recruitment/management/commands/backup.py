"""`manage.py backup --output FILE`: one archive with the database, the uploaded files and a manifest."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from recruitment.backup import BackupError, make_backup
from vietnamese.text import format_int


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và tệp đã tải lên vào một tệp (an toàn khi phần mềm đang chạy)."

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="Tệp sao lưu sẽ ghi (ghi đè khi đã có, chỉ khi ghi xong).")

    def handle(self, *args, output, **options):
        try:
            report = make_backup(Path(output))
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        rows = sum(report.counts.values())
        self.stdout.write(
            f"Đã sao lưu vào {report.path} ({format_int(report.size // 1024)} KB): "
            f"{format_int(len(report.counts))} bảng, {format_int(rows)} dòng, {format_int(report.files)} tệp tải lên."
        )
