"""Shared by the state-migration tests: move the test database to given migration nodes."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate_to(targets):
    """Migrate to `targets` ((app, name), or (app, None) for "not there") and return the
    historical apps at that state."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    nodes = [target for target in targets if target[1] is not None]
    return MigrationExecutor(connection).loader.project_state(nodes).apps


def latest_nodes():
    """The leaf migration of every app: where `migrate` with no arguments goes."""
    return MigrationExecutor(connection).loader.graph.leaf_nodes()
