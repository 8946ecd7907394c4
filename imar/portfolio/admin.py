"""Administrators' view of the registry. Status is read-only here: it moves only through
the lifecycle service (staff project page or API), so every change keeps its reason."""

from django.contrib import admin

from imar.portfolio.models import Program, Project, ProjectOrganization, StatusChange


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
