"""Shared shell of the import_* commands: same engine as the web pages, --dry-run, --user."""

import datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from imports.services import run_import
from spreadsheets.errorbook import error_workbook


def parse_date(value: str) -> datetime.date:
    try:
        return datetime.datetime.strptime(value, "%d/%m/%Y").date()
    except ValueError:
        raise CommandError(f"Ngày “{value}” không hợp lệ (cần dạng ngày/tháng/năm, ví dụ 17/06/2024).") from None


class ImportCommand(BaseCommand):
    kind = ""

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp .xlsx, .xls hoặc .csv (UTF-8)")
        parser.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi gì")
        parser.add_argument("--user", help="tên đăng nhập: áp dụng phạm vi và quyền của người này")
        parser.add_argument(
            "--valid-only",
            action="store_true",
            help="chỉ nhập các dòng hợp lệ (mặc định: có dòng lỗi thì không ghi gì)",
        )
        parser.add_argument("--errors", help="ghi các dòng lỗi (kèm cột “Lỗi”) ra tệp .xlsx này")

    def options_for(self, options) -> dict:
        return {}

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Không đọc được tệp {path}: {exc.strerror}.") from None
        user = None
        if options.get("user"):
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"Không có tài khoản “{options['user']}”.")
        extra = self.options_for(options) | {"file_name": path.name}
        try:
            outcome = run_import(
                kind=self.kind,
                data=data,
                file_name=path.name,
                user=user,
                dry_run=options["dry_run"],
                options=extra,
                valid_only=options["valid_only"],
            )
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from None
        for note in outcome.notes:
            self.stdout.write(f"  {note}")
        for line in outcome.warning_lines():
            self.stdout.write(self.style.WARNING(f"  {line}"))
        counts = outcome.counts
        whole_file = f", và {len(outcome.file_errors)} lỗi của cả tệp" if outcome.file_errors else ""
        # (without it a file refused as a whole, e.g. for an unknown class, would read "lỗi 0")
        self.stdout.write(
            f"{path.name}: {len(outcome.rows)} dòng — mới {counts['new']}, cập nhật {counts['update']}, "
            f"không đổi {counts['unchanged']}, không khớp {counts['unmatched']}, lỗi {counts['error']}{whole_file}."
        )
        if outcome.rejected[1] and options.get("errors"):
            Path(options["errors"]).write_bytes(error_workbook(*outcome.rejected))
            self.stdout.write(f"Đã ghi {len(outcome.rejected[1])} dòng lỗi ra {options['errors']}.")
        if not outcome.ok:
            for line in outcome.error_lines():
                self.stderr.write(line)
            if not outcome.committed:
                raise CommandError("Không ghi gì vì tệp có lỗi.")
        for line in outcome.summary:
            self.stdout.write(line)
        if outcome.dry_run:
            self.stdout.write(self.style.SUCCESS("Kiểm tra xong (--dry-run): không ghi gì."))
        else:
            self.stdout.write(
                self.style.SUCCESS(f"Đã nhập (bản ghi số {outcome.record.pk}, SHA-256 {outcome.sha256}).")
            )
