"""Fast bulk writes for imports: multi-row INSERTs built once per page of rows.

Django's bulk_create compiles every value through the SQL compiler (and, on SQLite, splits wide
tables into batches of 999 parameters); for the append-only rows of an import — StageEvents and
history rows, whose primary keys nobody needs back — a plain multi-row INSERT with the fields'
own `get_db_prep_save` conversion is several times faster and still a handful of queries.
"""

import sqlite3

from django.db import DEFAULT_DB_ALIAS, connection, connections, models
from django.db.models import Model
from django.utils import timezone


def _param_limit() -> int:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        try:
            return connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        except (AttributeError, sqlite3.Error):  # pragma: no cover - Python < 3.11
            return 999
    return 65535


def insert_values(model: type[Model], columns: list, rows: list[list], *, returning: bool = False) -> list:
    """INSERT rows of already-prepared values into model's table, many rows per statement; with
    `returning`, the new primary keys in row order (INSERT … RETURNING, SQLite ≥ 3.35 and
    PostgreSQL, as Django's own bulk_create relies on)."""
    if not rows:
        return []
    qn = connection.ops.quote_name
    per_page = max(1, min(1000, _param_limit() // len(columns)))
    head = f"INSERT INTO {qn(model._meta.db_table)} ({', '.join(qn(c.column) for c in columns)}) VALUES "
    tail = f" RETURNING {qn(model._meta.pk.column)}" if returning else ""
    one = "(" + ", ".join(["%s"] * len(columns)) + ")"
    keys = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_page):
            page = rows[start : start + per_page]
            cursor.execute(head + ", ".join([one] * len(page)) + tail, [v for row in page for v in row])
            if returning:
                keys += [row[0] for row in cursor.fetchall()]
    return keys


# Fields whose Python value is already what the database driver takes (str, int, bool, None):
# skipping get_db_prep_save for them (and going straight to the date adapter for dates) makes
# preparing a wide row several times cheaper.
_PLAIN = (models.CharField, models.TextField, models.BooleanField, models.IntegerField, models.ForeignKey)


def _converters(fields: list) -> list:
    conn = connections[DEFAULT_DB_ALIAS]
    out = []
    for f in fields:
        if isinstance(f, models.DateTimeField):
            out.append(lambda v, f=f: f.get_db_prep_save(v, conn))
        elif isinstance(f, models.DateField):
            out.append(conn.ops.adapt_datefield_value)
        elif isinstance(f, _PLAIN):
            out.append(None)
        else:
            out.append(lambda v, f=f: f.get_db_prep_save(v, conn))
    return out


def _row(values: list, converters: list) -> list:
    return [v if c is None else c(v) for v, c in zip(values, converters, strict=True)]


def insert_objects(model: type[Model], objs: list[Model], *, returning: bool = False) -> None:
    """INSERT new model instances; with `returning`, their primary keys are set on them."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    converters = _converters(fields)
    auto = [f for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
    names = [f.attname for f in fields]
    rows = []
    for obj in objs:
        for f in auto:
            f.pre_save(obj, True)
        rows.append(_row([getattr(obj, n) for n in names], converters))
    keys = insert_values(model, fields, rows, returning=returning)
    for obj, key in zip(objs, keys, strict=returning):
        obj.pk = key
        obj._state.adding = False
        obj._state.db = connection.alias


def update_objects(model: type[Model], objs: list[Model], names: list[str]) -> None:
    """UPDATE the given fields of saved instances, by primary key: one executemany on SQLite, one
    UPDATE … FROM (VALUES …) per page on PostgreSQL."""
    if not objs:
        return
    fields = [model._meta.get_field(n) for n in names]
    pk = model._meta.pk
    qn = connection.ops.quote_name
    table = qn(model._meta.db_table)
    converters = _converters(fields)
    rows = [_row([getattr(obj, f.attname) for f in fields], converters) for obj in objs]
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            sets = ", ".join(f"{qn(f.column)} = %s" for f in fields)
            cursor.executemany(
                f"UPDATE {table} SET {sets} WHERE {qn(pk.column)} = %s",
                [row + [obj.pk] for row, obj in zip(rows, objs, strict=True)],
            )
            return
        casts = [f"CAST(%s AS {f.db_type(connection)})" for f in fields] + [f"CAST(%s AS {pk.db_type(connection)})"]
        one = "(" + ", ".join(casts) + ")"
        names_v = ", ".join([f"c{i}" for i in range(len(fields))] + ["k"])
        sets = ", ".join(f"{qn(f.column)} = v.c{i}" for i, f in enumerate(fields))
        per_page = 1000
        for start in range(0, len(objs), per_page):
            page = list(zip(rows[start : start + per_page], objs[start : start + per_page], strict=True))
            cursor.execute(
                f"UPDATE {table} SET {sets} FROM (VALUES {', '.join([one] * len(page))}) AS v({names_v}) "
                f"WHERE {table}.{qn(pk.column)} = v.k",
                [v for row, obj in page for v in [*row, obj.pk]],
            )


def insert_history(model: type[Model], objs: list[Model], *, history_type: str, user=None) -> None:
    """The django-simple-history rows of saved instances ("+" created, "~" changed), as
    `bulk_history_create` writes them, without building a historical instance per row."""
    history = model.history.model
    now = timezone.now()
    user_id = getattr(user, "pk", None)
    special = {"history_date": now, "history_user_id": user_id, "history_type": history_type}
    fields = [f for f in history._meta.concrete_fields if f.attname != "history_id"]
    converters = _converters(fields)
    names = [f.attname for f in fields]
    rows = [_row([special[n] if n in special else _value(obj, n) for n in names], converters) for obj in objs]
    insert_values(history, fields, rows)


def _value(obj, attname):
    if attname == "history_change_reason":
        return None
    return getattr(obj, attname)
