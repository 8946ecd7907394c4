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
from operator import attrgetter

from django.db import connection, models
from django.utils import timezone

BATCH = 5000
_MISSING = object()


class Row:
    """A row to insert without building a model instance (its `__init__` is the other half
    of `bulk_create`'s cost): the values by field name, read back as attributes. Foreign
    keys may be given as objects (`project=project`) or ids; fields left out get their
    default."""

    def __init__(self, model, **values):
        self.__dict__.update(values)
        self.model = model


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


def _getter(field, stamp):
    """How to read the field's value from a `Row`."""
    name, attname = field.name, field.attname
    if stamp:
        return lambda row: stamp
    if field.is_relation:

        def get(row):
            value = row.__dict__.get(name, _MISSING)
            if value is _MISSING:
                return row.__dict__.get(attname)
            return None if value is None else value.pk

        return get
    default = field.get_default

    def get(row):
        value = row.__dict__.get(name, _MISSING)
        return default() if value is _MISSING else value

    return get


def insert_rows(model, objects) -> int:
    """INSERT these unsaved instances (or `Row`s) of `model` without their primary key;
    returns the count."""
    objects = list(objects)
    if not objects:
        return 0
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    stamped = [
        f for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    if isinstance(objects[0], Row):
        now = timezone.now()  # one stamp for the batch (`bulk_create` takes one a row)
        plan = [(_getter(f, now if f in stamped else None), _converter(f)) for f in fields]
    else:
        for obj in objects:
            for field in stamped:
                field.pre_save(obj, add=True)
        plan = [(attrgetter(f.attname), _converter(f)) for f in fields]
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        connection.ops.quote_name(meta.db_table),
        ", ".join(connection.ops.quote_name(field.column) for field in fields),
        ", ".join(["%s"] * len(fields)),
    )
    with connection.cursor() as cursor:
        for start in range(0, len(objects), BATCH):
            cursor.executemany(
                sql,
                [
                    [convert(get(obj)) for get, convert in plan]
                    for obj in objects[start : start + BATCH]
                ],
            )
    return len(objects)
