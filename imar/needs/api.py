"""/api/v1/ endpoints of the needs app.

Assessments (without their internal notes), damage records and published scoring models are
public, through the portal's public querysets. Scenarios are head office's (they weigh
projects of the whole country); appraisals are staff-only, engineers reading those of their
districts; planners create, run and approve.
"""

from decimal import Decimal

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from imar.accounts import permissions as perms
from imar.accounts.staff_fields import StaffFieldsMixin
from imar.core.api import ValidationErrorSerializer
from imar.core.versioning import StaleVersion
from imar.core.versioning_api import VersionedViewMixin, VersionField
from imar.needs import runs
from imar.needs import scenarios as scenario_services
from imar.needs.enums import PdnaSector
from imar.needs.models import (
    Assessment,
    DamageRecord,
    ProjectAppraisal,
    Scenario,
    ScoringModel,
)
from imar.needs.scenario_report import ScenarioReport
from imar.needs.selectors import assessment_list, damage_record_list, scenario_list
from imar.needs.services import appraisal_set, scoring_model_save
from imar.portfolio.models import Project


class AssessmentSerializer(StaffFieldsMixin, serializers.ModelSerializer):
    """An assessment; its `notes` are internal (staff only)."""

    class Meta:
        model = Assessment
        staff_fields = ["notes", "notes_en"]
        fields = [
            "id", "name_ar", "name_en", "source", "conducted_on", "notes", "notes_en",
            "is_synthetic",
        ]  # fmt: skip


class DamageRecordSerializer(serializers.ModelSerializer):
    municipality = serializers.CharField(source="municipality.pcode")
    municipality_name_en = serializers.CharField(source="municipality.name_en")
    municipality_name_ar = serializers.CharField(source="municipality.name_ar")
    district = serializers.CharField(source="municipality.district.iso_code")

    class Meta:
        model = DamageRecord
        fields = [
            "id",
            "assessment",
            "municipality",
            "municipality_name_en",
            "municipality_name_ar",
            "district",
            "sector",
            "damage",
            "losses",
            "recovery_needs",
            "currency",
            "people_affected",
            "units_damaged",
        ]


class DamageRecordFilter(django_filters.FilterSet):
    district = django_filters.CharFilter(
        field_name="municipality__district__iso_code", help_text="ISO 3166-2 code, e.g. LY-DR"
    )
    municipality = django_filters.CharFilter(
        field_name="municipality__pcode", help_text="OCHA p-code, e.g. LY010102"
    )
    sector = django_filters.ChoiceFilter(choices=PdnaSector.choices)

    class Meta:
        model = DamageRecord
        fields = ["assessment", "district", "municipality", "sector"]


class ScoringModelSerializer(serializers.ModelSerializer):
    class Meta:
        model = ScoringModel
        fields = [
            "id",
            "name",
            "name_en",
            "version",
            "method",
            "definition",
            "pairwise",
            "consistency_ratio",
            "notes",
            "notes_en",
            "created_at",
        ]


class ScoringModelInput(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    method = serializers.ChoiceField(choices=["weighted_sum", "topsis"])
    weights = serializers.DictField(child=serializers.FloatField(min_value=0))
    pairwise = serializers.ListField(
        child=serializers.ListField(child=serializers.FloatField()), required=False
    )
    notes = serializers.CharField(required=False, allow_blank=True)
    name_en = serializers.CharField(max_length=200, required=False, allow_blank=True)
    notes_en = serializers.CharField(required=False, allow_blank=True)


class ScenarioInput(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    name_en = serializers.CharField(max_length=200, required=False, allow_blank=True)
    budget = serializers.DecimalField(max_digits=18, decimal_places=2, min_value=Decimal("0.01"))
    currency = serializers.CharField(max_length=3, default="LYD")
    scoring_model = serializers.PrimaryKeyRelatedField(queryset=ScoringModel.objects.all())
    rules = serializers.JSONField(
        default=dict,
        help_text='{"regions", "districts": {code: {"min_share", "max_share"}} (both levels may '
        'be set), "sectors": {code: {"max_share"}}, "mandatory": [project code], "analysis": '
        '{"sensitivity": bool, "fairness": "none"|"lexicographic", "score_slack": share, '
        '"population_floor_share": share}} or, for a multi-year plan, {"years": {"budgets": '
        '{year: amount}, "carry_over": bool}, "mandatory": [...]} (the budget is then the total '
        "of the years); shares 0..1",
    )
    candidate_stages = serializers.ListField(child=serializers.CharField(), required=False)
    district_filter = serializers.ListField(child=serializers.CharField(), default=list)
    sector_filter = serializers.ListField(child=serializers.CharField(), default=list)
    row_version = VersionField(required=False)


class ScenarioSerializer(serializers.ModelSerializer):
    summary = serializers.SerializerMethodField()
    error = serializers.CharField(
        source="failure", read_only=True, help_text="Why the run failed, translated."
    )

    class Meta:
        model = Scenario
        fields = [
            "id",
            "name",
            "name_en",
            "budget",
            "currency",
            "rules",
            "scoring_model",
            "candidate_stages",
            "district_filter",
            "sector_filter",
            "status",
            "error",
            "started_at",
            "finished_at",
            "approved_by",
            "approved_at",
            "summary",
            "row_version",
        ]

    def get_summary(self, scenario) -> dict | None:
        result = scenario.result or {}
        if "selected" not in result:
            return None
        keys = ("status", "total_cost", "total_score", "upper_bound", "gap")
        return {key: result.get(key) for key in keys} | {"selected": len(result["selected"])}


class ScenarioResultSerializer(serializers.Serializer):
    status = serializers.CharField(
        help_text="optimal (proven within the tolerance), feasible (keeps every rule; see gap), "
        "infeasible (proven: the rules cannot all hold; see conflicts) or no_solution_found "
        "(none found within the time limit, not proven impossible)."
    )
    selected = serializers.ListField(child=serializers.CharField())
    total_cost = serializers.FloatField()
    total_score = serializers.FloatField()
    upper_bound = serializers.FloatField(allow_null=True)
    gap = serializers.FloatField(allow_null=True)
    conflicts = serializers.ListField(child=serializers.CharField())
    explanations = serializers.DictField(child=serializers.CharField())
    scoring_model = serializers.DictField(allow_null=True)
    sensitivity = serializers.DictField(
        allow_null=True,
        required=False,
        help_text="With analysis.sensitivity: method (re-solving without each rule), rules "
        "(each floor, ceiling and cap with its cost in score, cost_low, cost_high, exact and "
        "text), budget (the answers at x0.9 and x1.1), stable and unstable projects.",
    )
    equity = serializers.DictField(
        allow_null=True,
        required=False,
        help_text="Money against recorded need per district (shares, ratio, per person), gini "
        "and theil of allocation / need, money_without_need_share.",
    )
    fairness = serializers.DictField(
        allow_null=True,
        required=False,
        help_text="With analysis.fairness: the objective (lexicographic), score_slack, and the "
        "score, selection, gini and theil before it.",
    )
    starts = serializers.DictField(
        child=serializers.IntegerField(),
        allow_null=True,
        required=False,
        help_text="A multi-year plan's start year of each chosen project.",
    )
    years = serializers.ListField(
        child=serializers.DictField(),
        allow_null=True,
        required=False,
        help_text="A multi-year plan's years: year, budget, available, spent, left.",
    )


class RefusedProjectSerializer(serializers.Serializer):
    project = serializers.CharField(help_text="The project's code.")
    reason = serializers.CharField(help_text="Why it cannot move, translated.")


class ApprovalRefusedSerializer(serializers.Serializer):
    detail = serializers.CharField()
    refused = RefusedProjectSerializer(many=True)


class PlannedMoveSerializer(serializers.Serializer):
    project = serializers.CharField(source="code")
    status = serializers.CharField(help_text="The project's lifecycle status now.")
    steps = serializers.ListField(
        child=serializers.CharField(), help_text="The statuses approval moves it through."
    )
    can_move = serializers.BooleanField()
    reason = serializers.CharField(help_text="Why it cannot move, translated; empty if it can.")


class ApprovalPlanSerializer(serializers.Serializer):
    can_approve = serializers.BooleanField(source="ok")
    projects = PlannedMoveSerializer(source="moves", many=True)


class AppraisalSerializer(serializers.ModelSerializer):
    project = serializers.SlugRelatedField(slug_field="code", queryset=Project.objects.all())

    class Meta:
        model = ProjectAppraisal
        fields = ["id", "project", "score", "note", "at"]
        read_only_fields = ["at"]
        validators = []  # one appraisal per project: a second POST replaces the first


def _raise(exc: DjangoValidationError):
    if isinstance(exc, StaleVersion):
        raise exc  # answered 409 or 412 by VersionedViewMixin
    raise ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)


class AssessmentViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = AssessmentSerializer

    def get_queryset(self):
        if perms.is_staff_member(self.request.user):
            return assessment_list()
        return assessment_list(Assessment.objects.public())


class DamageRecordViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = DamageRecordSerializer
    filterset_class = DamageRecordFilter

    def get_queryset(self):
        return damage_record_list(DamageRecord.objects.public())


@extend_schema_view(create=extend_schema(request=ScoringModelInput))
class ScoringModelViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = ScoringModelSerializer
    permission_classes = [perms.PublicReadPlannersWrite]

    def get_queryset(self):
        return ScoringModel.objects.public().order_by("name", "-version")

    def create(self, request, *args, **kwargs):
        data = ScoringModelInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            model = scoring_model_save(by=request.user, **data.validated_data)
        except DjangoValidationError as exc:
            _raise(exc)
        return Response(ScoringModelSerializer(model).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    create=extend_schema(request=ScenarioInput, responses={201: ScenarioSerializer}),
    update=extend_schema(request=ScenarioInput, responses={200: ScenarioSerializer}),
)
class ScenarioViewSet(
    VersionedViewMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    serializer_class = ScenarioSerializer
    permission_classes = [perms.HeadOfficeReadPlannersWrite]
    http_method_names = ["get", "post", "put", "head", "options"]

    def get_queryset(self):
        if self.request.method == "GET":
            runs.fail_stuck_runs()  # a run whose worker died reads as failed, to run again
        return scenario_list()

    def create(self, request, *args, **kwargs):
        data = ScenarioInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        fields.pop("row_version", None)
        try:
            scenario = scenario_services.scenario_create(by=request.user, **fields)
        except DjangoValidationError as exc:
            _raise(exc)
        return Response(ScenarioSerializer(scenario).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        scenario = self.get_object()
        data = ScenarioInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        expected = self.expected_version(fields)
        try:
            scenario_services.scenario_update(
                scenario=scenario, by=request.user, expected_version=expected, **fields
            )
        except DjangoValidationError as exc:
            _raise(exc)
        return Response(ScenarioSerializer(scenario).data)

    @extend_schema(request=None, responses={202: ScenarioSerializer})
    @action(detail=True, methods=["post"])
    def run(self, request, pk=None):
        """Start a run in the background; poll the scenario until its status is not running."""
        scenario = self.get_object()
        try:
            scenario_services.scenario_start(scenario=scenario, by=request.user)
        except DjangoValidationError as exc:
            _raise(exc)
        scenario.refresh_from_db()
        return Response(ScenarioSerializer(scenario).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        responses={200: ScenarioResultSerializer, 404: OpenApiResponse(description="Not run yet")}
    )
    @action(detail=True, methods=["get"])
    def result(self, request, pk=None):
        """The run's answer, with conflicts and explanations in the request's language."""
        scenario = self.get_object()
        report = ScenarioReport(scenario)
        if not report.has_answer:
            return Response({"detail": "This scenario has no result yet."}, status=404)
        result = report.result
        explanations = {
            code: report.render.render(reason)
            for code, reason in result.get("explanations", {}).items()
        }
        data = {key: result.get(key) for key in ScenarioResultSerializer().fields}
        data |= {
            "conflicts": report.conflicts,
            "explanations": explanations,
            "sensitivity": report.sensitivity(),
        }
        return Response(ScenarioResultSerializer(data).data)

    @extend_schema(
        responses={
            200: ApprovalPlanSerializer,
            400: OpenApiResponse(
                ValidationErrorSerializer,
                description="The scenario cannot be approved (not run, …)",
            ),
        }
    )
    @action(detail=True, methods=["get"], url_path="approval-plan")
    def approval_plan(self, request, pk=None):
        """What approving would do now to each chosen project; nothing is changed."""
        scenario = self.get_object()
        if not perms.can_plan_allocations(request.user):
            raise PermissionDenied
        try:
            plan = scenario_services.approval_plan(scenario=scenario, by=request.user)
        except DjangoValidationError as exc:
            _raise(exc)
        return Response(ApprovalPlanSerializer(plan).data)

    @extend_schema(
        request=None,
        responses={
            200: ScenarioSerializer,
            400: OpenApiResponse(description="The scenario cannot be approved (not run, …)"),
            409: OpenApiResponse(
                ApprovalRefusedSerializer,
                description="Some chosen projects cannot move forward; nothing was changed. "
                "Besides `detail`, the body lists them under `refused`: "
                "[{`project`: code, `reason`: why, translated}].",
            ),
        },
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """Approve, all or nothing: every chosen project moves forward to "approved" through
        the lifecycle with the scenario's approval, or (409) nothing changes and the projects
        that cannot move are listed with the reason."""
        scenario = self.get_object()
        if not perms.can_plan_allocations(request.user):
            raise PermissionDenied
        try:
            scenario_services.scenario_approve(scenario=scenario, by=request.user)
        except scenario_services.ApprovalRefused as refused:
            body = {"detail": " ".join(refused.messages), "refused": refused.plan.refused()}
            return Response(ApprovalRefusedSerializer(body).data, status=status.HTTP_409_CONFLICT)
        except DjangoValidationError as exc:
            _raise(exc)
        scenario.refresh_from_db()
        data = ScenarioSerializer(scenario).data | {"approval": scenario.result["approval"]}
        return Response(data)


class AppraisalViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """The staff's own score (0-100) of a candidate project: one criterion of the scoring."""

    serializer_class = AppraisalSerializer
    permission_classes = [perms.StaffReadPlannersWrite]
    filterset_fields = ["project__code"]

    def get_queryset(self):
        queryset = ProjectAppraisal.objects.select_related("project").order_by("project__code")
        return perms.visible_related(self.request.user, queryset)

    def create(self, request, *args, **kwargs):
        data = AppraisalSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            appraisal = appraisal_set(by=request.user, **data.validated_data)
        except DjangoValidationError as exc:
            _raise(exc)
        return Response(AppraisalSerializer(appraisal).data, status=status.HTTP_201_CREATED)


def register(router) -> None:
    router.register("needs/appraisals", AppraisalViewSet, basename="needs-appraisal")
    router.register("needs/assessments", AssessmentViewSet, basename="needs-assessment")
    router.register("needs/damage-records", DamageRecordViewSet, basename="needs-damage-record")
    router.register("needs/scoring-models", ScoringModelViewSet, basename="needs-scoring-model")
    router.register("needs/scenarios", ScenarioViewSet, basename="needs-scenario")
