"""The project search on PostgreSQL goes through a trigram index.

`imar.core.search.filter_by_search` asks `search_text LIKE '%term%'` once per term (the
staff list, the public list, the portal search, the API's `q`). A B-tree cannot serve a
LIKE with a leading wildcard; a pg_trgm GIN index on the stored, normalised `search_text`
can, for every term of three characters or more. SQLite keeps its own path (a scan of the
column): the operation does nothing there.
"""

from django.db import migrations

INDEX = "project_search_text_like_trgm"  # serves: search_text LIKE '%term%' (filter_by_search)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON portfolio_project "
        "USING gin (search_text gin_trgm_ops)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("portfolio", "0009_location_sensitive")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
