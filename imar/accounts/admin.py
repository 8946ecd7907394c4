"""Roles and accounts: the admin is where administrators grant them, so every change made
here is audited (imar/accounts/audit_roles.py), naming the administrator."""

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django_otp.plugins.otp_static.admin import StaticDeviceAdmin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import TokenProxy

from imar.accounts.admin_mixins import ActorFromRequest, ReadOnlyFundData, SecurityRecordAdmin
from imar.accounts.models import AuditEvent, Profile


@admin.register(Profile)
class ProfileAdmin(ActorFromRequest, admin.ModelAdmin):
    list_display = ["user", "name_latin", "role", "organization"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "name_latin"]
    list_filter = ["role"]
    filter_horizontal = ["districts"]
    autocomplete_fields = ["organization"]


User = get_user_model()
admin.site.unregister(User)
admin.site.unregister(Group)
# An administrator minting an API token for someone else could act as them, unseen: people
# obtain their own tokens by logging in (POST /api/v1/auth/token/).
if admin.site.is_registered(TokenProxy):
    admin.site.unregister(TokenProxy)


@admin.register(User)
class AuditedUserAdmin(ActorFromRequest, UserAdmin):
    pass


@admin.register(Group)
class AuditedGroupAdmin(ActorFromRequest, GroupAdmin):
    pass


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit trail is append-only (the database refuses updates too)."""

    list_display = ["sequence", "at", "actor_name", "action", "object_type", "object_repr"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_id", "object_repr", "actor_name", "reason"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# Lockouts and two-factor devices: deleting one unlocks an account or resets its two-factor,
# so it is recorded; the secrets of a device never enter the trail.
for model, base in [
    (AccessAttempt, AccessAttemptAdmin),
    (TOTPDevice, TOTPDeviceAdmin),
    (StaticDevice, StaticDeviceAdmin),
]:
    admin.site.unregister(model)
    admin.site.register(
        model,
        type(
            f"Audited{base.__name__}",
            (SecurityRecordAdmin, base),
            {"audit_exclude": frozenset({"key", "user_agent", "get_data", "post_data"})},
        ),
    )

# The sign-in logs are history: read only.
for model, base in [(AccessLog, AccessLogAdmin), (AccessFailureLog, AccessFailureLogAdmin)]:
    admin.site.unregister(model)
    admin.site.register(
        model,
        type(
            f"ReadOnly{base.__name__}",
            (ReadOnlyFundData, base),
            {"staff_page": "accounts:audit_trail"},
        ),
    )
