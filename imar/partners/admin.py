from django.contrib import admin

from imar.partners.models import Organization


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_ar", "acronym", "kind", "country"]
    list_filter = ["kind", "country"]
    search_fields = ["name_en", "name_ar", "acronym"]
