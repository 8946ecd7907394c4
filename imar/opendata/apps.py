from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "imar.opendata"
    label = "opendata"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from imar.opendata import version

        version.connect()
