"""/api/v1/organizations/, agreements/, engagements/, action-items/.

Reads go through the selectors (visibility: anonymous users see public agreements only,
never contacts or notes); writes through the services; rules through rules.py.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from imar.accounts import permissions as perms
from imar.core.versioning import StaleVersion
from imar.core.versioning_api import VersionedViewMixin
from imar.organizations import services as organization_services
from imar.organizations.filters import OrganizationFilterSet
from imar.organizations.models import Organization
from imar.partners import selectors, services
from imar.partners.filters import (
    ActionItemFilterSet,
    AgreementFilterSet,
    EngagementFilterSet,
)
from imar.partners.models import ActionItem, Agreement, Engagement
from imar.partners.serializers import (
    ActionItemSerializer,
    AgreementInputSerializer,
    AgreementOutputSerializer,
    EngagementSerializer,
    OrganizationOutputSerializer,
    OrganizationSerializer,
    OrganizationStaffSerializer,
)

for method in (
    AgreementFilterSet.filter_country,
    AgreementFilterSet.filter_status,
):
    extend_schema_field(OpenApiTypes.STR)(method)
extend_schema_field(OpenApiTypes.BOOL)(ActionItemFilterSet.filter_overdue)

ERRORS = OpenApiResponse(OpenApiTypes.OBJECT, description="Field errors, translated.")


def _raise_as_drf(error: DjangoValidationError):
    if isinstance(error, StaleVersion):
        raise error  # answered 409 or 412 by VersionedViewMixin
    detail = error.message_dict if hasattr(error, "error_dict") else {"detail": error.messages}
    raise ValidationError(detail) from error


class WriteMixin(VersionedViewMixin):
    """Create and update through a service; answer with the output serializer. Updates
    carry the version they start from (If-Match or row_version): see VersionedViewMixin."""

    def create(self, request, *args, **kwargs):
        instance = self._write(request, None)
        return Response(self._output(instance), status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        instance = self._write(request, self.get_object(), partial=kwargs.get("partial", False))
        return Response(self._output(instance))

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    def _output(self, instance):
        instance = self.get_queryset().get(pk=instance.pk)
        return self.get_serializer_class()(instance, context=self.get_serializer_context()).data


class OrganizationViewSet(
    WriteMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Organizations: the public reads the public ones (the portal's rule) with public fields;
    staff read those they may see, with contacts and notes where they may see them."""

    permission_classes = [perms.PublicReadOfficersWrite]
    filter_backends = [DjangoFilterBackend]
    filterset_class = OrganizationFilterSet

    def get_queryset(self):
        user = self.request.user
        queryset = perms.visible_organizations(user, Organization.objects.order_by("name_en", "id"))
        if perms.is_staff_member(user):
            queryset = perms.with_private_access(user, queryset).prefetch_related("contacts")
        return queryset

    def get_serializer_class(self):
        user = getattr(self.request, "user", None)
        if perms.is_staff_member(user):
            return OrganizationOutputSerializer
        return OrganizationSerializer

    @extend_schema(responses={200: OrganizationOutputSerializer(many=True)})
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(responses={200: OrganizationOutputSerializer})
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(
        request=OrganizationStaffSerializer,
        responses={201: OrganizationOutputSerializer, 400: ERRORS},
    )
    def create(self, request, *args, **kwargs):
        return super().create(request, *args, **kwargs)

    @extend_schema(
        request=OrganizationStaffSerializer,
        responses={200: OrganizationOutputSerializer, 400: ERRORS},
    )
    def update(self, request, *args, **kwargs):
        return super().update(request, *args, **kwargs)

    @extend_schema(
        request=OrganizationStaffSerializer,
        responses={200: OrganizationOutputSerializer, 400: ERRORS},
    )
    def partial_update(self, request, *args, **kwargs):
        return super().partial_update(request, *args, **kwargs)

    def _write(self, request, instance, partial=False):
        serializer = OrganizationStaffSerializer(instance, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        expected = self.expected_version(fields)
        try:
            return organization_services.organization_save(
                by=request.user, fields=fields, organization=instance, expected_version=expected
            )
        except DjangoValidationError as error:
            _raise_as_drf(error)


class AgreementViewSet(
    WriteMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Agreements with their parties and linked projects. Anonymous users and the public
    see public agreements only; staff see confidential ones too."""

    permission_classes = [perms.PublicReadOfficersWrite]
    serializer_class = AgreementOutputSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = AgreementFilterSet

    def get_queryset(self):
        return selectors.agreements_for(self.request.user)

    @extend_schema(
        request=AgreementInputSerializer, responses={201: AgreementOutputSerializer, 400: ERRORS}
    )
    def create(self, request, *args, **kwargs):
        return super().create(request, *args, **kwargs)

    @extend_schema(
        request=AgreementInputSerializer, responses={200: AgreementOutputSerializer, 400: ERRORS}
    )
    def update(self, request, *args, **kwargs):
        return super().update(request, *args, **kwargs)

    @extend_schema(
        request=AgreementInputSerializer, responses={200: AgreementOutputSerializer, 400: ERRORS}
    )
    def partial_update(self, request, *args, **kwargs):
        return super().partial_update(request, *args, **kwargs)

    def _write(self, request, instance, partial=False):
        serializer = AgreementInputSerializer(instance, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        expected = self.expected_version(data)
        parties = data.pop("parties", None)
        projects = data.pop("projects", None)
        if parties is not None:
            parties = [services.Party(p["organization"], p["role"]) for p in parties]
        try:
            if instance is None:
                return services.agreement_create(
                    by=request.user, fields=data, parties=parties or [], projects=projects or []
                )
            return services.agreement_update(
                by=request.user,
                agreement=Agreement.objects.get(pk=instance.pk),
                fields=data,
                parties=parties,
                projects=projects,
                expected_version=expected,
            )
        except DjangoValidationError as error:
            _raise_as_drf(error)


class EngagementViewSet(
    WriteMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Visits, meetings, delegations, workshops and forum sessions (staff only)."""

    permission_classes = [perms.HeadOfficeReadOfficersWrite]
    serializer_class = EngagementSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = EngagementFilterSet

    def get_queryset(self):
        queryset = Engagement.objects.prefetch_related("organizations", "people")
        return perms.visible_engagements(self.request.user, queryset.order_by("-starts_on", "-id"))

    def _write(self, request, instance, partial=False):
        serializer = EngagementSerializer(instance, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        expected = self.expected_version(data)
        organizations = data.pop("organizations", None)
        people = data.pop("people", None)
        try:
            return services.engagement_save(
                by=request.user,
                fields=data,
                organizations=organizations,
                people=people,
                engagement=Engagement.objects.get(pk=instance.pk) if instance else None,
                expected_version=expected,
            )
        except DjangoValidationError as error:
            _raise_as_drf(error)


class ActionItemViewSet(
    WriteMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Follow-up actions of engagements, with the derived `is_overdue` (staff: engineers
    those they own or about their districts' projects)."""

    permission_classes = [perms.StaffReadOfficersWrite]
    serializer_class = ActionItemSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = ActionItemFilterSet

    def get_queryset(self):
        actions = selectors.actions_list().order_by("due_on", "id")
        return perms.visible_actions(self.request.user, actions)

    def _write(self, request, instance, partial=False):
        serializer = ActionItemSerializer(instance, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        expected = self.expected_version(data)
        engagement = data.pop("engagement", None)
        try:
            return services.action_save(
                by=request.user,
                fields=data,
                engagement=engagement,
                action=ActionItem.objects.get(pk=instance.pk) if instance else None,
                expected_version=expected,
            )
        except DjangoValidationError as error:
            _raise_as_drf(error)


def register(router) -> None:
    router.register("organizations", OrganizationViewSet, basename="organization")
    router.register("agreements", AgreementViewSet, basename="agreement")
    router.register("engagements", EngagementViewSet, basename="engagement")
    router.register("action-items", ActionItemViewSet, basename="action-item")
