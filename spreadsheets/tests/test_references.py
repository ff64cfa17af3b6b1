"""checked_per_key: the foreign keys of a bulk write checked once per key (PostgreSQL), refused as
the triggers refuse them, the rows pointed to locked as the triggers lock them; elsewhere, the
triggers as usual. The tests commit (transaction=True): the checks they compare run at the end of
a transaction."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from candidates.models import Candidate, EventKind, Stage, StageEvent
from candidates.tests.factories import make_candidate
from imports.services import run_import
from imports.tests.helpers import xlsx
from spreadsheets import references
from spreadsheets.bulk import insert_rows
from spreadsheets.references import checked_per_key
from units.models import UnitKind
from units.services import unit_create

pytestmark = pytest.mark.django_db(transaction=True)

POSTGRES = connection.vendor == "postgresql"
EVENTS = StageEvent._meta.db_table


def _event(person, unit_id) -> dict:
    return {
        "candidate_id": person.pk,
        "kind": EventKind.RECORD,
        "action": "Ghi thử",
        "from_stage": Stage.SOURCE,
        "to_stage": Stage.SOURCE,
        "legal_date": datetime.date(2024, 3, 1),
        "unit_id": unit_id,
        "imported": True,
    }


def _role() -> str:
    """The setting that turns the triggers off, as the session has it ("origin": on)."""
    if not POSTGRES:
        return "origin"
    with connection.cursor() as cursor:
        cursor.execute("SHOW session_replication_role")
        return cursor.fetchone()[0]


def test_a_key_pointing_nowhere_is_refused_and_nothing_is_written(cast):
    person = make_candidate(cast.cell_a)
    before = StageEvent.objects.count()
    with pytest.raises(IntegrityError) as refused:
        with transaction.atomic(), checked_per_key(StageEvent) as once_per_key:
            insert_rows(StageEvent, [_event(person, cast.cell_a.pk), _event(person, 987654)])
    # PostgreSQL checks once per key when the block ends, the message naming the key; SQLite's
    # triggers refuse at the commit, as always.
    assert once_per_key is POSTGRES
    if POSTGRES:
        message = str(refused.value)
        assert "tổ chức đảng số 987654" in message
        assert "“chi bộ lúc ghi”" in message
        assert "Không dòng nào được ghi." in message
    assert StageEvent.objects.count() == before


def test_valid_keys_are_written_and_the_rows_they_point_to_are_locked(cast):
    person = make_candidate(cast.cell_a)
    with transaction.atomic():
        with checked_per_key(StageEvent) as once_per_key:
            insert_rows(StageEvent, [_event(person, cast.cell_b.pk), _event(person, cast.cell_b.pk)])
        if once_per_key:
            assert _role() == "origin"  # the triggers fire again for what follows
            # Until this transaction ends, nobody may delete (or lock for update) the unit the new
            # rows point to, as with the triggers' own FOR KEY SHARE; another unit stays free.
            import psycopg2

            other = psycopg2.connect(**connection.get_connection_params())
            try:
                with other.cursor() as cursor:
                    with pytest.raises(psycopg2.errors.LockNotAvailable):
                        cursor.execute(
                            "SELECT id FROM units_partyunit WHERE id = %s FOR UPDATE NOWAIT", [cast.cell_b.pk]
                        )
                    other.rollback()
                    # The lock is the triggers' own, FOR KEY SHARE: an update that leaves the key
                    # alone still may (FOR SHARE would refuse it).
                    cursor.execute(
                        "SELECT id FROM units_partyunit WHERE id = %s FOR NO KEY UPDATE NOWAIT", [cast.cell_b.pk]
                    )
                    assert cursor.fetchall() == [(cast.cell_b.pk,)]
                    other.rollback()
                    cursor.execute("SELECT id FROM units_partyunit WHERE id = %s FOR UPDATE NOWAIT", [cast.cell_a.pk])
                    assert cursor.fetchall() == [(cast.cell_a.pk,)]
            finally:
                other.close()
    assert StageEvent.objects.filter(candidate=person, unit=cast.cell_b).count() == 2


def test_without_the_right_the_triggers_check_every_row(cast, monkeypatch):
    monkeypatch.setattr(references, "_may_skip_triggers", lambda conn, tables: False)
    person = make_candidate(cast.cell_a)
    with pytest.raises(IntegrityError):
        with transaction.atomic(), checked_per_key(StageEvent) as once_per_key:
            insert_rows(StageEvent, [_event(person, 987654)])
            assert _role() == "origin"
    assert once_per_key is False
    assert StageEvent.objects.filter(candidate=person).count() == 0


@pytest.mark.skipif(not POSTGRES, reason="roles, triggers and session_replication_role are PostgreSQL's")
def test_who_may_turn_the_triggers_off(db):
    assert references._may_skip_triggers(connection, [EVENTS])
    with connection.cursor() as cursor:
        cursor.execute("CREATE ROLE dv_refs_test NOLOGIN")
        try:
            if connection.pg_version < 150000:  # pragma: no cover - no GRANT SET ON PARAMETER before 15
                with transaction.atomic():
                    cursor.execute("SET LOCAL ROLE dv_refs_test")
                    assert not references._may_skip_triggers(connection, [EVENTS])
                return
            # A plain role may not; given the right (PostgreSQL >= 15), it may.
            with transaction.atomic():
                cursor.execute("SET LOCAL ROLE dv_refs_test")
                assert not references._may_skip_triggers(connection, [EVENTS])
            cursor.execute("GRANT SET ON PARAMETER session_replication_role TO dv_refs_test")
            with transaction.atomic():
                cursor.execute("SET LOCAL ROLE dv_refs_test")
                assert references._may_skip_triggers(connection, [EVENTS])
            cursor.execute("REVOKE SET ON PARAMETER session_replication_role FROM dv_refs_test")
        finally:
            cursor.execute("DROP ROLE dv_refs_test")
        # A table with a trigger of its own: session_replication_role would silence it too.
        cursor.execute("CREATE FUNCTION dv_refs_noop() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$")
        try:
            cursor.execute(
                f"CREATE TRIGGER dv_refs_noop BEFORE INSERT ON {EVENTS} FOR EACH ROW EXECUTE FUNCTION dv_refs_noop()"
            )
            assert not references._may_skip_triggers(connection, [EVENTS])
            assert references._may_skip_triggers(connection, [Candidate._meta.db_table])
        finally:
            cursor.execute("DROP FUNCTION dv_refs_noop() CASCADE")
        # A rule, or a deferrable unique constraint (checked by an internal trigger): the same.
        for create, drop in [
            (
                f"CREATE RULE dv_refs_rule AS ON UPDATE TO {EVENTS} DO INSTEAD NOTHING",
                f"DROP RULE dv_refs_rule ON {EVENTS}",
            ),
            (
                f"ALTER TABLE {EVENTS} ADD CONSTRAINT dv_refs_unique UNIQUE (document_number, note) DEFERRABLE",
                f"ALTER TABLE {EVENTS} DROP CONSTRAINT dv_refs_unique",
            ),
        ]:
            cursor.execute(create)
            try:
                assert not references._may_skip_triggers(connection, [EVENTS])
            finally:
                cursor.execute(drop)
    assert references._may_skip_triggers(connection, [EVENTS])


def test_a_list_import_writes_its_new_people_checked_once_per_key(cast):
    header = ["Họ và tên", "Ngày sinh", "Giới tính", "Mã chi bộ", "Ngày vào danh sách cảm tình Đảng"]
    rows = [[f"Lê Thị Mới {i}", datetime.date(1995, 1, 1 + i), "Nữ", "P-C1-G1-A", "01/03/2024"] for i in range(12)]
    with transaction.atomic(), CaptureQueriesContext(connection) as ctx:
        outcome = run_import(
            kind="candidates", data=xlsx([header, *rows]), file_name="ds.xlsx", user=cast.commune_staff, dry_run=False
        )
        assert outcome.committed, outcome.error_lines()[:3]
        assert _role() == "origin"
    statements = [q["sql"] for q in ctx.captured_queries]
    turned_off = [i for i, sql in enumerate(statements) if "'session_replication_role', 'replica'" in sql]
    assert len(turned_off) == (1 if POSTGRES else 0)
    if POSTGRES:
        # Between the triggers turned off and back on: inserts into the checked tables only.
        back_on = next(
            i for i in range(turned_off[0] + 1, len(statements)) if "session_replication_role" in statements[i]
        )
        inside = statements[turned_off[0] + 1 : back_on]
        checked = {f'INSERT INTO "{m._meta.db_table}"' for m in (Candidate, Candidate.history.model, StageEvent)}
        assert inside and all(any(sql.startswith(c + " ") for c in checked) for sql in inside), inside
    people = Candidate.objects.filter(full_name__startswith="Lê Thị Mới")
    assert people.count() == 12
    assert set(people.values_list("cell_id", flat=True)) == {cast.cell_a.pk}
    events = StageEvent.objects.filter(candidate__in=people)
    assert events.count() == 24  # each one's creation and the sympathizer milestone
    assert set(events.values_list("entered_by_id", "unit_id")) == {(cast.commune_staff.pk, cast.cell_a.pk)}
    assert set(Candidate.history.filter(id__in=people).values_list("history_user_id", flat=True)) == {
        cast.commune_staff.pk
    }


def test_an_error_inside_the_block_rolls_everything_back_and_turns_the_triggers_on(cast):
    person = make_candidate(cast.cell_a)
    with transaction.atomic():
        with pytest.raises(RuntimeError):
            with checked_per_key(StageEvent):
                insert_rows(StageEvent, [_event(person, cast.cell_a.pk)])
                raise RuntimeError("caught by the caller")
        # Caught inside the transaction: it is rolled back all the same (the rows were not checked;
        # SQLite's triggers check them at the commit, as always).
        assert transaction.get_rollback() is POSTGRES
    assert _role() == "origin"
    assert StageEvent.objects.filter(candidate=person).count() == (0 if POSTGRES else 1)


def test_a_unit_deleted_by_someone_else_before_the_check_is_refused(cast):
    """The unit is deleted and committed by another session after the rows pointing to it were
    inserted (no trigger fired to lock it) and before the block ends: the check finds it gone."""
    person = make_candidate(cast.cell_a)
    doomed = unit_create(parent=cast.grassroots, code="P-C1-G1-Z", name="Chi bộ sắp giải thể", kind=UnitKind.CELL)
    with pytest.raises(IntegrityError) as refused:
        with transaction.atomic(), checked_per_key(StageEvent) as once_per_key:
            insert_rows(StageEvent, [_event(person, doomed.pk)])
            if once_per_key:
                import psycopg2

                other = psycopg2.connect(**connection.get_connection_params())
                try:
                    with other.cursor() as cursor:
                        cursor.execute("DELETE FROM units_partyunit WHERE id = %s", [doomed.pk])
                        assert cursor.rowcount == 1
                    other.commit()
                finally:
                    other.close()
            else:
                with connection.cursor() as cursor:  # SQLite: one writer; its commit refuses
                    cursor.execute("DELETE FROM units_partyunit WHERE id = %s", [doomed.pk])
    if POSTGRES:
        assert f"tổ chức đảng số {doomed.pk}" in str(refused.value)
    assert StageEvent.objects.filter(candidate=person).count() == 0
