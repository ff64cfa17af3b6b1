"""Fast bulk writes for imports: a handful of statements whatever the number of rows.

Django's bulk_create compiles every value through the SQL compiler (and, on SQLite, splits wide
tables into batches of 999 parameters). Here:
- insert_rows / copy_history (the list import): column-wise INSERT … SELECT, each constant column
  bound once, the varying ones sent in one pass (a temporary table on SQLite, typed arrays read by
  unnest on PostgreSQL); the history rows copied in SQL from the rows just written;
- insert_objects / insert_history / update_objects (the roster import): row-wise, with the
  fields' own `get_db_prep_save` conversion, several times faster than bulk_create.
"""

import contextlib
import datetime
import gc
import json
import operator
import re
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
        if connection.vendor == "sqlite":
            # One prepared statement run over every row in C: cheaper than building long statements.
            # The keys: SQLite has one writer at a time and this transaction is it, so the new rows
            # take the keys after the highest one, in order.
            pk = qn(model._meta.pk.column)
            table = qn(model._meta.db_table)
            if returning:
                cursor.execute(f"SELECT MAX({pk}) FROM {table}")
                before = cursor.fetchone()[0] or 0
            cursor.executemany(head + one, rows)
            if not returning:
                return []
            cursor.execute(f"SELECT {pk} FROM {table} WHERE {pk} > %s ORDER BY {pk}", [before])
            keys = [row[0] for row in cursor.fetchall()]
            if len(keys) != len(rows):  # pragma: no cover - another writer inside our transaction
                raise RuntimeError("bulk insert: new keys not in sequence")
            return keys
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


def _remembering(convert, *, by_identity: bool = False):
    """A converter that converts each distinct value once (the same `now` on every row of an
    import, a few dates on most rows of a list, one `data` dict shared by many events). Unhashable
    values (dicts) are remembered by identity."""
    memo: dict = {}

    def converted(value):
        key = id(value) if by_identity else value
        hit = memo.get(key)
        if hit is not None and (hit[0] is value or not by_identity):
            return hit[1]
        result = convert(value)
        if len(memo) < 4096:
            memo[key] = (value, result)
        return result

    return converted


def _converters(fields: list) -> list:
    conn = connections[DEFAULT_DB_ALIAS]
    out = []
    for f in fields:
        if isinstance(f, models.DateTimeField):
            out.append(_remembering(lambda v, f=f: f.get_db_prep_save(v, conn)))
        elif isinstance(f, models.DateField):
            out.append(_remembering(conn.ops.adapt_datefield_value))
        elif isinstance(f, _PLAIN):
            out.append(None)
        elif isinstance(f, models.JSONField):
            out.append(_remembering(lambda v, f=f: f.get_db_prep_save(v, conn), by_identity=True))
        else:
            out.append(lambda v, f=f: f.get_db_prep_save(v, conn))
    return [(i, c) for i, c in enumerate(out) if c is not None]


def _row(values, converters: list) -> list:
    """The row's values as the driver takes them: only the fields that need it are converted."""
    values = list(values)
    for i, convert in converters:
        values[i] = convert(values[i])
    return values


def _getter(names: list[str]):
    """obj -> its values for `names`: straight from the instance's __dict__ (one C call), or by
    getattr when a value is not there (a deferred field)."""
    pick = operator.itemgetter(*names)

    def values(obj):
        try:
            found = pick(obj.__dict__)
        except KeyError:
            return [getattr(obj, n) for n in names]
        return found if len(names) > 1 else [found]

    return values


def insert_objects(model: type[Model], objs: list[Model], *, returning: bool = False) -> None:
    """INSERT new model instances; with `returning`, their primary keys are set on them."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    converters = _converters(fields)
    auto = [f.attname for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
    names = [f.attname for f in fields]
    now = timezone.now()  # one instant for the whole write, as one transaction
    values = _getter(names)
    rows = []
    for obj in objs:
        for name in auto:
            setattr(obj, name, now)
        rows.append(_row(values(obj), converters))
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
    values = _getter([f.attname for f in fields])
    rows = [_row(values(obj), converters) for obj in objs]
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
    special["history_change_reason"] = None
    converters = _converters(fields)
    names = [f.attname for f in fields]
    # The model's own values first, then the history's: one C call per row for the former.
    own = [n for n in names if n not in special]
    order = [(own + list(special)).index(n) for n in names]
    values = _getter(own)
    tail = [special[n] for n in special]
    rows = []
    for obj in objs:
        row = [*values(obj), *tail]
        rows.append(_row([row[i] for i in order], converters))
    insert_values(history, fields, rows)


# ---- Column-wise writes ----------------------------------------------------------------------------
# An import writes thousands of rows in which most columns hold one value (the defaults, the
# instant of the write, the file's note) and the others few distinct ones (a handful of dates).
# These writers look at the rows column by column: a column with one value is bound once, as a
# parameter of an INSERT … SELECT; the others are converted once per distinct value and sent in
# one pass (SQLite: a temporary table filled by executemany; PostgreSQL: one JSON parameter read
# by json_to_recordset), so the database sees two or three statements per table, whatever the size.


def _db_value(field, value, conn):
    """value as the driver takes it (the field's get_db_prep_save, skipped for plain values)."""
    if value is None or isinstance(field, _PLAIN):
        return value
    if isinstance(field, models.DateTimeField):
        return field.get_db_prep_save(value, conn)
    if isinstance(field, models.DateField):
        return conn.ops.adapt_datefield_value(value)
    return field.get_db_prep_save(value, conn)


def _convert_column(field, values: list, convert) -> list:
    """convert applied once per distinct value (by identity for unhashable ones, as dicts)."""
    if field is not None and isinstance(field, _PLAIN):
        return values
    if len(set(map(type, values))) == 1:
        try:
            distinct = dict.fromkeys(values)
        except TypeError:
            pass
        else:
            for v in distinct:
                distinct[v] = convert(v)
            return list(map(distinct.__getitem__, values))
    memo: dict = {}
    out = []
    for v in values:
        key = id(v)
        if key not in memo:
            memo[key] = convert(v)
        out.append(memo[key])
    return out


def _one_value(values: list) -> bool:
    first = values[0]
    if not (values[-1] == first and values[len(values) // 2] == first):
        return False
    return values.count(first) == len(values) and len(set(map(type, values))) == 1


def _columns(model: type[Model], rows: list[dict], now) -> tuple[list, list]:
    """(constant columns as (field, value), varying columns as (field, values)) of the rows;
    the fields a row lacks take their defaults, the auto_now ones `now`."""
    present = set().union(*rows)
    constant, varying = [], []
    for f in model._meta.concrete_fields:
        if f.primary_key:
            continue
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            constant.append((f, now))
            continue
        default = f.get_default()
        if f.attname not in present:
            constant.append((f, default))
            continue
        values = list(map(operator.methodcaller("get", f.attname, default), rows))
        if _one_value(values):
            constant.append((f, values[0]))
        else:
            varying.append((f, values))
    return constant, varying


def _pg_type(field, conn) -> str:
    """The column's type without its length (varchar(120) -> varchar): the INSERT's assignment to
    the column then checks the length (an explicit cast to varchar(n) would cut the text)."""
    return re.sub(r"\(\d+\)", "", field.db_type(conn))


def _array_element(field, value, conn) -> str:
    """value as an element of a PostgreSQL array literal ('{…}', read by the array type's input
    function: a bound parameter, quoted here as array_in reads it)."""
    if value is None:
        return "NULL"
    if isinstance(field, models.JSONField):
        text = json.dumps(value, cls=field.encoder)
    else:
        value = _db_value(field, value, conn)
        if isinstance(value, bool):
            return "t" if value else "f"
        if isinstance(value, int):
            return str(value)
        if type(value) is datetime.date:
            return value.isoformat()  # digits and dashes: nothing to quote
        text = value.isoformat() if isinstance(value, datetime.datetime) else str(value)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _array_literal(field, values: list, conn) -> str:
    """A column's values as one PostgreSQL array literal, each distinct value converted once."""
    if set(map(type, values)) == {int}:  # keys: no conversion, no quoting
        return "{" + ",".join(map(str, values)) + "}"
    return "{" + ",".join(_convert_column(None, values, lambda v: _array_element(field, v, conn))) + "}"


@contextlib.contextmanager
def collecting_later():
    """No cyclic garbage collection while a bulk write builds its rows: the tens of thousands of
    dicts and lists it keeps alive set off collections that walk the whole heap (the checked rows
    included) for nothing, several times per write. The collector resumes afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def insert_rows(model: type[Model], rows: list[dict], *, returning: bool = False, now=None) -> list:
    """INSERT rows given as {attname: value} (the other fields at their defaults, the auto_now ones
    `now`, by default the instant of the write), column-wise: a handful of statements, one bound
    value per constant column. With `returning`, the new primary keys in row order."""
    return prepare_rows(model, rows, conn=connections[DEFAULT_DB_ALIAS], now=now)(returning=returning)


def prepare_rows(model: type[Model], rows: list[dict], *, conn, now=None):
    """insert_rows in two steps: this one builds the statement without touching the database (it
    may run in another thread while `conn` is busy: it only reads its operations); the function it
    returns, called in the connection's thread, writes (write(returning=False) -> the new keys)."""
    if not rows:
        return lambda returning=False: []
    qn = conn.ops.quote_name
    table, pk = qn(model._meta.db_table), qn(model._meta.pk.column)
    constant, varying = _columns(model, rows, now or timezone.now())
    const_params = [_db_value(f, v, conn) for f, v in constant]
    columns = [f for f, _ in varying] + [f for f, _ in constant]
    if conn.vendor == "postgresql":
        arrays, types, selected, picked = [], [], [], []
        for i, (f, values) in enumerate(varying):
            if isinstance(f, models.JSONField):
                # A few distinct documents (an import's events carry one or two): each sent and
                # parsed once, the rows carry its position in the list.
                elements = _convert_column(None, values, lambda v, f=f: _array_element(f, v, conn))
                position: dict = {}
                at = [position.setdefault(e, len(position) + 1) for e in elements]
                picked.append("{" + ",".join(position) + "}")
                arrays.append("{" + ",".join(map(str, at)) + "}")
                types.append("int")
                selected.append(f"(%s::{_pg_type(f, conn)}[])[r.c{i}]")
            else:
                arrays.append(_array_literal(f, values, conn))
                types.append(_pg_type(f, conn))
                selected.append(f"r.c{i}")
        selected += [f"CAST(%s AS {_pg_type(f, conn)})" for f, _ in constant]
        const_params = picked + const_params
        names = ", ".join([f"c{i}" for i in range(len(varying))] + ["n"])
        unnest = ", ".join(f"%s::{t}[]" for t in types)
        sql = f"INSERT INTO {table} ({', '.join(qn(f.column) for f in columns)}) SELECT {', '.join(selected)} " + (
            f"FROM unnest({unnest}) WITH ORDINALITY AS r({names}) ORDER BY r.n"
            if varying
            else f"FROM generate_series(1, {len(rows)}) AS r(n)"
        )

        def write(returning: bool = False) -> list:
            with conn.cursor() as cursor:
                cursor.execute(sql + (f" RETURNING {pk}" if returning else ""), [*const_params, *arrays])
                # The keys are drawn from the sequence as the rows are inserted, in order: sorted,
                # they are the rows' keys in row order (whatever the order RETURNING gives them in).
                return sorted(k for (k,) in cursor.fetchall()) if returning else []

        return write
    # SQLite: the varying columns go through a temporary table (no types, no indexes).
    converted = [_convert_column(f, values, lambda v, f=f: _db_value(f, v, conn)) for f, values in varying]
    staged = list(zip(range(len(rows)), *converted, strict=True))
    stage = "temp.bulk_rows"
    selected = [f"c{i}" for i in range(len(varying))] + ["%s"] * len(constant)

    def write(returning: bool = False) -> list:
        with conn.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {stage}")
            cursor.execute(f"CREATE TABLE {stage} ({', '.join(['n'] + [f'c{i}' for i in range(len(varying))])})")
            cursor.executemany(f"INSERT INTO {stage} VALUES ({', '.join(['%s'] * (len(varying) + 1))})", staged)
            if returning:
                cursor.execute(f"SELECT MAX({pk}) FROM {table}")
                before = cursor.fetchone()[0] or 0
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(qn(f.column) for f in columns)}) "
                f"SELECT {', '.join(selected)} FROM {stage} ORDER BY n",
                const_params,
            )
            cursor.execute(f"DROP TABLE {stage}")
            if not returning:
                return []
            # SQLite has one writer at a time and this transaction is it: the new rows took the keys
            # after the highest one, in order.
            cursor.execute(f"SELECT {pk} FROM {table} WHERE {pk} > %s ORDER BY {pk}", [before])
            found = [k for (k,) in cursor.fetchall()]
            if len(found) != len(rows):  # pragma: no cover - another writer inside our transaction
                raise RuntimeError("bulk insert: new keys not in sequence")
            return found

    return write


def copy_history(model: type[Model], keys: list, *, history_type: str, user=None) -> None:
    """The django-simple-history rows ("+" created, "~" changed) of the rows with these keys, as
    `bulk_history_create` writes them, copied in SQL from the rows just written (in `keys` order)."""
    if not keys:
        return
    history = model.history.model
    conn = connections[DEFAULT_DB_ALIAS]
    qn = conn.ops.quote_name
    own = {f.attname: f for f in model._meta.concrete_fields}
    special = {
        "history_date": timezone.now(),
        "history_change_reason": None,
        "history_user_id": getattr(user, "pk", None),
        "history_type": history_type,
    }
    copied, bound = [], []
    for f in history._meta.concrete_fields:
        if f.attname == "history_id":
            continue
        if f.attname in own:
            copied.append((f, own[f.attname]))
        elif f.attname in special:
            bound.append((f, special[f.attname]))
        else:  # pragma: no cover - a history field this writer does not know
            raise ValueError(f"copy_history: no value for {history.__name__}.{f.attname}")
    table, pk = qn(model._meta.db_table), qn(model._meta.pk.column)
    head = ", ".join(qn(f.column) for f, _ in copied + bound)
    if conn.vendor == "postgresql":
        values = [f"CAST(%s AS {f.db_type(conn)})" for f, _ in bound]
    else:
        values = ["%s"] * len(bound)
    select = ", ".join([f"t.{qn(source.column)}" for _, source in copied] + values)
    params = [_db_value(f, v, conn) for f, v in bound]
    if keys == list(range(keys[0], keys[0] + len(keys))):
        source = f"{table} AS t WHERE t.{pk} BETWEEN %s AND %s ORDER BY t.{pk}"
        params += [keys[0], keys[-1]]
    elif conn.vendor == "postgresql":
        source = f"unnest(%s::bigint[]) WITH ORDINALITY AS k(key, n) JOIN {table} AS t ON t.{pk} = k.key ORDER BY k.n"
        params.append(list(keys))
    else:
        source = f"json_each(%s) AS k JOIN {table} AS t ON t.{pk} = k.value ORDER BY k.key"
        params.append(json.dumps(list(keys)))
    with conn.cursor() as cursor:
        cursor.execute(f"INSERT INTO {qn(history._meta.db_table)} ({head}) SELECT {select} FROM {source}", params)
