"""API shapes of the forum. Private fields (email, phone, check-in code) only in the
organizer's and the delegate's own view of a participant."""

from django_countries.serializers import CountryFieldMixin
from rest_framework import serializers

from imar.forum.enums import InterestLevel, Priority
from imar.forum.models import Event, Lead, Meeting, MeetingRequest, Participant, Session, Showcase


class EventSerializer(serializers.ModelSerializer):
    class Meta:
        model = Event
        fields = [
            "id", "slug", "name_ar", "name_en", "city_ar", "city_en", "venue_ar", "venue_en",
            "starts_on", "ends_on", "registration_open", "description_ar", "description_en",
        ]  # fmt: skip


class SessionSerializer(serializers.ModelSerializer):
    room = serializers.CharField(source="room.name_en", default="", read_only=True)

    class Meta:
        model = Session
        fields = [
            "id", "event", "title_ar", "title_en", "starts_at", "ends_at", "room", "speakers",
            "speakers_en",
        ]  # fmt: skip


class ShowcaseSerializer(serializers.ModelSerializer):
    project_code = serializers.CharField(source="project.code", read_only=True)
    title_ar = serializers.CharField(source="project.title_ar", read_only=True)
    title_en = serializers.CharField(source="project.title_en", read_only=True)
    sector = serializers.CharField(source="project.sector", read_only=True)
    owner_organization = serializers.CharField(
        source="owner.organization.name_en", default=None, read_only=True
    )

    class Meta:
        model = Showcase
        fields = [
            "id", "event", "project_code", "title_ar", "title_en", "sector", "funding_needs",
            "partner_needs", "partner_needs_en", "owner_organization",
        ]  # fmt: skip


class ParticipantSerializer(CountryFieldMixin, serializers.ModelSerializer):
    organization_name_ar = serializers.CharField(source="organization.name_ar", read_only=True)
    organization_name_en = serializers.CharField(source="organization.name_en", read_only=True)

    class Meta:
        model = Participant
        fields = [
            "id", "event", "organization", "organization_name_ar", "organization_name_en",
            "delegate_name", "name_latin", "job_title", "job_title_en", "email", "phone", "country", "kind", "sectors",
            "offers", "seeks", "max_meetings", "status", "checkin_code", "checked_in_at",
        ]  # fmt: skip


class ParticipantBriefSerializer(serializers.ModelSerializer):
    organization_name_en = serializers.CharField(source="organization.name_en", read_only=True)

    class Meta:
        model = Participant
        fields = ["id", "delegate_name", "name_latin", "organization_name_en"]


class MeetingRequestSerializer(serializers.ModelSerializer):
    from_participant = ParticipantBriefSerializer(read_only=True)
    to_participant = ParticipantBriefSerializer(read_only=True)
    weight = serializers.IntegerField(read_only=True)

    class Meta:
        model = MeetingRequest
        fields = [
            "id", "event", "from_participant", "to_participant", "message", "priority", "weight",
            "status", "expires_at", "created_by_organizer", "locked", "locked_slot", "created_at",
        ]  # fmt: skip


class MeetingRequestInputSerializer(serializers.Serializer):
    to_participant = serializers.IntegerField(help_text="Participant id of the person to meet.")
    message = serializers.CharField(required=False, allow_blank=True, default="")
    priority = serializers.ChoiceField(choices=Priority.choices, default=Priority.WOULD_LIKE)
    expires_at = serializers.DateTimeField(required=False, allow_null=True, default=None)


class MeetingSerializer(serializers.ModelSerializer):
    request = MeetingRequestSerializer(read_only=True)
    slot_starts_at = serializers.DateTimeField(source="slot.starts_at", read_only=True)
    slot_ends_at = serializers.DateTimeField(source="slot.ends_at", read_only=True)
    table = serializers.IntegerField(source="table.number", read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "event",
            "request",
            "slot",
            "slot_starts_at",
            "slot_ends_at",
            "table",
            "status",
        ]


class MeetingMarkSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=["scheduled", "held", "no_show"])


class LeadSerializer(serializers.ModelSerializer):
    class Meta:
        model = Lead
        fields = [
            "id", "meeting", "recorded_by", "interest", "notes", "showcase", "engagement",
            "agreement", "created_at",
        ]  # fmt: skip
        read_only_fields = ["recorded_by", "engagement", "agreement", "created_at"]


class LeadInputSerializer(serializers.Serializer):
    meeting = serializers.IntegerField()
    interest = serializers.ChoiceField(choices=InterestLevel.choices)
    notes = serializers.CharField(required=False, allow_blank=True, default="")
    showcase = serializers.IntegerField(required=False, allow_null=True, default=None)


class ScheduleRunSerializer(serializers.Serializer):
    method = serializers.CharField()
    optimal = serializers.BooleanField()
    scheduled_weight = serializers.FloatField()
    upper_bound = serializers.FloatField()
    gap = serializers.FloatField()
    meetings = serializers.IntegerField()
    moved = serializers.IntegerField()
    idle_gaps = serializers.IntegerField()
    unscheduled = serializers.ListField(child=serializers.DictField())
