"""The register of numbers: next number per body, kind code and term; a re-print reuses it; a number on
the record is used and the register continues after it; two users at once never get the same number."""

import threading

import pytest
from django.db import connection, connections

from candidates.models import EventKind, ExitReason, Stage, StageEvent
from candidates.tests.factories import make_candidate
from reports.documents.numbering import parse_number, register, term_of
from reports.documents.service import prepare, produce
from reports.models import NumberingTerm, RegisterEntry

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


def test_a_body_with_congress_dates_counts_its_terms_from_them(cast):
    """DOMAIN.md leaves the term's count open: a body's congress dates, when entered, decide it."""
    NumberingTerm.objects.create(issuer=cast.commune, starts_on=D(2020, 7, 15))
    NumberingTerm.objects.create(issuer=cast.commune, starts_on=D(2025, 8, 20), note="Đại hội lần thứ XX")
    assert term_of(D(2020, 7, 14), cast.commune) == "2020–2025"  # before the first date entered: calendar
    assert term_of(D(2025, 8, 19), cast.commune) == "từ 15/07/2020"  # the last day of the term
    assert term_of(D(2025, 8, 20), cast.commune) == "từ 20/08/2025"  # the first day of the next
    assert term_of(D(2025, 8, 20), cast.grassroots) == "2025–2030"  # another body keeps the calendar
    a = struck(cast.cell_a, "Đỗ Văn Ưng", D(2024, 12, 20))
    b = struck(cast.cell_a, "Lý Thị Ển", D(2025, 8, 19))
    c = struck(cast.cell_b, "Hà Văn Mới", D(2025, 8, 20))
    numbers = [
        produce(user=cast.commune_staff, slug="strike-off", fmt="pdf", candidate_id=p.pk).entry for p in (a, b, c)
    ]
    assert [(e.number, e.term) for e in numbers] == [
        ("01-QĐ/ĐU", "từ 15/07/2020"),
        ("02-QĐ/ĐU", "từ 15/07/2020"),  # no new count on 01/01/2025: the term ran until the congress
        ("01-QĐ/ĐU", "từ 20/08/2025"),
    ]
    assert all(e.issuer == cast.commune for e in numbers)


def test_congress_dates_are_kept_in_the_admin(cast, client, django_user_model):
    from django.urls import reverse

    client.force_login(django_user_model.objects.create_superuser("root", password="x"))
    response = client.post(
        reverse("admin:reports_numberingterm_add"),
        {"issuer": cast.commune.pk, "starts_on": "20/08/2025", "note": "Đại hội lần thứ XX"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert term_of(D(2025, 8, 20), cast.commune) == "từ 20/08/2025"
    listing = client.get(reverse("admin:reports_numberingterm_changelist")).content.decode()
    assert "nhiệm kỳ của cơ quan ban hành" in listing.lower() and "Đại hội lần thứ XX" in listing


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
