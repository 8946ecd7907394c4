from django.contrib import admin

from imar.geo.models import District, Municipality, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name_en", "name_ar"]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["iso_code", "pcode", "name_en", "name_ar", "region"]
    list_filter = ["region"]
    search_fields = ["name_en", "name_ar", "iso_code", "pcode"]
    exclude = ["geometry"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["pcode", "name_en", "name_ar", "district", "location_is_approximate"]
    list_filter = ["district__region", "district", "location_is_approximate"]
    search_fields = ["name_en", "name_ar", "pcode"]
