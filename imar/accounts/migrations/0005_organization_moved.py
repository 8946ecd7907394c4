"""Organization moved to imar.organizations (same table): state only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0004_role_finance'),
        ('organizations', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='profile',
                    name='organization',
                    field=models.ForeignKey(blank=True, help_text='For partner accounts: the organization they speak for.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organizations.organization', verbose_name='organization'),
                ),
            ],
            database_operations=[],
        ),
    ]
