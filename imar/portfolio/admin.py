"""Administrators' view of the registry: read only, because projects, money, rates,
milestones, reports, risks and documents change on the staff pages, through the services
that check the fund's rules and record every change in the audit trail. Programs have no
staff page: they are edited here, and each save is an audit event."""

from django.contrib import admin

from imar.accounts.admin_mixins import AuditedAdmin, ReadOnlyFundData, ReadOnlyInline
from imar.portfolio.models import (
    ExchangeRate,
    Milestone,
    Program,
    ProgressReport,
    Project,
    ProjectDocument,
    ProjectOrganization,
    Risk,
    StatusChange,
    Transaction,
)


class PortfolioReadOnly(ReadOnlyFundData, admin.ModelAdmin):
    staff_page = "portfolio:project_list"


@admin.register(Program)
class ProgramAdmin(AuditedAdmin):
    list_display = ["code", "name_en", "name_ar"]
    search_fields = ["code", "name_en", "name_ar"]


class ParticipationInline(ReadOnlyInline, admin.TabularInline):
    model = ProjectOrganization
    extra = 0


class StatusChangeInline(ReadOnlyInline, admin.TabularInline):
    model = StatusChange
    extra = 0


@admin.register(Project)
class ProjectAdmin(PortfolioReadOnly):
    list_display = ["code", "title_en", "title_ar", "sector", "status", "municipality", "is_public"]
    list_filter = ["status", "sector", "is_public", "municipality__district__region"]
    search_fields = ["code", "title_en", "title_ar", "search_text"]
    list_select_related = ["municipality"]
    inlines = [ParticipationInline, StatusChangeInline]


@admin.register(ExchangeRate)
class ExchangeRateAdmin(PortfolioReadOnly):
    staff_page = "portfolio:exchange_rates"
    list_display = ["currency", "date", "rate_to_lyd"]
    list_filter = ["currency"]
    date_hierarchy = "date"


@admin.register(Milestone)
class MilestoneAdmin(PortfolioReadOnly):
    list_display = ["project", "name_en", "planned_date", "weight", "actual_date"]
    search_fields = ["project__code", "name_en", "name_ar"]


@admin.register(ProgressReport)
class ProgressReportAdmin(PortfolioReadOnly):
    list_display = ["project", "report_date", "physical_percent", "status", "reporter"]
    list_filter = ["status"]
    search_fields = ["project__code"]


@admin.register(Transaction)
class TransactionAdmin(PortfolioReadOnly):
    list_display = ["project", "kind", "date", "amount", "currency", "reference"]
    list_filter = ["kind", "currency"]
    search_fields = ["project__code", "reference"]


@admin.register(Risk)
class RiskAdmin(PortfolioReadOnly):
    list_display = ["project", "category", "likelihood", "impact", "status"]
    list_filter = ["category", "status"]
    search_fields = ["project__code"]


@admin.register(ProjectDocument)
class ProjectDocumentAdmin(PortfolioReadOnly):
    list_display = ["project", "title_en", "category", "is_public", "uploaded_at"]
    list_filter = ["category", "is_public"]
    search_fields = ["project__code", "title_en", "title_ar"]
