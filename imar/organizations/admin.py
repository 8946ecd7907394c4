"""Read only: staff enter organizations and contacts on the partners pages, which check the
rules and record the audit trail."""

from django.contrib import admin

from imar.accounts.admin_mixins import ReadOnlyFundData
from imar.organizations.models import Contact, Organization


@admin.register(Organization)
class OrganizationAdmin(ReadOnlyFundData, admin.ModelAdmin):
    staff_page = "partners:organization_list"
    list_display = ["name_en", "name_ar", "acronym", "kind", "country"]
    list_filter = ["kind", "country"]
    search_fields = ["name_en", "name_ar", "acronym"]


@admin.register(Contact)
class ContactAdmin(ReadOnlyFundData, admin.ModelAdmin):
    staff_page = "partners:organization_list"
    list_display = ["name", "name_latin", "role", "organization", "email"]
    search_fields = ["name", "name_latin", "email"]
