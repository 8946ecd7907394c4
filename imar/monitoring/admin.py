"""Administrators' view of monitoring: read only, because money, exchange rates,
milestones, reports and risks change on the staff pages, through the services that check
the fund's rules and record every change in the audit trail."""

from django.contrib import admin

from imar.accounts.admin_mixins import ReadOnlyFundData
from imar.monitoring.models import Milestone, ProgressReport, Risk, Transaction
from imar.portfolio.models import ExchangeRate


class MonitoringReadOnly(ReadOnlyFundData, admin.ModelAdmin):
    staff_page = "portfolio:project_list"


@admin.register(Milestone)
class MilestoneAdmin(MonitoringReadOnly):
    list_display = ["project", "name_en", "planned_date", "weight", "actual_date"]
    search_fields = ["project__code", "name_en", "name_ar"]


@admin.register(ProgressReport)
class ProgressReportAdmin(MonitoringReadOnly):
    list_display = ["project", "report_date", "physical_percent", "status", "reporter"]
    list_filter = ["status"]
    search_fields = ["project__code"]


@admin.register(Transaction)
class TransactionAdmin(MonitoringReadOnly):
    list_display = ["project", "kind", "date", "amount", "currency", "reference"]
    list_filter = ["kind", "currency"]
    search_fields = ["project__code", "reference"]


@admin.register(Risk)
class RiskAdmin(MonitoringReadOnly):
    list_display = ["project", "category", "likelihood", "impact", "status"]
    list_filter = ["category", "status"]
    search_fields = ["project__code"]


@admin.register(ExchangeRate)
class ExchangeRateAdmin(MonitoringReadOnly):
    staff_page = "monitoring:exchange_rates"
    list_display = ["currency", "date", "rate_to_lyd"]
    list_filter = ["currency"]
    date_hierarchy = "date"
