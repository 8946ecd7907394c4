from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "imar.organizations"
    label = "organizations"
    verbose_name = "Organizations"
    default_auto_field = "django.db.models.BigAutoField"
