"""Administrators' view of results: read only, because indicators and periods change on the
staff pages and the API, through the services that keep the workflow and the audit trail."""

from django.contrib import admin

from imar.accounts.admin_mixins import ReadOnlyFundData
from imar.results.models import Indicator, IndicatorPeriod, StandardIndicator


class ResultsReadOnly(ReadOnlyFundData, admin.ModelAdmin):
    staff_page = "results:dashboard"


@admin.register(StandardIndicator)
class StandardIndicatorAdmin(ResultsReadOnly):
    list_display = ["code", "name_en", "unit", "measure", "damage_sector", "iati_code"]


@admin.register(Indicator)
class IndicatorAdmin(ResultsReadOnly):
    list_display = ["title_en", "project", "program", "standard", "unit"]
    search_fields = ["project__code", "title_en", "title_ar"]


@admin.register(IndicatorPeriod)
class IndicatorPeriodAdmin(ResultsReadOnly):
    list_display = ["indicator", "period_start", "period_end", "status", "actual_value"]
    list_filter = ["status"]
