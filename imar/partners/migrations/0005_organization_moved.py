"""Organization and Contact moved to imar.organizations, which owns their tables
(`partners_organization`, `partners_contact`) from now on: state only, no row moves."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0005_organization_moved'),
        ('forum', '0005_organization_moved'),
        ('organizations', '0001_initial'),
        ('partners', '0004_row_version'),
        ('portfolio', '0008_organization_moved'),
        ('monitoring', '0002_organization_moved'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='engagementperson',
                    name='organization',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='organizations.organization', verbose_name='organization'),
                ),
                migrations.AlterField(
                    model_name='agreementparty',
                    name='organization',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='agreement_parties', to='organizations.organization', verbose_name='organization'),
                ),
                migrations.AlterField(
                    model_name='actionitem',
                    name='owner_organization',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='actions', to='organizations.organization', verbose_name='owner (organization)'),
                ),
                migrations.AlterField(
                    model_name='agreement',
                    name='organizations',
                    field=models.ManyToManyField(related_name='agreements', through='partners.AgreementParty', to='organizations.organization'),
                ),
                migrations.AlterField(
                    model_name='engagement',
                    name='organizations',
                    field=models.ManyToManyField(blank=True, related_name='engagements', to='organizations.organization', verbose_name='participating organizations'),
                ),
                migrations.DeleteModel(
                    name='Contact',
                ),
                migrations.DeleteModel(
                    name='Organization',
                ),
            ],
            database_operations=[],
        ),
    ]
