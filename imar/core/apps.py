from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "imar.core"
    label = "core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Configured once the apps are ready, not when this module is imported.
        from django.conf import settings

        from imar.core.images import configure_pillow

        configure_pillow(settings.IMAR_MAX_IMAGE_PIXELS)
