"""Administrators' view of the registry. Status is read-only here: it moves only through
the lifecycle service (staff project page or API), so every change keeps its reason."""

from django.contrib import admin

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


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["code", "name_en", "name_ar"]
    search_fields = ["code", "name_en", "name_ar"]


class ParticipationInline(admin.TabularInline):
    model = ProjectOrganization
    extra = 0
    autocomplete_fields = ["organization"]


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    can_delete = False
    readonly_fields = ["from_status", "to_status", "changed_by", "changed_at", "reason"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["code", "title_en", "title_ar", "sector", "status", "municipality", "is_public"]
    list_filter = ["status", "sector", "is_public", "municipality__district__region"]
    search_fields = ["code", "title_en", "title_ar", "search_text"]
    list_select_related = ["municipality"]
    autocomplete_fields = ["municipality", "program"]
    readonly_fields = ["status", "suspended_from", "created_at", "updated_at"]
    inlines = [ParticipationInline, StatusChangeInline]


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin):
    list_display = ["currency", "date", "rate_to_lyd"]
    list_filter = ["currency"]
    date_hierarchy = "date"


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ["project", "name_en", "planned_date", "weight", "actual_date"]
    search_fields = ["project__code", "name_en", "name_ar"]
    raw_id_fields = ["project"]


@admin.register(ProgressReport)
class ProgressReportAdmin(admin.ModelAdmin):
    """Reports move through their workflow on the staff pages; here they are read only."""

    list_display = ["project", "report_date", "physical_percent", "status", "reporter"]
    list_filter = ["status"]
    search_fields = ["project__code"]
    raw_id_fields = ["project"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Transaction)
class TransactionAdmin(admin.ModelAdmin):
    """Money is recorded through the staff pages, which enforce the commitment ceiling."""

    list_display = ["project", "kind", "date", "amount", "currency", "reference"]
    list_filter = ["kind", "currency"]
    search_fields = ["project__code", "reference"]
    raw_id_fields = ["project"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Risk)
class RiskAdmin(admin.ModelAdmin):
    list_display = ["project", "category", "likelihood", "impact", "status"]
    list_filter = ["category", "status"]
    search_fields = ["project__code"]
    raw_id_fields = ["project"]


@admin.register(ProjectDocument)
class ProjectDocumentAdmin(admin.ModelAdmin):
    list_display = ["project", "title_en", "category", "is_public", "uploaded_at"]
    list_filter = ["category", "is_public"]
    search_fields = ["project__code", "title_en", "title_ar"]
    raw_id_fields = ["project"]
