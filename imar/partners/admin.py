from django.contrib import admin

from imar.partners.models import (
    ActionItem,
    Agreement,
    AgreementParty,
    Contact,
    Engagement,
    Organization,
)


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_ar", "acronym", "kind", "country"]
    list_filter = ["kind", "country"]
    search_fields = ["name_en", "name_ar", "acronym"]


class AgreementPartyInline(admin.TabularInline):
    model = AgreementParty
    extra = 0
    autocomplete_fields = ["organization"]


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    """For administrators; staff enter agreements on the partners pages (which audit)."""

    list_display = ["reference", "title_en", "kind", "status", "signed_on", "is_public"]
    list_filter = ["kind", "status", "is_public"]
    search_fields = ["reference", "title_en", "title_ar"]
    inlines = [AgreementPartyInline]
    raw_id_fields = ["engagement", "projects"]


@admin.register(Engagement)
class EngagementAdmin(admin.ModelAdmin):
    list_display = ["title_en", "kind", "starts_on"]
    list_filter = ["kind"]
    search_fields = ["title_en", "title_ar"]
    filter_horizontal = ["organizations"]


@admin.register(ActionItem)
class ActionItemAdmin(admin.ModelAdmin):
    list_display = ["description_en", "status", "due_on", "owner_user", "owner_organization"]
    list_filter = ["status"]
    raw_id_fields = ["engagement", "agreement", "project"]


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "organization", "email"]
    search_fields = ["name", "email"]
