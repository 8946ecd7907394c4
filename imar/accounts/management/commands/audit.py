from django.core.management.base import BaseCommand, CommandError

from imar.accounts.audit import verify_chain
from imar.accounts.models import AuditChainHead


class Command(BaseCommand):
    help = "Audit trail tools. `imar audit verify` recomputes the hash chain and lists any break."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args, **options):
        problems = verify_chain()
        head = AuditChainHead.objects.filter(pk=1).first()
        length = head.length if head else 0
        if problems:
            for problem in problems:
                self.stderr.write(f"event {problem.sequence}: {problem.problem}")
            raise CommandError(f"The audit trail is broken in {len(problems)} place(s).")
        last = head.last_hash if head else ""
        self.stdout.write(f"The audit trail is intact: {length} events, head {last[:16]}.")
