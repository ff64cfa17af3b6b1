from django.core.management.base import BaseCommand, CommandError

from vietnamese.dates import parse_date

from ...digest import JOB_KIND, send_digests


class Command(BaseCommand):
    help = (
        "Gửi thư nhắc việc hằng ngày cho từng người (việc quá hạn, đến hạn trong tuần, việc mới). "
        "--dry-run: chỉ in ra thư của từng người, không gửi. --queue: giao cho tiến trình nền (worker) gửi."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="In thư của từng người, không gửi.")
        parser.add_argument("--queue", action="store_true", help="Giao việc gửi thư cho tiến trình nền.")
        parser.add_argument("--date", help="Ngày tính việc (dd/mm/yyyy), mặc định hôm nay.")

    def handle(self, *args, dry_run, queue, date, **options):
        on = None
        if date:
            try:
                on = parse_date(date)
            except ValueError:
                raise CommandError(f"Ngày “{date}” không đúng dạng dd/mm/yyyy.") from None
        if queue:
            if dry_run or on:
                raise CommandError("--queue gửi thư của hôm nay; không dùng cùng --dry-run hay --date.")
            from jobs.services import start_job

            job = start_job(kind=JOB_KIND, title="Gửi thư nhắc việc hằng ngày")
            self.stdout.write(f"Đã giao việc số {job.pk} cho tiến trình nền: {job.message}")
            return
        counts = send_digests(on=on, dry_run=dry_run, write=self.stdout.write)
        verb = "Sẽ gửi" if dry_run else "Đã gửi"
        self.stdout.write(
            f"{verb} {counts['sent']} thư; {counts['empty']} người không có việc; "
            f"{counts['no_email']} người chưa có địa chỉ thư."
        )
