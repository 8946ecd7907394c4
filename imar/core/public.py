"""What the public may see: asked of each model's own queryset, never re-decided elsewhere.

Every model the public can read has a manager whose queryset has `.public()`, written in its
domain app (`portfolio/public.py`, `portfolio/monitoring/public.py`, `partners/public.py`,
`needs/public.py`, `forum/public.py`): the one place that decides which of its rows leave.
Pages, exports, public APIs, anonymous staff-API reads and permissions all call it.

A row that hangs off another model is public only when that one is, by its own rule:
`public_via` asks the related model's `.public()` through the relation, so a child's module
never imports the parent's app or repeats its rule.
"""

from django.db.models import Exists, Model, OuterRef, QuerySet


def related_model(model: type[Model], path: str) -> type[Model]:
    """The model at the end of `path` ("project", "report__project") from `model`."""
    for name in path.split("__"):
        model = model._meta.get_field(name).related_model
    return model


def public_via(queryset: QuerySet, path: str) -> QuerySet:
    """Rows of `queryset` whose `path` points at a public row of the related model.

    A correlated EXISTS (one primary-key lookup per row) rather than `IN (subquery)`:
    SQLite builds the whole public set again for every statement that says IN, which made
    an export asking for its rows chunk by chunk five times slower at 100,000 projects
    (`bench.exports`); PostgreSQL plans both as the same semi-join."""
    target = related_model(queryset.model, path)
    public = target._default_manager.public().filter(pk=OuterRef(path))
    return queryset.filter(Exists(public))
