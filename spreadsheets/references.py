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

from django.db import DEFAULT_DB_ALIAS, DatabaseError, IntegrityError, connections, models
from django.db.models import Model


def _checked_keys(model: type[Model]) -> list:
    """The model's foreign keys the database enforces."""
    return [f for f in model._meta.concrete_fields if isinstance(f, models.ForeignKey) and f.db_constraint]


def _may_skip_triggers(conn, tables: list[str]) -> bool:
    """Whether this role may turn the triggers off, and no table has a trigger or rule of its own
    (session_replication_role would silence those too)."""
    if conn.vendor != "postgresql":
        return False
    may_set = "current_setting('is_superuser') = 'on'"
    if conn.pg_version >= 150000:
        may_set += " OR has_parameter_privilege('session_replication_role', 'SET')"
    with conn.cursor() as cursor:
        cursor.execute(
            f"SELECT ({may_set}), "
            "EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = ANY(%s::regclass[]) AND NOT tgisinternal) "
            "OR EXISTS (SELECT 1 FROM pg_rules WHERE schemaname = current_schema() AND tablename = ANY(%s))",
            [tables, tables],
        )
        may, own_triggers = cursor.fetchone()
    return bool(may) and not own_triggers


class DanglingReference(IntegrityError):
    """A key written inside checked_per_key points to no row."""


@contextlib.contextmanager
def checked_per_key(*written: type[Model], using: str = DEFAULT_DB_ALIAS):
    """The rows `written` models get inside the block: foreign keys checked once per key at its
    end (see the module's text). Yields whether it does (False: the triggers check every row)."""
    conn = connections[using]
    qn = conn.ops.quote_name
    tables = [m._meta.db_table for m in written]
    if not conn.in_atomic_block or not _may_skip_triggers(conn, tables):
        yield False
        return
    with conn.cursor() as cursor:
        cursor.execute(
            "SELECT " + ", ".join(f"(SELECT MAX({qn(m._meta.pk.column)}) FROM {qn(m._meta.db_table)})" for m in written)
        )
        before = [b or 0 for b in cursor.fetchone()]
        cursor.execute("SET LOCAL session_replication_role = replica")
    try:
        yield True
    except BaseException:
        # The transaction (or its savepoint) is rolled back, the setting with it; set back now too,
        # in case the caller goes on in this transaction (fails if the error aborted it: no matter).
        with contextlib.suppress(DatabaseError), conn.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = origin")
        raise
    with conn.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = origin")
        pointed: dict = {}  # field pointed to -> {key: (model, field) pointing}
        for model, floor in zip(written, before, strict=True):
            keys = _checked_keys(model)
            if not keys:
                continue
            cursor.execute(
                "SELECT "
                + ", ".join(f"array_agg(DISTINCT {qn(f.column)})" for f in keys)
                + f" FROM {qn(model._meta.db_table)} WHERE {qn(model._meta.pk.column)} > %s",
                [floor],
            )
            for f, values in zip(keys, cursor.fetchone(), strict=True):
                found = pointed.setdefault(f.target_field, {})
                for value in values or ():
                    if value is not None:
                        found.setdefault(value, (model, f))
        for target, refs in pointed.items():
            if not refs:
                continue
            table, column = qn(target.model._meta.db_table), qn(target.column)
            # Joined to the keys unnested (a long `= ANY(array)` may be planned as a scan testing
            # every row against every key: 0,7 s for 20.000 new people, 20 ms this way).
            cursor.execute(
                f"SELECT p.{column} FROM unnest(%s::{target.db_type(conn)}[]) AS k(key) "
                f"JOIN {table} AS p ON p.{column} = k.key FOR KEY SHARE OF p",
                [list(refs)],
            )
            missing = set(refs).difference(k for (k,) in cursor.fetchall())
            if missing:
                key = min(missing)
                model, f = refs[key]
                raise DanglingReference(
                    f"Mục “{f.verbose_name}” của dữ liệu vừa ghi ({model._meta.verbose_name}) trỏ tới "
                    f"{target.model._meta.verbose_name} số {key}, nhưng không còn {target.model._meta.verbose_name} "
                    "này (có thể vừa bị xoá). Không dòng nào được ghi."
                )
