from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "imar.feedback"
    label = "feedback"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # A misuse-of-money or safety case raises its project's attention flag (monitoring's
        # alerts) until it is reviewed: registered here, so monitoring imports nothing above it.
        from imar.feedback import attention

        attention.register()
