"""The register of numbers: next number per body, kind code and term; a re-print reuses it; a number on
the record is used and the register continues after it; two users at once never get the same number."""

import threading

import pytest
from django.db import connection, connections

from candidates.models import EventKind, ExitReason, Stage, StageEvent
from candidates.tests.factories import make_candidate
from reports.documents.numbering import parse_number, register, term_of
from reports.documents.service import prepare, produce
from reports.models import RegisterEntry

from .documents_data import D

FEB_3 = D(2025, 2, 3)


def struck(cell, name, day=FEB_3):
    c = make_candidate(
        cell, Stage.PROBATIONARY, full_name=name, is_open=False, exit_reason=ExitReason.STRUCK_OFF, exit_date=day
    )
    StageEvent.objects.create(candidate=c, kind=EventKind.EXIT, action="Xóa tên", legal_date=day, unit=cell)
    return c


def test_terms_and_number_parsing():
    assert term_of(D(2024, 12, 31)) == "2020–2025"
    assert term_of(D(2025, 1, 1)) == "2025–2030"
    assert parse_number("45-QĐ/ĐU") == (45, "QĐ")
    assert parse_number("Số 45/QĐ") == (None, "")


def test_next_number_and_reprint(cast):
    a, b = struck(cast.cell_a, "Đỗ Văn Ưng"), struck(cast.cell_b, "Lý Thị Ển")
    first = produce(user=cast.commune_staff, slug="strike-off", fmt="pdf", candidate_id=a.pk).entry
    second = produce(user=cast.commune_staff, slug="strike-off", fmt="pdf", candidate_id=b.pk).entry
    assert (first.number, second.number) == ("01-QĐ/ĐU", "02-QĐ/ĐU")
    again = produce(user=cast.province_staff, slug="strike-off", fmt="docx", candidate_id=a.pk).entry
    assert again.pk == first.pk and again.number == "01-QĐ/ĐU"
    again.refresh_from_db()
    assert again.print_count == 2 and again.created_by == cast.commune_staff
    assert list(again.candidates.all()) == [a]
    assert RegisterEntry.objects.count() == 2


def test_a_new_term_starts_again_at_one(cast):
    a = struck(cast.cell_a, "Đỗ Văn Ưng", D(2024, 12, 20))
    b = struck(cast.cell_a, "Lý Thị Ển", D(2025, 1, 6))
    assert produce(user=cast.commune_staff, slug="strike-off", fmt="pdf", candidate_id=a.pk).entry.number == "01-QĐ/ĐU"
    entry = produce(user=cast.commune_staff, slug="strike-off", fmt="pdf", candidate_id=b.pk).entry
    assert (entry.number, entry.term) == ("01-QĐ/ĐU", "2025–2030")


def test_a_recorded_number_is_used_and_the_register_continues_after_it(cast):
    admitted = make_candidate(cast.cell_a, Stage.DECIDED, decision_number="45-QĐ/ĐU", decision_date=D(2025, 3, 3))
    entry = produce(user=cast.commune_staff, slug="decision", fmt="pdf", candidate_id=admitted.pk).entry
    assert (entry.number, entry.source) == ("45-QĐ/ĐU", RegisterEntry.Source.RECORDED)
    off = struck(cast.cell_a, "Đỗ Văn Ưng", D(2025, 4, 1))
    assert (
        produce(user=cast.commune_staff, slug="strike-off", fmt="pdf", candidate_id=off.pk).entry.number == "46-QĐ/ĐU"
    )


def test_a_read_only_user_cannot_take_a_number(cast):
    from django.core.exceptions import PermissionDenied

    a = struck(cast.cell_a, "Đỗ Văn Ưng")
    with pytest.raises(PermissionDenied):
        produce(user=cast.viewer, slug="strike-off", fmt="pdf", candidate_id=a.pk)
    with pytest.raises(PermissionDenied):  # committee acts are not the cell secretary's
        produce(user=cast.secretary_a, slug="strike-off", fmt="pdf", candidate_id=a.pk)
    assert RegisterEntry.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_two_users_at_once_get_different_numbers(cast):
    people = [struck(cast.cell_a, f"Người Thứ {i}") for i in range(6)]
    prepared = [prepare(user=cast.commune_staff, slug="strike-off", candidate_id=p.pk) for p in people]
    if connection.vendor != "postgresql":
        # SQLite serializes writers (immediate transactions): sequential calls are what happens.
        numbers = [register(p, user=cast.commune_staff).number for p in prepared]
    else:
        numbers, errors = [], []
        barrier = threading.Barrier(len(prepared))

        def work(p):
            try:
                barrier.wait()
                numbers.append(register(p, user=cast.commune_staff).number)
            except Exception as exc:  # pragma: no cover - reported below
                errors.append(exc)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=work, args=(p,)) for p in prepared]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
    assert sorted(numbers) == [f"0{i}-QĐ/ĐU" for i in range(1, 7)]
