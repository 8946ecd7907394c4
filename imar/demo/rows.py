"""Fast inserts for the demo: unsaved model instances written with one `executemany`.

`bulk_create` prepares every value of every row through its field (millions of calls at
100,000 projects) and builds query objects per batch. The demo's values are plain (ints,
strings, decimals, dates, datetimes, UUIDs), so most need no preparation at all: this
sends them as they are and asks the field only for the other ones, which gives the same
stored values. `auto_now`/`auto_now_add` fields are stamped as `bulk_create` would. The
rows get no primary key back (look them up by a unique field when one is needed).
"""

import datetime as dt
from decimal import Decimal

from django.db import connection, models

BATCH = 5000
_PLAIN = (int, str, float, bool, Decimal)


def _converter(field):
    prep = field.get_db_prep_save
    if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):

        def convert(value):
            if value is None or type(value) in _PLAIN:
                return value
            if type(value) is dt.date:
                return value.isoformat()
            return prep(value, connection)

        return convert

    def convert(value):
        if value is None or type(value) in _PLAIN:
            return value
        return prep(value, connection)

    return convert


def insert_rows(model, objects) -> int:
    """INSERT these unsaved instances of `model` (without their primary key); returns count."""
    objects = list(objects)
    if not objects:
        return 0
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    stamped = [
        f for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    for obj in objects:
        for field in stamped:
            field.pre_save(obj, add=True)
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        connection.ops.quote_name(meta.db_table),
        ", ".join(connection.ops.quote_name(field.column) for field in fields),
        ", ".join(["%s"] * len(fields)),
    )
    plan = [(field.attname, _converter(field)) for field in fields]
    with connection.cursor() as cursor:
        for start in range(0, len(objects), BATCH):
            cursor.executemany(
                sql,
                [
                    [convert(getattr(obj, name)) for name, convert in plan]
                    for obj in objects[start : start + BATCH]
                ],
            )
    return len(objects)
