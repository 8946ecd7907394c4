from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "imar.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from imar.accounts import audit_roles, signals  # noqa: F401  (signals connects receivers)

        audit_roles.connect()
