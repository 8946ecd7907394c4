"""Plain rows into a model's table in one `executemany`, for the import's new activities.

`bulk_create` builds a model instance per row and prepares every value through the field's
whole `get_db_prep_save` chain; for ten thousand activities that is most of an import's
time. Here each column's backend adapter (`connection.ops.adapt_*_value`, what that chain
ends in) is looked up once per model and applied to the row's value, and the rows go in
one parametrised INSERT run over all of them. Missing values take the field's default. No
signals are sent (`bulk_create` sends none either); the caller validated the values.
"""

import json

from django.db import connections, models
from django.db.backends.base.operations import BaseDatabaseOperations

try:  # the C encoder `json.dumps` itself uses, made once instead of once per value
    from _json import make_encoder as _make_encoder
except ImportError:  # pragma: no cover - CPython always has it
    _make_encoder = None


def _json_dumps():
    """`json.dumps(value)` (default arguments), for plain data: the encoder `dumps` builds on
    each call, built once. The same text (circular references are not looked for: the
    import's values are fresh lists and dicts)."""
    if _make_encoder is None:
        return json.dumps
    default = json.JSONEncoder().default
    encode = _make_encoder(
        None, default, json.encoder.encode_basestring_ascii, None, ": ", ", ", False, False, True
    )
    join = "".join
    return lambda value: join(encode(value, 0))


def _same_as_last(adapt):
    """`adapt`, remembering its last answer: a column that repeats one value (the import's
    time) is adapted once."""
    last = [object(), None]

    def adapted(value):
        if value is not last[0]:
            last[0], last[1] = value, adapt(value)
        return last[1]

    return adapted


def _adapter(field, ops):
    if isinstance(field, models.JSONField):
        encoder = field.encoder
        if (
            encoder is None
            and type(ops).adapt_json_value is BaseDatabaseOperations.adapt_json_value
        ):
            return _json_dumps()  # what the base adapter does (SQLite, MySQL): json.dumps
        return lambda value: None if value is None else ops.adapt_json_value(value, encoder)
    if isinstance(field, models.DateTimeField):
        return _same_as_last(ops.adapt_datetimefield_value)
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    if isinstance(field, models.DecimalField):
        digits, places = field.max_digits, field.decimal_places
        return lambda value: ops.adapt_decimalfield_value(value, digits, places)
    return None


class Inserter:
    """Inserts rows ({attname: value}) into `model`'s table (primary key left to the database)."""

    def __init__(self, model, using: str = "default"):
        self.connection = connections[using]
        ops = self.connection.ops
        fields = [f for f in model._meta.local_concrete_fields if not f.primary_key]
        self.names = [f.attname for f in fields]
        self.adapters = [_adapter(f, ops) for f in fields]
        self.defaults = [
            f.get_default() if f.has_default() or f.null else _REQUIRED for f in fields
        ]
        self.columns = list(zip(self.names, self.adapters, self.defaults, strict=True))
        quote = ops.quote_name
        self.sql = "INSERT INTO {} ({}) VALUES ({})".format(
            quote(model._meta.db_table),
            ", ".join(quote(f.column) for f in fields),
            ", ".join(["%s"] * len(fields)),
        )

    def params(self, row: dict) -> list:
        out = []
        append = out.append
        for name, adapt, default in self.columns:
            value = row.get(name, default)
            if value is _REQUIRED:
                raise KeyError(name)
            append(value if adapt is None or value is None else adapt(value))
        return out

    def insert(self, rows) -> int:
        params = [self.params(row) for row in rows]
        if params:
            with self.connection.cursor() as cursor:
                cursor.executemany(self.sql, params)
        return len(params)


_REQUIRED = object()
