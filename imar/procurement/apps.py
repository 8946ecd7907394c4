from django.apps import AppConfig


class ProcurementConfig(AppConfig):
    name = "imar.procurement"
    label = "procurement"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here: models and the registry's hooks load only once apps are ready.
        from imar.portfolio import extensions
        from imar.procurement import receivers

        extensions.register_transition_requirement(receivers.implementation_needs_a_contract)
        extensions.register_project_section(receivers.project_page_section)

        from imar.core import importers
        from imar.procurement import cli

        importers.register(
            "ocds", help=cli.HELP, add_arguments=cli.add_arguments, handle=cli.handle
        )
