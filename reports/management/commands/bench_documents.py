"""Benchmark of the documents (not a test): a class of N trainees with certificates as one PDF and one
Word file, and one admission decision in each format. The data is made inside a transaction that is
rolled back at the end: the database is left as it was.

    python manage.py migrate -v0 && python manage.py bench_documents [--trainees 200] [--runs 3]
"""

import datetime
import statistics
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from candidates.models import Candidate, Enrollment, Sex, Stage, TrainingClass
from reports.documents.service import prepare, render
from units.models import UnitKind
from units.services import unit_create
from vietnamese.text import format_int

TARGETS = {"certificates.pdf": 5.0, "certificates.docx": 10.0, "decision.pdf": 0.5, "decision.docx": 0.5}
GIVEN = ["Hường", "Ngữ", "Ánh", "Đức", "Yến", "Khôi", "Thắng", "Nga", "Ượt", "Ấn"]


class Command(BaseCommand):
    help = "Đo thời gian lập giấy chứng nhận cả lớp và một quyết định kết nạp (Word, PDF)."

    def add_arguments(self, parser):
        parser.add_argument("--trainees", type=int, default=200)
        parser.add_argument("--runs", type=int, default=3)

    def handle(self, *args, trainees, runs, **options):
        with transaction.atomic():
            self._run(trainees, runs)
            transaction.set_rollback(True)

    def _run(self, trainees, runs):
        province = unit_create(parent=None, code="BENCH-P", name="Đảng bộ tỉnh Sơn Hà", kind=UnitKind.PROVINCE)
        commune = unit_create(parent=province, code="BENCH-C", name="Đảng bộ xã Tân Hòa", kind=UnitKind.COMMUNE)
        province.refresh_from_db()
        cell = unit_create(parent=commune, code="BENCH-A", name="Chi bộ thôn Đông", kind=UnitKind.GRASSROOTS_CELL)
        klass = TrainingClass.objects.create(
            code="BENCH-K",
            name="Lớp bồi dưỡng nhận thức về Đảng khóa III",
            unit=province,
            start_date=datetime.date(2024, 6, 3),
            end_date=datetime.date(2024, 6, 10),
            location="Trung tâm Chính trị",
        )
        people = []
        for i in range(trainees):
            c = Candidate(
                full_name=f"Nguyễn Thị {GIVEN[i % 10]} {i + 1}",
                birth_date=datetime.date(1995, 1, 1 + i % 28),
                sex=Sex.FEMALE,
                cell=cell,
                stage=Stage.TRAINED,
                workplace="Hợp tác xã Đông Hưng",
            )
            c.normalize()
            people.append(c)
        Candidate.objects.bulk_create(people)
        people = list(Candidate.objects.filter(cell=cell))
        Enrollment.objects.bulk_create(
            Enrollment(
                training_class=klass,
                candidate=c,
                result="good",
                certificate_number=f"{i + 1}/CN",
                certificate_date=datetime.date(2024, 6, 10),
            )
            for i, c in enumerate(people)
        )
        decided = people[0]
        Candidate.objects.filter(pk=decided.pk).update(
            stage=Stage.DECIDED,
            cell_resolution_number="07-NQ/CB",
            cell_resolution_date=datetime.date(2024, 3, 5),
            decision_number="45-QĐ/ĐU",
            decision_date=datetime.date(2024, 4, 15),
        )
        user, _ = get_user_model().objects.get_or_create(username="bench_documents", defaults={"is_superuser": True})
        cases = [
            ("certificates.pdf", "certificates", "pdf", {"class_id": klass.pk}),
            ("certificates.docx", "certificates", "docx", {"class_id": klass.pk}),
            ("decision.pdf", "decision", "pdf", {"candidate_id": decided.pk}),
            ("decision.docx", "decision", "docx", {"candidate_id": decided.pk}),
        ]
        self.stdout.write(f"{format_int(trainees)} học viên, {runs} lần đo, lấy trung vị")
        for label, slug, fmt, subject in cases:
            times, size = [], 0
            for _ in range(runs):
                start = time.perf_counter()
                prepared = prepare(user=user, slug=slug, **subject)
                size = len(render(prepared, None, fmt))
                times.append(time.perf_counter() - start)
            median = statistics.median(times)
            verdict = "đạt" if median < TARGETS[label] else "CHẬM"
            self.stdout.write(
                f"{label:20} {median:6.2f} s  (mục tiêu < {TARGETS[label]:g} s, {verdict})  {format_int(size)} byte"
            )
