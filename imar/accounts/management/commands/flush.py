"""`imar flush`: Django's flush, which also empties the audit trail.

The audit trail's triggers refuse DELETE and TRUNCATE, so Django's own flush fails on them.
This one drops the triggers for the flush and reinstalls them after, in one transaction,
then starts a new, empty chain. Dropping triggers needs the rights of the tables' owner:
a database role limited to reading and writing rows cannot flush the trail this way any
more than by hand. Published checkpoints then no longer verify, as they should not.
(Django's test runner flushes through this command between transactional tests.)
"""

from django.core.management.commands import flush
from django.db import connections

from imar.accounts import audit, audit_guard


class Command(flush.Command):
    help = (
        "Empty every table, the audit trail included (lifting its triggers for the flush), "
        "and start a new chain."
    )

    def handle(self, **options):
        database = options["database"]
        with audit_guard.lifted(connections[database]):
            super().handle(**options)
            audit.ensure_head(using=database)
