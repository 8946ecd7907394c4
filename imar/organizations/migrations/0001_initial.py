"""Organization and Contact, split out of imar.partners with their tables and rows.

State only: the tables `partners_organization` and `partners_contact` stay (their rows,
ids, foreign keys and audit triggers with them); imar.partners.0005 drops the models from
the partners state once every app's foreign keys point here. The content types follow, so
permissions and admin log entries stay attached to the same models."""

import django.db.models.deletion
import django_countries.fields
import imar.core.models
from django.db import migrations, models


MOVED_MODELS = ["organization", "contact"]


def _relabel(apps, *, old: str, new: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED_MODELS:
        if not ContentType.objects.filter(app_label=new, model=model).exists():
            ContentType.objects.filter(app_label=old, model=model).update(app_label=new)


def move_content_types(apps, schema_editor):
    _relabel(apps, old="partners", new="organizations")


def move_content_types_back(apps, schema_editor):
    _relabel(apps, old="organizations", new="partners")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("partners", "0004_row_version"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Organization',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name_ar', models.CharField(max_length=255, verbose_name='name (Arabic)')),
                        ('name_en', models.CharField(max_length=255, verbose_name='name (English)')),
                        ('search_text', models.TextField(default='', editable=False)),
                        ('row_version', models.PositiveIntegerField(default=1, editable=False, help_text='Increases by one each time the record is saved.', verbose_name='version')),
                        ('kind', models.CharField(choices=[('government_body', 'Government body'), ('foreign_government', 'Foreign government'), ('development_agency', 'Development agency'), ('company', 'Company'), ('ngo', 'NGO'), ('multilateral', 'Multilateral organization')], max_length=32, verbose_name='kind')),
                        ('country', django_countries.fields.CountryField(max_length=2, verbose_name='country')),
                        ('acronym', models.CharField(blank=True, max_length=32, verbose_name='acronym')),
                        ('iati_identifier', models.CharField(blank=True, max_length=100, verbose_name='IATI organisation identifier')),
                        ('website', models.URLField(blank=True, verbose_name='website')),
                        ('sectors', models.JSONField(blank=True, default=list, verbose_name='sectors of interest')),
                        ('logo', models.ImageField(blank=True, upload_to='partners/logos/', verbose_name='logo')),
                        ('notes', models.TextField(blank=True, verbose_name='notes (private)')),
                    ],
                    options={
                        'verbose_name': 'organization',
                        'verbose_name_plural': 'organizations',
                        'db_table': 'partners_organization',
                        'ordering': ['name_en'],
                        'indexes': [models.Index(fields=['country', 'kind'], name='org_country_kind_idx')],
                    },
                    bases=(imar.core.models.SearchKey, models.Model),
                ),
                migrations.CreateModel(
                    name='Contact',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, verbose_name='name')),
                        ('role', models.CharField(blank=True, max_length=200, verbose_name='role or title')),
                        ('email', models.EmailField(blank=True, max_length=254, verbose_name='email')),
                        ('phone', models.CharField(blank=True, max_length=50, verbose_name='phone')),
                        ('organization', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='contacts', to='organizations.organization')),
                    ],
                    options={
                        'verbose_name': 'contact',
                        'verbose_name_plural': 'contacts',
                        'db_table': 'partners_contact',
                        'ordering': ['name'],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
