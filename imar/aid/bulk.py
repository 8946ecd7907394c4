"""Plain rows into a model's table in one `executemany`, for the import's new activities.

`bulk_create` builds a model instance per row and prepares every value through the field's
whole `get_db_prep_save` chain; for ten thousand activities that is most of an import's
time. Here each column's backend adapter (`connection.ops.adapt_*_value`, what that chain
ends in) is looked up once per model and applied to the row's value, and the rows go in
one parametrised INSERT run over all of them. Missing values take the field's default. No
signals are sent (`bulk_create` sends none either); the caller validated the values.
"""

from django.db import connections, models


def _adapter(field, ops):
    if isinstance(field, models.JSONField):
        encoder = field.encoder
        return lambda value: None if value is None else ops.adapt_json_value(value, encoder)
    if isinstance(field, models.DateTimeField):
        return ops.adapt_datetimefield_value
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
        quote = ops.quote_name
        self.sql = "INSERT INTO {} ({}) VALUES ({})".format(
            quote(model._meta.db_table),
            ", ".join(quote(f.column) for f in fields),
            ", ".join(["%s"] * len(fields)),
        )

    def params(self, row: dict) -> list:
        out = []
        for name, adapt, default in zip(self.names, self.adapters, self.defaults, strict=True):
            value = row.get(name, default)
            if value is _REQUIRED:
                raise KeyError(name)
            out.append(value if adapt is None or value is None else adapt(value))
        return out

    def insert(self, rows) -> int:
        params = [self.params(row) for row in rows]
        if params:
            with self.connection.cursor() as cursor:
                cursor.executemany(self.sql, params)
        return len(params)


_REQUIRED = object()
