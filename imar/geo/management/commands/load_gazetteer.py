from django.core.management.base import BaseCommand

from imar.geo.loader import load_gazetteer


class Command(BaseCommand):
    help = "Load Libya's regions, districts and municipalities from the data shipped with Imar."

    def handle(self, *args, **options):
        counts = load_gazetteer()
        self.stdout.write(
            "Loaded {regions} regions, {districts} districts, {municipalities} municipalities.".format(
                **counts
            )
        )
