from django.apps import AppConfig


class ForumConfig(AppConfig):
    name = "imar.forum"
    label = "forum"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from imar.accounts import start
        from imar.accounts.models import StartPage
        from imar.forum.start import delegate_space, organizer_event

        start.register(StartPage.FORUM_SPACE, delegate_space)
        start.register(StartPage.FORUM_ORGANIZER, organizer_event)
