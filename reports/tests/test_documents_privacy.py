"""Anonymization after the retention period reaches what the documents and the import log keep."""

import datetime

from candidates.models import ExitReason, Stage
from candidates.privacy import anonymize_exited
from candidates.tests.factories import make_candidate
from imports.models import ImportRecord
from reports.models import PaperFacts, RegisterEntry


def test_anonymization_reaches_the_import_log_the_register_and_paper_facts(cast, settings):
    """Labels in the import log and the documents register lose the name; the number stays."""
    settings.PERSONAL_DATA_RETENTION_YEARS = 5
    gone = make_candidate(cast.cell_a, Stage.SYMPATHIZER, full_name="Trần Thị Bích", is_open=False,
                          exit_reason=ExitReason.WITHDRAWN, exit_date=datetime.date(2020, 1, 1))  # fmt: skip
    record = ImportRecord.objects.create(
        kind="candidates", file_name="ds.xlsx", sha256="0" * 64, file_format="xlsx",
        details={"rows": [{"number": "3", "status": "new", "label": "Trần Thị Bích (05/03/2000)", "messages": ["x"]},
                          {"number": "4", "status": "new", "label": "Trần Thị Bíchh", "messages": ["y"]}]},
    )  # fmt: skip
    entry = RegisterEntry.objects.create(
        document_kind="decision", number="12-QĐ/ĐU", source="register", subject_key=f"person:{gone.pk}",
        subject_label="Kết nạp Trần Thị Bích", issuer=cast.cell_a, scope_unit=cast.cell_a,
        document_date=datetime.date(2019, 5, 1),
    )  # fmt: skip
    entry.candidates.add(gone)
    PaperFacts.objects.create(candidate=gone, kind="helper-assessment", data={"nhận xét": "Tốt"})

    assert anonymize_exited(datetime.date(2026, 12, 2)) == 1
    record.refresh_from_db()
    entry.refresh_from_db()
    labels = [row["label"] for row in record.details["rows"]]
    assert labels == [f"Đã ẩn danh {gone.pk}", "Trần Thị Bíchh"]  # a longer name is someone else
    assert entry.subject_label == f"Kết nạp Đã ẩn danh {gone.pk}" and entry.number == "12-QĐ/ĐU"
    assert not PaperFacts.objects.filter(candidate=gone).exists()
