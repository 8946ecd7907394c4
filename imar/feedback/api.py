"""/api/v1/feedback/cases/ (staff) and /api/v1/public/feedback/ (anyone).

- Staff read the cases the triage queue shows them (`access.visible_cases`: sensitive
  categories only for the restricted role, a regional engineer only their districts), with
  the queue's filters. The list carries what triage needs; a case's detail adds what the
  staff page shows beside it: the citizen's words, contact, the places given and the
  internal notes. Anyone else gets 401/403, never an empty list that hides a refusal.
- The public reads, per public project, how many cases were raised, answered and resolved
  (`Case.objects.countable()`, the project page's rule): counts only, nothing a citizen wrote.
"""

from django.db.models import Count, Q
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny

from imar.accounts.permissions import StaffOnly
from imar.accounts.throttling import AnonRateThrottle, UserRateThrottle
from imar.feedback import access
from imar.feedback.enums import ANSWERED_STATUSES, OPEN_STATUSES, Category, Status
from imar.feedback.models import Case
from imar.portfolio.models import Project

# ---- staff -----------------------------------------------------------------------------------


class CaseSerializer(serializers.ModelSerializer):
    project = serializers.CharField(source="project.code", read_only=True)
    district = serializers.CharField(source="project.municipality.district.iso_code")
    assigned_to = serializers.CharField(
        source="assigned_to.username", default=None, allow_null=True
    )
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = [
            "id", "project", "district", "category", "status", "received_at", "due_at",
            "overdue", "escalation_level", "assigned_to", "answered_at", "decided_at",
            "is_published", "public_text", "answer_ar", "answer_en",
        ]  # fmt: skip
        read_only_fields = fields

    def get_overdue(self, case) -> bool:
        return case.status in OPEN_STATUSES and case.due_at < self.context["now"]


class CaseNoteSerializer(serializers.Serializer):
    author = serializers.CharField(source="author.username")
    text = serializers.CharField()
    created_at = serializers.DateTimeField()


class CaseDetailSerializer(CaseSerializer):
    """What the staff page of a case shows: private to the staff who may see the case."""

    notes = CaseNoteSerializer(many=True, read_only=True)

    class Meta(CaseSerializer.Meta):
        fields = [
            *CaseSerializer.Meta.fields, "text", "language", "contact", "latitude",
            "longitude", "photo_latitude", "photo_longitude", "rejection_reason", "notes",
        ]  # fmt: skip
        read_only_fields = fields


def _flag(value: str) -> bool | None:
    return {"1": True, "true": True, "0": False, "false": False}.get((value or "").lower())


@extend_schema_view(
    list=extend_schema(
        summary="Citizens' cases the user may see (the triage queue's rule)",
        parameters=[
            OpenApiParameter("project", str, description="Project code"),
            OpenApiParameter("district", str, description="District ISO code (LY-DR)"),
            OpenApiParameter("category", str, enum=list(Category.values)),
            OpenApiParameter("status", str, enum=list(Status.values)),
            OpenApiParameter("overdue", bool, description="Open and past the answer time"),
        ],
    ),
    retrieve=extend_schema(summary="One case with the citizen's words, contact and notes"),
)
class CaseViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [StaffOnly]
    filter_backends = []  # the filters below, as the queue reads them

    def get_serializer_class(self):
        return CaseDetailSerializer if self.action == "retrieve" else CaseSerializer

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "now": timezone.now()}

    def get_queryset(self):
        queryset = access.visible_cases(self.request.user, Case.objects.all()).select_related(
            "project__municipality__district", "assigned_to"
        )
        if self.action == "retrieve":
            return queryset.prefetch_related("notes__author")
        params = self.request.query_params
        if params.get("project"):
            queryset = queryset.filter(project__code=params["project"])
        if params.get("district"):
            queryset = queryset.filter(project__municipality__district__iso_code=params["district"])
        if params.get("category"):
            queryset = queryset.filter(category=params["category"])
        if params.get("status"):
            queryset = queryset.filter(status=params["status"])
        overdue = _flag(params.get("overdue"))
        if overdue is not None:
            late = Q(status__in=OPEN_STATUSES, due_at__lt=timezone.now())
            queryset = queryset.filter(late) if overdue else queryset.exclude(late)
        return queryset.defer("project__municipality__district__geometry").order_by("due_at", "pk")


# ---- public ----------------------------------------------------------------------------------


class PublicCountsSerializer(serializers.Serializer):
    project = serializers.CharField(source="code")
    raised = serializers.IntegerField()
    answered = serializers.IntegerField()
    resolved = serializers.IntegerField()


@extend_schema_view(
    list=extend_schema(
        tags=["public"],
        summary="Citizens' cases per public project: raised, answered, resolved",
        parameters=[OpenApiParameter("project", str, description="Project code")],
    ),
    retrieve=extend_schema(tags=["public"], summary="The counts of one public project"),
)
class PublicCountsViewSet(viewsets.ReadOnlyModelViewSet):
    authentication_classes = []  # public data only
    permission_classes = [AllowAny]
    throttle_classes = [AnonRateThrottle, UserRateThrottle]
    serializer_class = PublicCountsSerializer
    filter_backends = []
    lookup_field = "code"

    def get_queryset(self):
        # One grouped query: the filter before the counts keeps the join to countable cases.
        queryset = (
            Project.objects.public()
            .filter(citizen_cases__in=Case.objects.countable())
            .annotate(
                raised=Count("citizen_cases"),
                answered=Count(
                    "citizen_cases", filter=Q(citizen_cases__status__in=ANSWERED_STATUSES)
                ),
                resolved=Count("citizen_cases", filter=Q(citizen_cases__status=Status.RESOLVED)),
            )
            .only("code")
            .order_by("code")
        )
        if self.action == "list" and self.request.query_params.get("project"):
            queryset = queryset.filter(code=self.request.query_params["project"])
        return queryset


def register(router) -> None:
    router.register("feedback/cases", CaseViewSet, basename="feedback-case")
    router.register("public/feedback", PublicCountsViewSet, basename="public-feedback")
