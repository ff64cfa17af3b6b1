"""python manage.py report progress|pipeline|summary|candidates|class --unit CODE --year YYYY [--quarter N]
[--as-of DD/MM/YYYY] [--class CODE] [--user USERNAME] [--filter key=value ...] --format pdf|xlsx --output PATH

Bad input is a clear message and a non-zero exit; the output file is written only once the report is
complete (rendered in memory, then written through a temporary file and renamed)."""

import os
import tempfile
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.http import Http404, QueryDict

from reports.params import ReportError, parse_date
from reports.registry import FORMATS, REPORTS, produce, render
from vietnamese.text import format_int


class SystemActor:
    """The command's actor without --user: sees every unit, signs as "Hệ thống"."""

    is_superuser = True
    is_authenticated = True
    is_active = True

    def get_full_name(self) -> str:
        return "Hệ thống"

    def get_username(self) -> str:
        return "system"


class Command(BaseCommand):
    help = "Lập một báo cáo (PDF hoặc Excel) cho một đơn vị."

    def add_arguments(self, parser):
        parser.add_argument("report", help=f"Báo cáo: {', '.join(REPORTS)}")
        parser.add_argument("--unit", required=True, help="Mã đơn vị")
        parser.add_argument("--year", type=int, help="Năm báo cáo")
        parser.add_argument("--quarter", type=int, help="Quý 1–4")
        parser.add_argument("--as-of", dest="as_of", help="Tính đến ngày (dd/mm/yyyy), trong năm báo cáo")
        parser.add_argument("--class", dest="class_code", help="Mã lớp bồi dưỡng (báo cáo class)")
        parser.add_argument("--user", help="Lập với phạm vi của tài khoản này (mặc định: toàn hệ thống)")
        parser.add_argument(
            "--filter",
            action="append",
            default=[],
            metavar="KEY=VALUE",
            help="Bộ lọc của trang danh sách quần chúng (báo cáo candidates), lặp lại được",
        )
        parser.add_argument("--format", dest="fmt", required=True, choices=sorted(FORMATS))
        parser.add_argument("--output", required=True, help="Đường dẫn tệp kết quả")

    def handle(self, *args, report, unit, year, quarter, as_of, class_code, user, filter, fmt, output, **options):
        if report not in REPORTS:
            raise CommandError(f"Không có báo cáo “{report}”. Các báo cáo: {', '.join(REPORTS)}.")
        actor = SystemActor()
        if user:
            actor = get_user_model().objects.filter(username=user, is_active=True).first()
            if actor is None:
                raise CommandError(f"Không có tài khoản “{user}”.")
        filters = QueryDict(mutable=True)
        for item in filter:
            key, sep, value = item.partition("=")
            if not sep:
                raise CommandError(f"Bộ lọc “{item}” phải có dạng KEY=VALUE.")
            filters.appendlist(key, value)
        try:
            day = parse_date(as_of) if as_of else None
            data = produce(
                user=actor,
                slug=report,
                unit_code=unit,
                year=year,
                quarter=quarter,
                as_of=day,
                class_code=class_code,
                filter_data=filters,
            )
            content, _content_type, _filename = render(data, fmt)
        except ReportError as exc:
            raise CommandError(str(exc)) from None
        except Http404:
            what = f"lớp “{class_code}”" if report == "class" and class_code else f"đơn vị “{unit}”"
            raise CommandError(f"Không tìm thấy {what} hoặc không có quyền xem.") from None
        target = Path(output)
        if not target.parent.exists():
            raise CommandError(f"Thư mục “{target.parent}” không tồn tại.")
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".report-", suffix=f".{fmt}")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(content)
            os.replace(tmp, target)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
        self.stdout.write(self.style.SUCCESS(f"Đã lập {target} ({format_int(len(content))} byte)."))
