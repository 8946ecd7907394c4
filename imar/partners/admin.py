"""Read only: staff enter agreements, engagements and actions on
the partners pages, which check the rules and record the audit trail."""

from django.contrib import admin

from imar.accounts.admin_mixins import ReadOnlyFundData, ReadOnlyInline
from imar.partners.models import ActionItem, Agreement, AgreementParty, Engagement


class PartnersReadOnly(ReadOnlyFundData, admin.ModelAdmin):
    staff_page = "partners:coordination"


class AgreementPartyInline(ReadOnlyInline, admin.TabularInline):
    model = AgreementParty
    extra = 0


@admin.register(Agreement)
class AgreementAdmin(PartnersReadOnly):
    staff_page = "partners:agreement_list"
    list_display = ["reference", "title_en", "kind", "status", "signed_on", "is_public"]
    list_filter = ["kind", "status", "is_public"]
    search_fields = ["reference", "title_en", "title_ar"]
    inlines = [AgreementPartyInline]


@admin.register(Engagement)
class EngagementAdmin(PartnersReadOnly):
    staff_page = "partners:engagement_list"
    list_display = ["title_en", "kind", "starts_on"]
    list_filter = ["kind"]
    search_fields = ["title_en", "title_ar"]


@admin.register(ActionItem)
class ActionItemAdmin(PartnersReadOnly):
    list_display = ["description_en", "status", "due_on", "owner_user", "owner_organization"]
    list_filter = ["status"]
