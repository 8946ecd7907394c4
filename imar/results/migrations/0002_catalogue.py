"""The catalogue of standard indicators (imar/results/catalogue.py)."""

from django.db import migrations

from imar.results.catalogue import catalogue_sync


def load(apps, schema_editor):
    catalogue_sync(apps.get_model("results", "StandardIndicator"))


class Migration(migrations.Migration):
    dependencies = [("results", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
