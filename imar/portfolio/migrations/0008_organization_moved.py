"""Organization moved to imar.organizations (same table): state only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('organizations', '0001_initial'),
        ('portfolio', '0007_monitoring_moved_out'),
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
            ],
            database_operations=[],
        ),
    ]
