"""The public API under /api/v1/public/: read-only, no login, rate-limited, and fed only by
`portal.public` (a logged-in staff member sees exactly what an anonymous visitor sees)."""

import django_filters
from django.conf import settings
from django.db.models import Prefetch
from django.urls import path, reverse
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers as drf_serializers
from rest_framework import viewsets
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from imar.accounts.throttling import AnonRateThrottle, UserRateThrottle
from imar.monitoring.models import ProgressReport, ReportPhoto, Transaction
from imar.organizations.models import Organization
from imar.partners.models import Agreement
from imar.portal import serializers
from imar.portfolio.api import FUNDER_FILTER_DOCS, ORGANIZATION_COUNTRY_DOC
from imar.portfolio.filters import PublicProjectFilterSet
from imar.portfolio.models import Program, Project, ProjectDocument, ProjectOrganization

TAG = ["public"]


class PublicReadOnly(viewsets.ReadOnlyModelViewSet):
    authentication_classes = []  # public data only; no session, no token, no CSRF
    permission_classes = [AllowAny]
    throttle_classes = [AnonRateThrottle, UserRateThrottle]


@extend_schema_view(
    list=extend_schema(
        tags=TAG,
        summary="Public projects (same filters as the portal)",
        parameters=[*FUNDER_FILTER_DOCS, ORGANIZATION_COUNTRY_DOC],
    ),
    retrieve=extend_schema(tags=TAG, summary="One public project by code"),
)
class PublicProjectViewSet(PublicReadOnly):
    serializer_class = serializers.PortalProjectSerializer
    filterset_class = PublicProjectFilterSet
    lookup_field = "code"

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.PortalProjectDetailSerializer
        return serializers.PortalProjectSerializer

    def get_queryset(self):
        participations = ProjectOrganization.objects.public().select_related("organization")
        queryset = (
            Project.objects.public()
            .select_related("municipality__district", "program")
            .defer("municipality__district__geometry")
            .prefetch_related(Prefetch("participations", queryset=participations))
            .order_by("code")
        )
        if self.action == "retrieve":
            documents = ProjectDocument.objects.public().only(
                "id", "project", "title_ar", "title_en", "category", "document_date", "content_type"
            )
            queryset = queryset.prefetch_related(
                Prefetch("documents", queryset=documents, to_attr="public_document_list")
            )
        return queryset


@extend_schema_view(
    list=extend_schema(tags=TAG, summary="Programs with public projects"),
    retrieve=extend_schema(tags=TAG),
)
class PublicProgramViewSet(PublicReadOnly):
    serializer_class = serializers.PortalProgramSerializer
    lookup_field = "code"

    def get_queryset(self):
        return Program.objects.public().order_by("code")


@extend_schema_view(
    list=extend_schema(tags=TAG, summary="Partners named in public projects or agreements"),
    retrieve=extend_schema(tags=TAG),
)
class PublicOrganizationViewSet(PublicReadOnly):
    serializer_class = serializers.PortalOrganizationSerializer

    def get_queryset(self):
        return Organization.objects.public().order_by("name_en", "id")


@extend_schema_view(
    list=extend_schema(tags=TAG, summary="Public (not confidential) agreements"),
    retrieve=extend_schema(tags=TAG),
)
class PublicAgreementViewSet(PublicReadOnly):
    serializer_class = serializers.PortalAgreementSerializer

    def get_queryset(self):
        return (
            Agreement.objects.public()
            .prefetch_related(
                "parties__organization",
                Prefetch(
                    "projects",
                    queryset=Project.objects.public().only("id", "code"),
                    to_attr="public_projects",
                ),
            )
            .order_by("-signed_on", "-id")
        )


class ProjectCodeFilter(django_filters.FilterSet):
    project = django_filters.CharFilter(field_name="project__code", label="Project code")


@extend_schema_view(
    list=extend_schema(tags=TAG, summary="Commitments, disbursements and expenditures"),
    retrieve=extend_schema(tags=TAG),
)
class PublicTransactionViewSet(PublicReadOnly):
    serializer_class = serializers.PortalTransactionSerializer
    filterset_class = ProjectCodeFilter

    def get_queryset(self):
        return (
            Transaction.objects.public()
            .select_related("project")
            .order_by("project__code", "date", "id")
        )


@extend_schema_view(
    list=extend_schema(tags=TAG, summary="Verified progress reports with their public photos"),
    retrieve=extend_schema(tags=TAG),
)
class PublicReportViewSet(PublicReadOnly):
    serializer_class = serializers.PortalReportSerializer
    filterset_class = ProjectCodeFilter

    def get_queryset(self):
        return (
            ProgressReport.objects.public()
            .select_related("project")
            .prefetch_related(Prefetch("photos", queryset=ReportPhoto.objects.public()))
            .order_by("project__code", "report_date", "id")
        )


ENDPOINTS = [
    ("projects", "public-project-list"),
    ("programs", "public-program-list"),
    ("organizations", "public-organization-list"),
    ("agreements", "public-agreement-list"),
    ("transactions", "public-transaction-list"),
    ("reports", "public-report-list"),
]


class LinkSerializer(drf_serializers.Serializer):
    name = drf_serializers.CharField()
    url = drf_serializers.CharField()


class PublicIndexSerializer(drf_serializers.Serializer):
    endpoints = drf_serializers.DictField(child=drf_serializers.CharField())
    docs = drf_serializers.CharField()
    schema = drf_serializers.CharField()
    portal = drf_serializers.CharField()
    open_data = drf_serializers.CharField()
    licence = LinkSerializer()


class PublicIndexView(APIView):
    """/api/v1/public/: the public endpoints, the docs, the portal, the formats and licence."""

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [AnonRateThrottle, UserRateThrottle]

    @extend_schema(tags=TAG, summary="Index of the public API", responses=PublicIndexSerializer)
    def get(self, request):
        url = request.build_absolute_uri
        return Response(
            {
                "endpoints": {name: url(reverse(view)) for name, view in ENDPOINTS},
                "docs": url(reverse("api-docs")),
                "schema": url(reverse("api-schema")),
                "portal": url("/"),
                "open_data": url("/open-data/"),
                "licence": {
                    "name": settings.IMAR_OPEN_DATA_LICENCE,
                    "url": settings.IMAR_OPEN_DATA_LICENCE_URL,
                },
            }
        )


urlpatterns = [path("public/", PublicIndexView.as_view(), name="public-index")]


def register(router) -> None:
    router.register("public/projects", PublicProjectViewSet, basename="public-project")
    router.register("public/programs", PublicProgramViewSet, basename="public-program")
    router.register(
        "public/organizations", PublicOrganizationViewSet, basename="public-organization"
    )
    router.register("public/agreements", PublicAgreementViewSet, basename="public-agreement")
    router.register("public/transactions", PublicTransactionViewSet, basename="public-transaction")
    router.register("public/reports", PublicReportViewSet, basename="public-report")
