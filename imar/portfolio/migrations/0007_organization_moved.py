"""Organization moved to imar.organizations (same table): state only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('organizations', '0001_initial'),
        ('portfolio', '0006_row_version'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='project',
                    name='organizations',
                    field=models.ManyToManyField(related_name='projects', through='portfolio.ProjectOrganization', to='organizations.organization'),
                ),
                migrations.AlterField(
                    model_name='projectorganization',
                    name='organization',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='participations', to='organizations.organization', verbose_name='organization'),
                ),
                migrations.AlterField(
                    model_name='transaction',
                    name='provider',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organizations.organization', verbose_name='provider'),
                ),
                migrations.AlterField(
                    model_name='transaction',
                    name='receiver',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organizations.organization', verbose_name='receiver'),
                ),
            ],
            database_operations=[],
        ),
    ]
