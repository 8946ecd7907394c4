from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResultsConfig(AppConfig):
    name = "imar.results"
    label = "results"
    verbose_name = _("Results")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from imar.portfolio import extensions
        from imar.results import receivers

        extensions.register_project_section(receivers.project_page_section)
