"""A budget no exchange rate values has no LYD figure (empty), never a silent 0."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0002_organization_moved"),
    ]

    operations = [
        migrations.AlterField(
            model_name="projectfigures",
            name="budget_lyd",
            field=models.DecimalField(
                blank=True, decimal_places=2, max_digits=18, null=True, verbose_name="budget (LYD)"
            ),
        ),
    ]
