from django.core.management.base import BaseCommand

from imar.feedback import tasks


class Command(BaseCommand):
    help = "Compute the data-quality pages (staff and public, each language) and keep them."

    def handle(self, *args, **options):
        kept = tasks.refresh_quality()
        self.stdout.write(f"{kept} data-quality summaries computed and kept.")
