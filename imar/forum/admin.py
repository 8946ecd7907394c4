"""Read only: organizers run the forum on its own pages, which go through the services
(rules and audit trail)."""

from django.contrib import admin

from imar.accounts.admin_mixins import ReadOnlyFundData, ReadOnlyInline
from imar.forum.models import Event, Participant, Room, Session, Showcase, Table


class ForumReadOnly(ReadOnlyFundData, admin.ModelAdmin):
    staff_page = "forum:organize_events"


class SessionInline(ReadOnlyInline, admin.TabularInline):
    model = Session
    extra = 0


class RoomInline(ReadOnlyInline, admin.TabularInline):
    model = Room
    extra = 0
    exclude = ["search_text"]


@admin.register(Event)
class EventAdmin(ForumReadOnly):
    list_display = ["name_en", "city_en", "starts_on", "ends_on", "registration_open"]
    inlines = [RoomInline, SessionInline]


@admin.register(Table)
class TableAdmin(ForumReadOnly):
    list_display = ["number", "room", "event"]
    list_filter = ["event"]


@admin.register(Participant)
class ParticipantAdmin(ForumReadOnly):
    list_display = [
        "delegate_name",
        "name_latin",
        "organization",
        "kind",
        "country",
        "status",
        "event",
    ]
    list_filter = ["event", "status", "kind"]
    search_fields = ["delegate_name", "name_latin", "email", "checkin_code"]


@admin.register(Showcase)
class ShowcaseAdmin(ForumReadOnly):
    list_display = ["project", "event", "owner"]
