"""On PostgreSQL the project search goes through its trigram index (migration
portfolio 0010): at 100,000 projects, EXPLAIN of the queries the app runs (the public
list's page, the portal search, a search of two terms) names `project_search_text_like_trgm`.
SQLite keeps its own path (no such index; the search still works, tested elsewhere)."""

import pytest
from django.db import connection
from django.db.models import DateTimeField

from imar.core.text import normalize_search
from imar.geo.models import Municipality
from imar.portal import selectors
from imar.portfolio.filters import filter_public_projects
from imar.portfolio.models import Project

INDEX = "project_search_text_like_trgm"
ROWS = 100_000
RARE_EN = "zawiyaclinic"
RARE_AR = "مستوصف"  # typed with its marks in the query: مُسْتَوْصَف


def _fill(rows: int) -> None:
    """`rows` public projects in one INSERT … SELECT generate_series (not the ORM one by
    one): each column from the model, so a new field gets its default."""
    towns = list(Municipality.objects.values_list("id", flat=True)[:50])
    expressions = {
        "code": "'PG-' || lpad(n::text, 6, '0')",
        "title_ar": "'مشروع رقم ' || n",
        "title_en": "'Project number ' || n",
        "sector": "'housing'",
        "project_type": "'rehabilitation'",
        "municipality_id": f"(ARRAY{towns})[1 + n %% {len(towns)}]",
        "is_public": "true",
        # The stored key, as SearchKey writes it: a rare word in 30 rows of each language.
        "search_text": (
            "'pg ' || lpad(n::text, 6, '0') || ' مشروع رقم ' || n || ' project number ' || n"
            f" || CASE WHEN n %% 3331 = 0 THEN ' {RARE_EN}' ELSE '' END"
            f" || CASE WHEN n %% 3329 = 7 THEN ' {normalize_search(RARE_AR)}' ELSE '' END"
        ),
    }
    columns, values, params = [], [], []
    for field in Project._meta.concrete_fields:
        if field.primary_key:
            continue
        columns.append(connection.ops.quote_name(field.column))
        if field.column in expressions:
            values.append(expressions[field.column])
        elif isinstance(field, DateTimeField) and (field.auto_now or field.auto_now_add):
            values.append("now()")
        elif field.null:
            values.append("NULL")
        else:
            values.append("%s")
            params.append(field.get_db_prep_save(field.get_default(), connection))
    sql = (
        f"INSERT INTO {Project._meta.db_table} ({', '.join(columns)}) "
        f"SELECT {', '.join(values)} FROM generate_series(1, {rows}) AS n"
    )
    with connection.cursor() as cursor:
        # The migration's own index, rebuilt in one pass after the rows (as a bulk load
        # does): filling a GIN index row by row would take most of the test's time.
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [INDEX])
        (definition,) = cursor.fetchone()
        cursor.execute(f"DROP INDEX {INDEX}")
        cursor.execute(sql, params)
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the deferred foreign keys, checked
        cursor.execute(definition)
        cursor.execute(f"ANALYZE {Project._meta.db_table}")


@pytest.fixture
def many_projects(gazetteer):
    if connection.vendor != "postgresql":
        pytest.skip("the trigram index exists on PostgreSQL only")
    _fill(ROWS)
    assert Project.objects.count() == ROWS


def _uses_index(queryset) -> str:
    plan = queryset.explain()
    assert INDEX in plan, plan
    return plan


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_the_index_exists_with_its_operator_class(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [INDEX])
        (definition,) = cursor.fetchone()
    assert "gin (search_text gin_trgm_ops)" in definition


def test_public_list_and_portal_search_use_the_index(many_projects):
    # The public list's page (portal:project_list with ?q=), its rows as the page shows them.
    queryset, filterset = filter_public_projects(selectors.project_rows(), {"q": RARE_EN})
    assert not filterset.errors
    _uses_index(queryset[:25])
    assert queryset.count() == len([n for n in range(1, ROWS + 1) if n % 3331 == 0])
    # The portal search, Arabic typed with its marks: the same normalised key.
    found = selectors.search_everything("مُسْتَوْصَف")["projects"]
    assert found and all(normalize_search(RARE_AR) in p.search_text for p in found)
    _uses_index(selectors.filter_by_search(selectors.project_rows(), "مُسْتَوْصَف")[:20])
    # Two terms: each is a LIKE the index serves.
    _uses_index(selectors.filter_by_search(Project.objects.all(), f"{RARE_EN} number"))
