from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AidConfig(AppConfig):
    name = "imar.aid"
    label = "aid"
    verbose_name = _("Donors' activities")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from imar.aid import receivers
        from imar.needs import extensions as needs_extensions
        from imar.partners import extensions as partners_extensions
        from imar.portfolio import extensions as portfolio_extensions

        needs_extensions.register_needs_section(receivers.needs_page_section)
        partners_extensions.register_briefing_section(receivers.briefing_section)
        portfolio_extensions.register_project_section(receivers.project_page_section)

        from imar.aid import cli
        from imar.core import importers

        importers.register(
            "iati",
            help=cli.HELP,
            add_arguments=cli.add_arguments,
            handle=cli.handle,
            draws_progress=True,
        )
