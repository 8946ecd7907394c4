from django.core.management.base import BaseCommand

from imar.feedback import tasks


class Command(BaseCommand):
    help = "Escalate citizens' cases past their answer time (SLA per category, in settings)."

    def handle(self, *args, **options):
        escalated = tasks.escalate()
        self.stdout.write(f"{len(escalated)} case(s) escalated.")
