"""/api/v1/projects/ and /api/v1/programs/: the registry for scripts and other systems.

Reads go through `project_list` (visibility), filters through the staff list's
`ProjectFilterSet`, writes through the services and the lifecycle, permissions through
`imar.accounts.permissions`: nothing here decides a rule on its own.
"""

import django_filters
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from imar.accounts.permissions import (
    can_create_project,
    can_edit_project,
    can_transition_project,
    project_fields_refused,
    visible_programs,
)
from imar.core.search import filter_by_search
from imar.core.versioning_api import VersionedViewMixin
from imar.portfolio.filters import ProjectFilterSet
from imar.portfolio.lifecycle import TransitionRefused, project_transition
from imar.portfolio.models import Program, Project
from imar.portfolio.selectors import project_list
from imar.portfolio.serializers import (
    ProgramOutputSerializer,
    ProjectInputSerializer,
    ProjectOutputSerializer,
    StatusChangeOutputSerializer,
    TransitionInputSerializer,
)
from imar.portfolio.services import (
    officer_fields_message,
    project_create,
    project_set_organizations,
    project_update,
)

ERRORS = OpenApiResponse(OpenApiTypes.OBJECT, description="Field errors, translated.")
REFUSED = OpenApiResponse(
    description="Not allowed for this user (e.g. an engineer outside their districts, or "
    "changing `is_public` or `code`, which only fund officers and administrators do)."
)
NOT_FOUND = OpenApiResponse(description="No such project, or not visible to this user.")


# What each filter takes, for the docs (the filter set's labels say only what it filters;
# the types of the method filters are declared on them in filters.py).
PROJECT_FILTER_DOCS = [
    OpenApiParameter(
        "q",
        OpenApiTypes.STR,
        description="Search code and titles in Arabic and English; diacritics, tatweel and "
        "alef/yaa/taa-marbuta variants are ignored, every word must match.",
    ),
    OpenApiParameter("region", OpenApiTypes.STR, description="Region p-code, e.g. LY01 (East)."),
    OpenApiParameter(
        "district", OpenApiTypes.STR, description="District ISO 3166-2 code, e.g. LY-DR."
    ),
    OpenApiParameter(
        "municipality", OpenApiTypes.STR, description="Municipality p-code, e.g. LY010102."
    ),
    OpenApiParameter("program", OpenApiTypes.STR, description="Program code."),
    OpenApiParameter(
        "organization", OpenApiTypes.INT, description="Id of an organization involved."
    ),
]
# The "funded by" filters: only organizations in the funder role count (the any-role
# `organization` and `organization_country` match a contractor or engineer too).
FUNDER_FILTER_DOCS = [
    OpenApiParameter(
        "funder_country",
        OpenApiTypes.STR,
        description="ISO 3166-1 alpha-2 code, upper case (e.g. US): projects with a funder "
        "from that country. Only the funder role counts.",
    ),
    OpenApiParameter(
        "funder",
        OpenApiTypes.INT,
        description="Id of an organization: projects it funds (funder role only).",
    ),
]
PROJECT_FILTER_DOCS += FUNDER_FILTER_DOCS
ORGANIZATION_COUNTRY_DOC = OpenApiParameter(
    "organization_country",
    OpenApiTypes.STR,
    description="ISO 3166-1 alpha-2 code (e.g. US): projects with an organization from that "
    "country in any role (funder, implementer, contractor, supervising engineer).",
)
PROJECT_FILTER_DOCS.append(ORGANIZATION_COUNTRY_DOC)


@extend_schema_view(
    list=extend_schema(
        summary="List projects (filtered, searched, paginated)", parameters=PROJECT_FILTER_DOCS
    ),
    retrieve=extend_schema(summary="One project", responses={200: ProjectOutputSerializer}),
    create=extend_schema(
        summary="Create a project (fund officers and administrators)",
        request=ProjectInputSerializer,
        responses={201: ProjectOutputSerializer, 400: ERRORS, 403: REFUSED},
    ),
    update=extend_schema(
        summary="Replace a project's fields",
        request=ProjectInputSerializer,
        responses={200: ProjectOutputSerializer, 400: ERRORS, 403: REFUSED, 404: NOT_FOUND},
    ),
    partial_update=extend_schema(
        summary="Change some of a project's fields",
        request=ProjectInputSerializer,
        responses={200: ProjectOutputSerializer, 400: ERRORS, 403: REFUSED, 404: NOT_FOUND},
    ),
)
class ProjectViewSet(
    VersionedViewMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = ProjectOutputSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = ProjectFilterSet
    lookup_field = "code"
    lookup_value_regex = "[^/]+"

    def get_queryset(self):
        return project_list(user=self.request.user).prefetch_related("participations__organization")

    def _output(self, project: Project, status_code=status.HTTP_200_OK) -> Response:
        fresh = self.get_queryset().get(pk=project.pk)
        return Response(
            ProjectOutputSerializer(fresh, context=self.get_serializer_context()).data,
            status=status_code,
        )

    def _set_organizations(self, project: Project, participations) -> None:
        if participations is None:
            return
        project_set_organizations(
            project=project,
            by=self.request.user,
            participations=[(p["organization"].pk, p["role"]) for p in participations],
        )

    def create(self, request, *args, **kwargs):
        if not can_create_project(request.user):
            raise PermissionDenied(_("Only fund officers and administrators create projects."))
        serializer = ProjectInputSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        fields.pop("row_version", None)
        participations = fields.pop("organizations", None)
        if not can_edit_project(request.user, Project(municipality=fields["municipality"])):
            raise PermissionDenied(_("This municipality is outside your districts."))
        reason = fields.pop("reason", "")
        project = project_create(by=request.user, reason=reason, **fields)
        self._set_organizations(project, participations)
        return self._output(project, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        project = self.get_object()
        if not can_edit_project(request.user, project):
            raise PermissionDenied(_("You may not edit this project."))
        serializer = ProjectInputSerializer(
            project,
            data=request.data,
            partial=kwargs.get("partial", False),
            context={"request": request},
        )
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        expected = self.expected_version(fields)
        participations = fields.pop("organizations", None)
        if refused := project_fields_refused(request.user, project, fields):
            raise PermissionDenied(officer_fields_message(refused))
        moved_to = fields.get("municipality")
        if moved_to is not None and not can_edit_project(
            request.user, Project(municipality=moved_to)
        ):
            raise PermissionDenied(_("This municipality is outside your districts."))
        reason = fields.pop("reason", "")
        project_update(
            project=project, by=request.user, reason=reason, expected_version=expected, **fields
        )
        self._set_organizations(project, participations)
        return self._output(project)

    @extend_schema(
        summary="Move a project through its lifecycle",
        description=(
            "The only way to change a project's status. A refused transition answers 400 "
            "with the reason, translated (e.g. approval without a budget)."
        ),
        request=TransitionInputSerializer,
        responses={200: ProjectOutputSerializer, 400: ERRORS, 403: REFUSED, 404: NOT_FOUND},
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def transition(self, request, code=None):
        project = self.get_object()
        serializer = TransitionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        to = serializer.validated_data["to"]
        if not can_transition_project(request.user, project, to):
            raise PermissionDenied(_("You may not move this project to that status."))
        try:
            project_transition(
                project=project, to=to, by=request.user, reason=serializer.validated_data["reason"]
            )
        except TransitionRefused as refused:
            raise ValidationError({"to": [str(refused)]}) from refused
        return self._output(project)

    @extend_schema(
        summary="A project's status changes, newest first",
        responses={200: StatusChangeOutputSerializer(many=True), 404: NOT_FOUND},
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def history(self, request, code=None):
        project = self.get_object()
        changes = project.status_changes.select_related("changed_by")
        return Response(
            StatusChangeOutputSerializer(
                changes, many=True, context=self.get_serializer_context()
            ).data
        )


class ProgramFilterSet(django_filters.FilterSet):
    code = django_filters.CharFilter(help_text="Exact program code.")
    q = django_filters.CharFilter(
        method="filter_search", help_text="Search the code and both names."
    )

    class Meta:
        model = Program
        fields = ["code", "q"]

    def filter_search(self, queryset, name, value):
        return filter_by_search(queryset, value)


@extend_schema_view(
    list=extend_schema(summary="List programs"),
    retrieve=extend_schema(summary="One program"),
)
class ProgramViewSet(viewsets.ReadOnlyModelViewSet):
    """Programs: the public reads those with a public project (the portal's rule)."""

    serializer_class = ProgramOutputSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = ProgramFilterSet
    lookup_field = "code"
    lookup_value_regex = "[^/]+"

    def get_queryset(self):
        return visible_programs(self.request.user, Program.objects.order_by("code"))


def register(router) -> None:
    router.register("projects", ProjectViewSet, basename="project")
    router.register("programs", ProgramViewSet, basename="program")
