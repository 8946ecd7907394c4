"""Roles and accounts: the admin is where administrators grant them, so every change made
here is audited (imar/accounts/audit_roles.py), naming the administrator."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from rest_framework.authtoken.models import TokenProxy

from imar.accounts.admin_mixins import ActorFromRequest
from imar.accounts.models import AuditEvent, Profile


@admin.register(Profile)
class ProfileAdmin(ActorFromRequest, admin.ModelAdmin):
    list_display = ["user", "role", "organization"]
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
