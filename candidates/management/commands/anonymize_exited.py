from django.core.management.base import BaseCommand

from candidates import clock
from candidates.privacy import anonymizable, anonymize_exited, retention_years


class Command(BaseCommand):
    help = (
        "Ẩn danh hồ sơ quần chúng đã ra khỏi danh sách (không phải đảng viên) quá thời hạn lưu giữ "
        "PERSONAL_DATA_RETENTION_YEARS; số liệu thống kê đã có giữ nguyên."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="chỉ đếm, không sửa gì")

    def handle(self, *args, dry_run=False, **options):
        today = clock.today()
        if dry_run:
            n = anonymizable(today).count()
            self.stdout.write(f"Có {n} hồ sơ quá {retention_years()} năm sẽ được ẩn danh (--dry-run: không sửa gì).")
            return
        n = anonymize_exited(today)
        self.stdout.write(self.style.SUCCESS(f"Đã ẩn danh {n} hồ sơ quá {retention_years()} năm."))
