from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "imar.monitoring"
    label = "monitoring"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here: models and the registry's hooks load only once apps are ready.
        from imar.monitoring import receivers
        from imar.portfolio import extensions

        extensions.register_project_section(receivers.project_page_section)
        extensions.register_history_source(receivers.project_history_records)
        extensions.figure_inputs_changed.connect(
            receivers.refresh_changed_figures, dispatch_uid="monitoring.refresh_figures"
        )
