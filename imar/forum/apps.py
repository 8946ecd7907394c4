from django.apps import AppConfig


class ForumConfig(AppConfig):
    name = "imar.forum"
    label = "forum"
    default_auto_field = "django.db.models.BigAutoField"
