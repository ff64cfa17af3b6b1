"""Foreign keys of a bulk write checked once per key instead of once per row (PostgreSQL).

PostgreSQL checks a foreign key with a trigger per written row and key, queued until the commit:
for a list of 20.000 new people (20.000 rows, 40.000 events, 20.000 history rows) that is about
160.000 checks, each a small query of its own, and half of the write's time.

`checked_per_key(*models)`: inside the block, when the database role may set
`session_replication_role` (a superuser, or on PostgreSQL ≥ 15 a role given
`GRANT SET ON PARAMETER session_replication_role`) and the models' tables carry no trigger or rule
of their own, the foreign-key triggers do not fire for the block's statements. When the block
ends, every foreign key of the rows it inserted is checked in SQL: the distinct keys of each column
(one statement per table), then the rows they point to, locked FOR KEY SHARE as the triggers lock
them (a concurrent delete of a unit or a user waits for this transaction, then fails its own check;
one statement per table pointed to). A key pointing to no row raises IntegrityError, and the
transaction is rolled back, as it would have been at the commit. This is what pg_restore does with
--disable-triggers, with the check it leaves out.

The block covers inserted rows only (those whose key is above the highest key when it began):
updates and deletes must stay outside it. Elsewhere (SQLite, a role without the right, a table with
a trigger) it does nothing and the triggers check each row as usual.
"""

import contextlib

from django.db import DEFAULT_DB_ALIAS, DatabaseError, IntegrityError, connections, models, transaction
from django.db.models import Model


def _may_skip_triggers(conn, tables: list[str]) -> bool:
    """Whether this role may turn the triggers off, and nothing on the tables relies on triggers
    but their single-column foreign keys: no trigger or rule of their own, no deferrable unique,
    primary or exclusion constraint (checked by an internal trigger that replica mode silences
    too), no foreign key over several columns (the check below reads one column per key)."""
    if conn.vendor != "postgresql":
        return False
    may_set = "current_setting('is_superuser') = 'on'"
    if conn.pg_version >= 150000:
        may_set += " OR has_parameter_privilege('session_replication_role', 'SET')"
    with conn.cursor() as cursor:
        cursor.execute(
            f"""SELECT ({may_set}),
                   EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = ANY(%(t)s::regclass[]) AND NOT tgisinternal)
                OR EXISTS (SELECT 1 FROM pg_rewrite WHERE ev_class = ANY(%(t)s::regclass[]) AND rulename <> '_RETURN')
                OR EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = ANY(%(t)s::regclass[])
                           AND ((condeferrable AND contype IN ('p', 'u', 'x'))
                                OR (contype = 'f' AND cardinality(conkey) <> 1)))""",
            {"t": [conn.ops.quote_name(t) for t in tables]},
        )
        may, relies_on_triggers = cursor.fetchone()
    return bool(may) and not relies_on_triggers


# The foreign keys the database enforces on the given tables (as the triggers know them, whatever
# the models say): the table's place in the list, column, table pointed to (a quoted name), its
# column, that column's type.
_FOREIGN_KEYS = """
    SELECT array_position(%(t)s::regclass[], c.conrelid), a.attname, c.confrelid::regclass::text, af.attname,
           format_type(af.atttypid, af.atttypmod)
    FROM pg_constraint c
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
    JOIN pg_attribute af ON af.attrelid = c.confrelid AND af.attnum = c.confkey[1]
    WHERE c.contype = 'f' AND c.conrelid = ANY(%(t)s::regclass[])
    ORDER BY 1, 2"""


class DanglingReference(IntegrityError):
    """A key written inside checked_per_key points to no row."""


def _names(written) -> dict:
    """{(table, column): (model, field)} of the written models' foreign keys, for the message."""
    return {
        (m._meta.db_table, f.column): (m, f)
        for m in written
        for f in m._meta.concrete_fields
        if isinstance(f, models.ForeignKey)
    }


def _refused(names: dict, table: str, column: str, pointed: str, key) -> DanglingReference:
    model, field = names.get((table.strip('"'), column), (None, None))
    if field is None:
        return DanglingReference(
            f"{table}.{column} trỏ tới {pointed} = {key}, nhưng không còn dòng này (có thể vừa bị xoá). "
            "Không dòng nào được ghi."
        )
    target = field.remote_field.model._meta.verbose_name
    return DanglingReference(
        f"Mục “{field.verbose_name}” của dữ liệu vừa ghi ({model._meta.verbose_name}) trỏ tới {target} số {key}, "
        f"nhưng không còn {target} này (có thể vừa bị xoá). Không dòng nào được ghi."
    )


@contextlib.contextmanager
def checked_per_key(*written: type[Model], using: str = DEFAULT_DB_ALIAS):
    """The rows `written` models get inside the block: foreign keys checked once per key at its
    end (see the module's text). Yields whether it does (False: the triggers check every row).

    Inside the block: only INSERTs into the tables of `written` (replica mode silences the
    triggers of every table for the session, and only these are checked at the end), with keys
    drawn from their sequences (Django's identity columns, CACHE 1: every key drawn after the block
    began is above the highest key then; explicit keys would escape the check). Rows other
    sessions commit meanwhile are checked and their targets locked too (harmless: they were
    checked by their own triggers)."""
    conn = connections[using]
    qn = conn.ops.quote_name
    tables = [qn(m._meta.db_table) for m in written]
    if not conn.in_atomic_block or not _may_skip_triggers(conn, tables):
        yield False
        return
    with conn.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('session_replication_role'), "
            + ", ".join(f"(SELECT MAX({qn(m._meta.pk.column)}) FROM {qn(m._meta.db_table)})" for m in written)
        )
        previous, *before = cursor.fetchone()
        cursor.execute(_FOREIGN_KEYS, {"t": tables})
        keys = cursor.fetchall()
        cursor.execute("SELECT set_config('session_replication_role', 'replica', true)")
    try:
        yield True
    except BaseException:
        # The setting put back (fails if the error aborted the transaction: it goes with the
        # rollback), and whatever the caller does with the error, the transaction rolled back:
        # with the triggers off, nothing else would refuse what the block wrote.
        with contextlib.suppress(DatabaseError), conn.cursor() as cursor:
            cursor.execute("SELECT set_config('session_replication_role', %s, true)", [previous])
        transaction.set_rollback(True, using=using)
        raise
    names = _names(written)
    try:
        with conn.cursor() as cursor:
            cursor.execute("SELECT set_config('session_replication_role', %s, true)", [previous])
            floors = dict(zip(tables, before, strict=True))
            pointed: dict = {}  # (table, column, type) pointed to -> {key: (table, column) pointing}
            for table in tables:
                columns = [(column, target) for at, column, *target in keys if tables[at - 1] == table]
                if not columns:
                    continue
                pk = next(qn(m._meta.pk.column) for m in written if qn(m._meta.db_table) == table)
                cursor.execute(
                    "SELECT "
                    + ", ".join(f"array_agg(DISTINCT {qn(c)})" for c, _ in columns)
                    + f" FROM {table} WHERE {pk} > %s",
                    [floors[table] or 0],
                )
                for (column, target), values in zip(columns, cursor.fetchone(), strict=True):
                    found = pointed.setdefault(tuple(target), {})
                    for value in values or ():
                        if value is not None:
                            found.setdefault(value, (table, column))
            for (target_table, target_column, target_type), refs in pointed.items():
                if not refs:
                    continue
                column = qn(target_column)
                # Joined to the keys unnested (a long `= ANY(array)` may be planned as a scan testing
                # every row against every key: 0,7 s for 20.000 new people, 20 ms this way).
                cursor.execute(
                    f"SELECT p.{column} FROM unnest(%s::{target_type}[]) AS k(key) "
                    f"JOIN {target_table} AS p ON p.{column} = k.key FOR KEY SHARE OF p",
                    [list(refs)],
                )
                missing = set(refs).difference(k for (k,) in cursor.fetchall())
                if missing:
                    key = min(missing)
                    table, column = refs[key]
                    raise _refused(names, table, column, f"{target_table}.{target_column}", key)
    except BaseException:
        transaction.set_rollback(True, using=using)
        raise
