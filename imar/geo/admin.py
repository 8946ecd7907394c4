"""The gazetteer is loaded from its source file (`imar load_gazetteer`); the admin is the
only place to correct it by hand, so every change made here is an audit event."""

from django.contrib import admin

from imar.accounts.admin_mixins import AuditedAdmin
from imar.geo.models import District, Municipality, Region


@admin.register(Region)
class RegionAdmin(AuditedAdmin):
    list_display = ["code", "name_en", "name_ar"]


@admin.register(District)
class DistrictAdmin(AuditedAdmin):
    list_display = ["iso_code", "pcode", "name_en", "name_ar", "region"]
    list_filter = ["region"]
    search_fields = ["name_en", "name_ar", "iso_code", "pcode"]
    exclude = ["geometry"]


@admin.register(Municipality)
class MunicipalityAdmin(AuditedAdmin):
    list_display = ["pcode", "name_en", "name_ar", "district", "location_is_approximate"]
    list_filter = ["district__region", "district", "location_is_approximate"]
    search_fields = ["name_en", "name_ar", "pcode"]
