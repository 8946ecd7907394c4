"""Administrators' view of the registry: read only, because projects and documents change on
the staff pages, through the services that check the fund's rules and record every
change in the audit trail (exchange rates: imar/monitoring/admin.py, beside their page). Programs have no staff page: they are edited here, and
each save is an audit event."""

from django.contrib import admin

from imar.accounts.admin_mixins import AuditedAdmin, ReadOnlyFundData, ReadOnlyInline
from imar.portfolio.models import (
    Program,
    Project,
    ProjectDocument,
    ProjectOrganization,
    StatusChange,
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


@admin.register(ProjectDocument)
class ProjectDocumentAdmin(PortfolioReadOnly):
    list_display = ["project", "title_en", "category", "is_public", "uploaded_at"]
    list_filter = ["category", "is_public"]
    search_fields = ["project__code", "title_en", "title_ar"]
