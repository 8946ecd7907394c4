"""For administrators: events, their agenda, rooms and tables. Organizers run the rest on the
forum pages, which go through the services (rules and audit)."""

from django.contrib import admin

from imar.forum.models import Event, Participant, Room, Session, Showcase, Table


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0


class RoomInline(admin.TabularInline):
    model = Room
    extra = 0
    exclude = ["search_text"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["name_en", "city_en", "starts_on", "ends_on", "registration_open"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [RoomInline, SessionInline]


@admin.register(Table)
class TableAdmin(admin.ModelAdmin):
    list_display = ["number", "room", "event"]
    list_filter = ["event"]


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["delegate_name", "organization", "kind", "country", "status", "event"]
    list_filter = ["event", "status", "kind"]
    search_fields = ["delegate_name", "email", "checkin_code"]
    raw_id_fields = ["organization", "user"]
    readonly_fields = ["status", "user", "checkin_code", "checked_in_at"]


@admin.register(Showcase)
class ShowcaseAdmin(admin.ModelAdmin):
    list_display = ["project", "event", "owner"]
    raw_id_fields = ["project", "owner"]
