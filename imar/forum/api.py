"""/api/v1/forum/...: events, sessions and the showcase for everyone; participants, requests,
meetings and leads for organizers (all of them) and delegates (their own only)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from imar.accounts.permissions import PublicReadOrganizersWrite, is_forum_organizer
from imar.core.versioning import StaleVersion
from imar.forum import serializers as s
from imar.forum.enums import ParticipantStatus
from imar.forum.models import (
    Event,
    Lead,
    Meeting,
    MeetingRequest,
    Participant,
    ScheduleRun,
    Session,
    Showcase,
)
from imar.forum.services import attendance, meeting_requests
from imar.forum.tasks import event_schedule_task


def _drf(error: DjangoValidationError):
    if isinstance(error, StaleVersion):
        raise error  # someone saved the record in between: 409
    detail = error.message_dict if hasattr(error, "error_dict") else {"detail": error.messages}
    raise ValidationError(detail) from error


def _mine(user):
    """Participant ids the user speaks for (approved delegates only)."""
    if not user.is_authenticated:  # also the schema generator's fake request
        return []
    return list(
        Participant.objects.filter(user=user, status=ParticipantStatus.APPROVED).values_list(
            "pk", flat=True
        )
    )


class EventViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Event.objects.all()
    serializer_class = s.EventSerializer
    permission_classes = [AllowAny]
    lookup_field = "slug"

    @extend_schema(request=None, responses=s.ScheduleRunSerializer)
    @action(detail=True, methods=["post"], permission_classes=[PublicReadOrganizersWrite])
    def schedule(self, request, slug=None):
        """Schedule the accepted requests (rescheduling with few moves when meetings exist)."""
        if not is_forum_organizer(request.user):
            raise PermissionDenied
        try:
            run_id = event_schedule_task(
                event_id=self.get_object().pk, by_id=request.user.pk, time_limit=10
            )
        except DjangoValidationError as error:
            _drf(error)
        return Response(s.ScheduleRunSerializer(ScheduleRun.objects.get(pk=run_id)).data)


class SessionViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Session.objects.select_related("room")
    serializer_class = s.SessionSerializer
    permission_classes = [AllowAny]
    filterset_fields = ["event"]


class ShowcaseViewSet(viewsets.ReadOnlyModelViewSet):
    """Showcased projects; only public portfolio projects are shown."""

    serializer_class = s.ShowcaseSerializer
    permission_classes = [AllowAny]
    filterset_fields = ["event"]

    def get_queryset(self):
        return Showcase.objects.public().select_related("project", "owner__organization")


class ParticipantViewSet(viewsets.ReadOnlyModelViewSet):
    """Organizers see every participant; a delegate sees only themselves."""

    serializer_class = s.ParticipantSerializer
    permission_classes = [IsAuthenticated]
    filterset_fields = ["event", "status", "kind", "country"]

    def get_queryset(self):
        queryset = Participant.objects.select_related("organization").order_by("pk")
        if is_forum_organizer(self.request.user):
            return queryset
        return queryset.filter(pk__in=_mine(self.request.user))


class MeetingRequestViewSet(
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Requests: a delegate sees those they sent or received, and sends new ones."""

    serializer_class = s.MeetingRequestSerializer
    permission_classes = [IsAuthenticated]
    filterset_fields = ["event", "status", "priority"]

    def get_queryset(self):
        queryset = MeetingRequest.objects.select_related(
            "from_participant__organization", "to_participant__organization"
        ).order_by("pk")
        if is_forum_organizer(self.request.user):
            return queryset
        mine = _mine(self.request.user)
        return queryset.filter(Q(from_participant__in=mine) | Q(to_participant__in=mine))

    @extend_schema(
        request=s.MeetingRequestInputSerializer, responses={201: s.MeetingRequestSerializer}
    )
    def create(self, request, *args, **kwargs):
        data = s.MeetingRequestInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        receiver = get_object_or_404(Participant, pk=data.validated_data["to_participant"])
        sender = Participant.objects.filter(
            pk__in=_mine(request.user), event_id=receiver.event_id
        ).first()
        if sender is None:
            raise PermissionDenied("Only delegates of this event send requests.")
        try:
            created = meeting_requests.request_send(
                by=request.user,
                sender=sender,
                receiver=receiver,
                message=data.validated_data["message"],
                priority=data.validated_data["priority"],
                expires_at=data.validated_data["expires_at"],
            )
        except DjangoValidationError as error:
            _drf(error)
        return Response(self.get_serializer(created).data, status=status.HTTP_201_CREATED)

    def _answer(self, request, service, receiver_only: bool):
        meeting_request = self.get_object()
        mine = _mine(request.user)
        allowed = [meeting_request.to_participant_id]
        if not receiver_only:
            allowed.append(meeting_request.from_participant_id)
        if not (set(allowed) & set(mine)) and not is_forum_organizer(request.user):
            raise PermissionDenied
        try:
            service(by=request.user, request=meeting_request)
        except DjangoValidationError as error:
            _drf(error)
        meeting_request.refresh_from_db()
        return Response(self.get_serializer(meeting_request).data)

    @extend_schema(request=None, responses=s.MeetingRequestSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self._answer(request, meeting_requests.request_accept, receiver_only=True)

    @extend_schema(request=None, responses=s.MeetingRequestSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        return self._answer(request, meeting_requests.request_decline, receiver_only=True)

    @extend_schema(request=None, responses=s.MeetingRequestSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        return self._answer(request, meeting_requests.request_cancel, receiver_only=False)


class MeetingViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.MeetingSerializer
    permission_classes = [IsAuthenticated]
    filterset_fields = ["event", "status", "slot"]

    def get_queryset(self):
        queryset = Meeting.objects.select_related(
            "slot",
            "table",
            "request__from_participant__organization",
            "request__to_participant__organization",
        ).order_by("slot__starts_at", "table__number")
        if is_forum_organizer(self.request.user):
            return queryset
        mine = _mine(self.request.user)
        return queryset.filter(
            Q(request__from_participant__in=mine) | Q(request__to_participant__in=mine)
        )

    @extend_schema(request=s.MeetingMarkSerializer, responses=s.MeetingSerializer)
    @action(detail=True, methods=["post"])
    def mark(self, request, pk=None):
        """Attendance: held or no-show (organizers)."""
        if not is_forum_organizer(request.user):
            raise PermissionDenied
        data = s.MeetingMarkSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        meeting = self.get_object()
        try:
            attendance.meeting_mark(
                by=request.user, meeting=meeting, status=data.validated_data["status"]
            )
        except DjangoValidationError as error:
            _drf(error)
        return Response(self.get_serializer(meeting).data)


class LeadViewSet(
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = s.LeadSerializer
    permission_classes = [IsAuthenticated]
    filterset_fields = ["meeting", "interest"]

    def get_queryset(self):
        queryset = Lead.objects.order_by("pk")
        if is_forum_organizer(self.request.user):
            return queryset
        return queryset.filter(recorded_by__in=_mine(self.request.user))

    @extend_schema(request=s.LeadInputSerializer, responses={201: s.LeadSerializer})
    def create(self, request, *args, **kwargs):
        data = s.LeadInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        meeting = get_object_or_404(
            Meeting.objects.select_related("request"), pk=data.validated_data["meeting"]
        )
        mine = set(_mine(request.user))
        side = {meeting.request.from_participant_id, meeting.request.to_participant_id} & mine
        if not side:
            raise PermissionDenied("Only the two sides of a meeting record leads.")
        showcase_id = data.validated_data["showcase"]
        showcase = get_object_or_404(Showcase, pk=showcase_id) if showcase_id else None
        try:
            lead = attendance.lead_record(
                by=request.user,
                meeting=meeting,
                participant=Participant.objects.get(pk=side.pop()),
                interest=data.validated_data["interest"],
                notes=data.validated_data["notes"],
                showcase=showcase,
            )
        except DjangoValidationError as error:
            _drf(error)
        return Response(self.get_serializer(lead).data, status=status.HTTP_201_CREATED)


def register(router) -> None:
    router.register("forum/events", EventViewSet, basename="forum-event")
    router.register("forum/sessions", SessionViewSet, basename="forum-session")
    router.register("forum/showcase", ShowcaseViewSet, basename="forum-showcase")
    router.register("forum/participants", ParticipantViewSet, basename="forum-participant")
    router.register("forum/requests", MeetingRequestViewSet, basename="forum-request")
    router.register("forum/meetings", MeetingViewSet, basename="forum-meeting")
    router.register("forum/leads", LeadViewSet, basename="forum-lead")
