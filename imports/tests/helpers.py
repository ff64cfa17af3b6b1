"""Small builders of messy files, made inside the tests."""

import datetime
import io
from pathlib import Path

from openpyxl import Workbook

from candidates.models import Candidate, Enrollment, StageEvent, TrainingClass
from quotas.models import Quota
from units.models import PartyUnit

# Copies of ../shared/samples (the real shapes), shipped with the tests.
SAMPLES = Path(__file__).parent / "samples"

ROSTER_OPTIONS = {
    "class_code": "K1-2024",
    "class_name": "Lớp bồi dưỡng nhận thức về Đảng khóa I năm 2024",
    "start": datetime.date(2024, 6, 17),
    "end": datetime.date(2024, 6, 28),
}


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def xlsx(rows: list[list], *, title_rows: list[str] = (), date_format: str = "dd/mm/yyyy") -> bytes:
    book = Workbook()
    sheet = book.active
    for title in title_rows:
        sheet.append([title])
    for row in rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, datetime.date):
                cell.number_format = date_format
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: list[list], *, bom: bool = True, delimiter: str = ",") -> bytes:
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    for row in rows:
        writer.writerow(row)
    return (b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode("utf-8")


def snapshot() -> dict:
    """What an import could change, to assert that a refused file changed nothing."""
    return {
        "units": list(PartyUnit.objects.order_by("code").values_list("code", "name", "kind", "path")),
        "candidates": list(
            Candidate.objects.order_by("id").values_list("id", "full_name", "stage", "version", "certificate_number")
        ),
        "events": StageEvent.objects.count(),
        "enrollments": list(Enrollment.objects.order_by("id").values_list("id", "result", "certificate_number")),
        "classes": list(TrainingClass.objects.values_list("code", flat=True)),
        "quotas": list(Quota.objects.order_by("id").values_list("unit_id", "year", "target")),
    }
