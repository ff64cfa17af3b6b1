"""python manage.py document KIND (--candidate ID | --class CODE [--unit CODE] | --unit CODE --period P)
--format docx|pdf --output PATH [--user NAME]

The same scope, right and completeness checks as the web pages, and the same register: the command
takes (or reuses) the document's number. Bad input or missing facts are a message and a non-zero exit."""

import os
import re
import tempfile
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.http import Http404

from reports.documents.base import DocumentError
from reports.documents.kinds import CANDIDATE, CLASS, KINDS, UNIT
from reports.documents.service import FORMATS, produce
from vietnamese.text import format_int

from .report import SystemActor

PERIOD_RE = re.compile(r"^(\d{4})(?:-?H([12]))?$", re.IGNORECASE)


def _kinds_help() -> str:
    subject = {CANDIDATE: "--candidate", CLASS: "--class", UNIT: "--unit --period"}
    return "; ".join(f"{k.slug} ({k.form_code or k.label}; {subject[k.subject]})" for k in KINDS.values())


def parse_period(text: str) -> tuple[int, int | None]:
    """ "2024" (the year), "2024-H1" (first half), "2024-H2" (second half)."""
    match = PERIOD_RE.match((text or "").strip())
    if not match:
        raise CommandError(f"Kỳ “{text}” không hợp lệ: dùng 2024, 2024-H1 hoặc 2024-H2.")
    return int(match.group(1)), int(match.group(2)) if match.group(2) else None


class Command(BaseCommand):
    help = "Lập một văn bản (Word hoặc PDF) từ hồ sơ. Loại văn bản: " + _kinds_help()

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=list(KINDS), metavar="KIND", help="Loại văn bản: " + ", ".join(KINDS))
        parser.add_argument("--candidate", type=int, help="Mã số người (văn bản của một người)")
        parser.add_argument("--class", dest="class_code", help="Mã lớp bồi dưỡng (giấy chứng nhận, danh sách)")
        parser.add_argument("--unit", help="Mã đơn vị (thống kê; đơn vị cử đi học)")
        parser.add_argument("--period", help="Kỳ thống kê: 2024, 2024-H1, 2024-H2")
        parser.add_argument("--user", help="Lập với phạm vi và quyền của tài khoản này (mặc định: toàn hệ thống)")
        parser.add_argument("--format", dest="fmt", required=True, choices=sorted(FORMATS))
        parser.add_argument("--output", required=True, help="Đường dẫn tệp kết quả")

    def handle(self, *args, kind, candidate, class_code, unit, period, user, fmt, output, **options):
        actor = SystemActor()
        if user:
            actor = get_user_model().objects.filter(username=user, is_active=True).first()
            if actor is None:
                raise CommandError(f"Không có tài khoản “{user}”.")
        target = Path(output)
        if not target.parent.exists():
            raise CommandError(f"Thư mục “{target.parent}” không tồn tại.")
        subject: dict = {}
        doc_kind = KINDS[kind]
        if doc_kind.subject == CANDIDATE:
            subject["candidate_id"] = candidate
        elif doc_kind.subject == CLASS:
            subject.update(class_code=class_code, unit_code=unit)
        else:
            year, half = parse_period(period) if period else (None, None)
            subject.update(unit_code=unit, year=year, half=half)
        try:
            result = produce(user=actor, slug=kind, fmt=fmt, **subject)
        except DocumentError as exc:
            raise CommandError(str(exc)) from None
        except Http404:
            raise CommandError("Không tìm thấy người, lớp hoặc đơn vị, hoặc không có quyền xem.") from None
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from None
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".document-", suffix=f".{fmt}")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(result.content)
            os.replace(tmp, target)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
        number = f", số {result.entry.number}" if result.entry.number else ""
        self.stdout.write(self.style.SUCCESS(f"Đã lập {target}{number} ({format_int(len(result.content))} byte)."))
