"""The list import's bulk write (column-wise INSERTs, history copied in SQL) writes what the ORM
writes: every field of the person, the field-history row, the events with their values."""

import datetime

import pytest

from candidates.clock import today
from candidates.models import Candidate, EventKind, Sex, Stage, StageEvent
from candidates.resources.list_write import ListWrite
from candidates.tests.factories import make_candidate
from imports.services import run_import

from .helpers import xlsx

pytestmark = pytest.mark.django_db

HEADER = [
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Mã chi bộ",
    "Dân tộc",
    "Nơi làm việc",
    "Ngày vào danh sách cảm tình Đảng",
    "Ngày nghị quyết chi bộ",
    "Số quyết định kết nạp",
    "Ngày quyết định kết nạp",
]
# Fields that differ between two people by construction (key, cell, instants).
OWN = {"id", "cell", "admitting_unit", "created_at", "updated_at"}
HISTORY_OWN = {"history_id", "history_date", "id", "cell", "admitting_unit", "created_at", "updated_at"}
EVENT_FIELDS = [
    "kind",
    "action",
    "from_stage",
    "to_stage",
    "legal_date",
    "document_number",
    "note",
    "data",
    "entered_by_id",
    "imported",
    "corrects_id",
    "voids_id",
    "undo",
]


def _values(obj, skip):
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields if f.name not in skip}


# 1: on PostgreSQL, every new person is a slice of their own (an INSERT each, their events built by
# the second thread while the next slice is written): the same rows, in the same order.
@pytest.mark.parametrize("write_slice", [5000, 1])
def test_bulk_list_import_writes_what_the_orm_writes(cast, monkeypatch, write_slice):
    monkeypatch.setattr(ListWrite, "write_slice", write_slice)
    user = cast.commune_staff
    existing = make_candidate(cast.cell_a, full_name="Lê Văn Đã Có", birth_date=datetime.date(1990, 2, 3))
    history_before = existing.history.count()
    rows = [
        HEADER,
        # Messy text: the write normalizes it as Candidate.save() does.
        [" Nguyễn  Thị   Hà ", datetime.date(1996, 4, 5), "Nữ", cast.cell_a.code, "Kinh", "Trường  Tiểu học"],
        [
            "Trần Văn Bình",
            datetime.date(1994, 1, 2),
            "Nam",
            cast.cell_a.code,
            "Tày",
            "",
            datetime.date(2023, 1, 10),
            datetime.date(2023, 9, 1),
            "12-QĐ/ĐU",
            datetime.date(2023, 10, 2),
        ],
        ["Lê Văn Đã Có", datetime.date(1990, 2, 3), "Nam", cast.cell_a.code, "", "", datetime.date(2024, 3, 5)],
    ]
    outcome = run_import(
        kind="candidates",
        data=xlsx(rows),
        file_name="ds.xlsx",
        user=user,
        dry_run=False,
        options={"file_name": "ds.xlsx"},
    )
    assert outcome.committed, outcome.error_lines()
    ha = Candidate.objects.get(cell=cast.cell_a, search_name="nguyen thi ha")
    binh = Candidate.objects.get(cell=cast.cell_a, search_name="tran van binh")

    # The same people written one by one through the ORM (save() normalizes, the history signal
    # writes the "+" row).
    references = []
    for values in (
        {
            "full_name": " Nguyễn  Thị   Hà ",
            "birth_date": datetime.date(1996, 4, 5),
            "sex": Sex.FEMALE,
            "workplace": "Trường  Tiểu học",
        },
        {
            "full_name": "Trần Văn Bình",
            "birth_date": datetime.date(1994, 1, 2),
            "sex": Sex.MALE,
            "ethnicity": "Tày",
            "sympathizer_date": datetime.date(2023, 1, 10),
            "cell_resolution_date": datetime.date(2023, 9, 1),
            "decision_number": "12-QĐ/ĐU",
            "decision_date": datetime.date(2023, 10, 2),
            "stage": Stage.DECIDED,
            "admitting_unit": cast.cell_b,
        },
    ):
        reference = Candidate(cell=cast.cell_b, **values)
        reference._history_user = user
        reference.save()
        references.append(reference)

    for imported, reference in zip((ha, binh), references, strict=True):
        reference.refresh_from_db()
        assert _values(imported, OWN) == _values(reference, OWN)
        assert imported.created_at == imported.updated_at is not None
        written = imported.history.get()
        expected = reference.history.get()
        assert _values(written, HISTORY_OWN) == _values(expected, HISTORY_OWN)
        assert (written.history_type, written.history_user_id) == ("+", user.pk)
        assert (written.id, written.cell_id, written.admitting_unit_id) == (
            imported.pk,
            imported.cell_id,
            imported.admitting_unit_id,
        )
        assert written.created_at == imported.created_at and written.updated_at == imported.updated_at
    assert ha.workplace == "Trường Tiểu học" and ha.full_name == "Nguyễn Thị Hà"
    assert binh.admitting_unit_id == cast.cell_a.pk and binh.stage == Stage.DECIDED

    note = "Nhập từ tệp ds.xlsx"
    data = {"imported_from": "ds.xlsx"}
    common = {"note": note, "entered_by_id": user.pk, "imported": True, "corrects_id": None, "voids_id": None}
    common["undo"] = {}
    source = {"kind": EventKind.CREATE, "action": "Đưa vào danh sách tạo nguồn", "from_stage": "", "data": {}}
    source |= {"to_stage": Stage.SOURCE, "document_number": ""}

    def events(candidate):
        found = list(candidate.events.order_by("id"))
        assert all(e.unit_id == cast.cell_a.pk and e.entered_at == found[0].entered_at for e in found)
        return [{f: getattr(e, f) for f in EVENT_FIELDS} for e in found]

    assert events(ha) == [common | source | {"legal_date": today()}]  # no dates in the row: the day of the import
    transition = common | {"kind": EventKind.TRANSITION, "data": data}
    assert events(binh) == [
        common | source | {"legal_date": datetime.date(2023, 1, 10)},
        transition
        | {
            "action": "Vào danh sách cảm tình Đảng",
            "from_stage": Stage.SOURCE,
            "to_stage": Stage.SYMPATHIZER,
            "legal_date": datetime.date(2023, 1, 10),
            "document_number": "",
        },
        transition
        | {
            "action": "Nghị quyết chi bộ đề nghị kết nạp",
            "from_stage": Stage.SYMPATHIZER,
            "to_stage": Stage.PROPOSED,
            "legal_date": datetime.date(2023, 9, 1),
            "document_number": "",
        },
        transition
        | {
            "action": "Quyết định kết nạp",
            "from_stage": Stage.PROPOSED,
            "to_stage": Stage.DECIDED,
            "legal_date": datetime.date(2023, 10, 2),
            "document_number": "12-QĐ/ĐU",
        },
    ]

    # The person already in the cell: updated in place, a "~" history row equal to the row now.
    existing_version = existing.version
    existing.refresh_from_db()
    assert (existing.stage, existing.sympathizer_date) == (Stage.SYMPATHIZER, datetime.date(2024, 3, 5))
    assert existing.version == existing_version + 1
    assert existing.history.count() == history_before + 1
    latest = existing.history.latest("history_id")
    assert (latest.history_type, latest.history_user_id) == ("~", user.pk)
    copied = _values(latest, {"history_id", "history_date", "history_type", "history_user", "history_change_reason"})
    assert copied == {k: getattr(existing, k) for k in copied}
    assert events(existing)[-1] == transition | {
        "action": "Vào danh sách cảm tình Đảng",
        "from_stage": Stage.SOURCE,
        "to_stage": Stage.SYMPATHIZER,
        "legal_date": datetime.date(2024, 3, 5),
        "document_number": "",
    }
    assert StageEvent.objects.filter(candidate__cell=cast.cell_a, imported=True).count() == 6
    # One instant for the whole write (one transaction), whatever the slices.
    instants = {ha.created_at, binh.created_at, existing.updated_at}
    instants |= set(StageEvent.objects.filter(imported=True).values_list("entered_at", flat=True))
    assert len(instants) == 1
    # The new people's keys follow the file's order, their events the people's.
    assert ha.pk < binh.pk
    assert max(e.pk for e in ha.events.all()) < min(e.pk for e in binh.events.all())
