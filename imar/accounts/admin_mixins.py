"""What the Django admin may do with the fund's data, and how its writes reach the trail.

- `ReadOnlyFundData`: data that staff pages change through the services (which check the
  rules and record the audit trail) are only read in the admin, with a pointer to the
  page that changes them.
- `AuditedAdmin`: reference data the admin alone edits (programs, the gazetteer): each
  save or delete records an audit event with the old and new values.
- `ActorFromRequest`: admin saves whose audit events come from signals (roles and
  privileges, imar/accounts/audit_roles.py) name the administrator who made them.
"""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from imar.accounts.audit import acting_as, diff_fields, record_event, snapshot

_NOT_AUDITED = {"search_text", "created_at", "updated_at"}


class ReadOnlyFundData:
    """Read-only in the admin; `staff_page` names the URL of the page that changes it."""

    staff_page = "portfolio:project_list"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def _note(self):
        return format_html(
            "{} <a href='{}'>{}</a>",
            _(
                "Read only here: these records change on the staff pages, which check the "
                "fund's rules and record every change in the audit trail."
            ),
            reverse(self.staff_page),
            _("Open the staff page"),
        )

    def _show_note(self, request):
        if request.method == "GET":
            messages.info(request, self._note())

    def changelist_view(self, request, extra_context=None):
        self._show_note(request)
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._show_note(request)
        return super().change_view(request, object_id, form_url, extra_context)


class ReadOnlyInline:
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _audited_fields(model, exclude=frozenset()) -> list[str]:
    return [
        f.name
        for f in model._meta.concrete_fields
        if not f.primary_key and f.name not in _NOT_AUDITED and f.name not in exclude
    ]


class AuditedAdmin(admin.ModelAdmin):
    """Every save and delete made here is an audit event naming the administrator.

    `audit_exclude` names fields never copied into the trail (secrets such as a TOTP key).
    """

    audit_exclude: frozenset[str] = frozenset()

    def save_model(self, request, obj, form, change):
        fields = _audited_fields(type(obj), self.audit_exclude)
        before = snapshot(type(obj)._default_manager.get(pk=obj.pk), fields) if change else {}
        super().save_model(request, obj, form, change)
        changes = diff_fields(before, snapshot(obj, fields))
        if changes or not change:
            record_event(
                action="admin.update" if change else "admin.create",
                instance=obj,
                actor=request.user,
                changes=changes,
            )

    def delete_model(self, request, obj):
        fields = _audited_fields(type(obj), self.audit_exclude)
        record_event(
            action="admin.delete",
            instance=obj,
            actor=request.user,
            changes={name: [value, None] for name, value in snapshot(obj, fields).items()},
        )
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


class ActorFromRequest:
    """Name the administrator in the events that signals record during this admin write."""

    def save_model(self, request, obj, form, change):
        with acting_as(request.user):
            super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        with acting_as(request.user):
            super().save_related(request, form, formsets, change)

    def delete_model(self, request, obj):
        with acting_as(request.user):
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with acting_as(request.user):
            for obj in queryset:  # one by one, so each deletion sends its signal
                obj.delete()


class SecurityRecordAdmin(AuditedAdmin):
    """Sign-in lockouts and two-factor devices: read, or delete (unlock an account, reset
    someone's two-factor) with an audit event; never edited or created here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
