from django.apps import AppConfig


class NeedsConfig(AppConfig):
    name = "imar.needs"
    label = "needs"
    default_auto_field = "django.db.models.BigAutoField"
