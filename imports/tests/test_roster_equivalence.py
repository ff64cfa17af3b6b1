"""The roster's bulk path writes what candidates.services.candidate_record_training writes."""

import datetime

import pytest

from candidates.models import Enrollment, Stage, StageEvent, TrainingClass
from candidates.services import candidate_record_training
from candidates.tests.factories import make_candidate
from imports.services import run_import

from .helpers import xlsx

pytestmark = pytest.mark.django_db

FIELDS = ["stage", "training_class_id", "training_result", "certificate_number", "certificate_date", "version"]
EVENT_FIELDS = ["kind", "action", "from_stage", "to_stage", "legal_date", "document_number", "data", "unit_id"]


@pytest.mark.parametrize("result,certificate", [("good", "12/GCN"), ("failed", "")])
def test_bulk_roster_equals_the_service(cast, result, certificate):
    klass = TrainingClass.objects.create(
        code="K",
        name="Lớp K",
        unit=cast.province,
        start_date=datetime.date(2024, 6, 17),
        end_date=datetime.date(2024, 6, 28),
    )
    by_service = make_candidate(cast.cell_a, Stage.SYMPATHIZER, full_name="Lê Văn Dịch Vụ")
    by_import = make_candidate(cast.cell_b, Stage.SYMPATHIZER, full_name="Lê Văn Nhập Tệp")
    day = datetime.date(2024, 6, 28) if certificate else None
    candidate_record_training(
        actor=cast.training,
        candidate=by_service,
        training_class=klass,
        result=result,
        certificate_number=certificate,
        certificate_date=day,
    )
    label = {"good": "Khá", "failed": "Không đạt"}[result]
    data = xlsx(
        [
            ["Họ và tên", "Ngày sinh", "Kết quả", "Số GCN", "Ngày cấp"],
            [by_import.full_name, by_import.birth_date, label, certificate, day],
        ]
    )
    outcome = run_import(
        kind="roster", data=data, file_name="r.xlsx", user=cast.training, dry_run=False, options={"class_code": "K"}
    )
    assert outcome.committed, outcome.error_lines()
    by_service.refresh_from_db()
    by_import.refresh_from_db()
    assert [getattr(by_import, f) for f in FIELDS] == [getattr(by_service, f) for f in FIELDS]
    e1 = StageEvent.objects.filter(candidate=by_service).latest("id")
    e2 = StageEvent.objects.filter(candidate=by_import).latest("id")
    assert [getattr(e2, f) for f in EVENT_FIELDS if f != "unit_id"] == [
        getattr(e1, f) for f in EVENT_FIELDS if f != "unit_id"
    ]
    assert e2.unit_id == cast.cell_b.pk and e2.imported and e2.entered_by == cast.training
    en1, en2 = Enrollment.objects.get(candidate=by_service), Enrollment.objects.get(candidate=by_import)
    assert (en1.result, en1.certificate_number, en1.certificate_date) == (
        en2.result,
        en2.certificate_number,
        en2.certificate_date,
    )
    assert by_import.history.count() == 2  # created + the training record
