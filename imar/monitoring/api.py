"""/api/v1/ monitoring endpoints: milestones, progress reports (with photos), transactions,
risks, exchange rates, dashboard figures and the attention list.

Reads are narrowed by `imar.accounts.permissions`; writes go through the monitoring
services, so the API refuses exactly what the staff pages refuse, with the same messages.
The public (anonymous callers and partners) reads milestones without their evidence,
verified reports of public projects and exchange rates (the portal's public querysets);
money, risks and the dashboards are staff-only.
"""

from django.db import transaction
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.generics import GenericAPIView, ListAPIView
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from imar.accounts import permissions as perms
from imar.core.versioning_api import VersionedViewMixin
from imar.monitoring import alerts, milestones, money, reports, risks
from imar.monitoring import serializers as s
from imar.monitoring.dashboard import portfolio_figures
from imar.monitoring.models import Milestone, ProgressReport, Risk, Transaction
from imar.monitoring.views.dashboards import _in_display
from imar.organizations.models import Organization
from imar.portfolio.currency import display_currency
from imar.portfolio.models import ExchangeRate, Project

ERRORS = OpenApiResponse(OpenApiTypes.OBJECT, description="Field errors, translated.")
PROJECT = OpenApiParameter("project", str, description="Project code")


def _project(user, code: str, *, write: bool) -> Project:
    project = perms.visible_projects(user, Project.objects.all()).filter(code=code).first()
    if project is None:
        raise serializers.ValidationError({"project": [_("No such project, or not visible.")]})
    if write and not perms.can_report_progress(user, project):
        raise PermissionDenied(_("You may not report on this project."))
    return project


def _run(call):
    """Run a service atomically; Django's field errors come back as a 400."""
    with transaction.atomic():
        return call()


class ProjectScoped:
    """List filtering by ?project=<code>, within what the user may see."""

    def filter_project(self, queryset):
        code = self.request.query_params.get("project")
        return queryset.filter(project__code=code) if code else queryset


@extend_schema(parameters=[PROJECT])
class MilestoneViewSet(
    ProjectScoped,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = s.MilestoneSerializer

    def get_queryset(self):
        queryset = Milestone.objects.select_related("project")
        queryset = perms.visible_milestones(self.request.user, queryset)
        return self.filter_project(queryset).order_by("project__code", "planned_date", "id")

    @extend_schema(
        request=s.MilestoneInputSerializer, responses={201: s.MilestoneSerializer, 400: ERRORS}
    )
    def create(self, request):
        data = s.MilestoneInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        project = _project(request.user, fields.pop("project"), write=True)
        row = _run(lambda: milestones.milestone_create(by=request.user, project=project, **fields))
        body = s.MilestoneSerializer(row, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_201_CREATED)


@extend_schema(parameters=[PROJECT, OpenApiParameter("status", str)])
class ReportViewSet(
    ProjectScoped, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    def get_serializer_class(self):
        if perms.is_staff_member(self.request.user):
            return s.ReportSerializer
        return s.PublicReportSerializer

    def get_queryset(self):
        queryset = perms.visible_reports(self.request.user, ProgressReport.objects.all())
        wanted = self.request.query_params.get("status")
        if wanted:
            queryset = queryset.filter(status=wanted)
        queryset = queryset.select_related("project").prefetch_related("photos")
        return self.filter_project(queryset).order_by("-report_date", "-id")

    @extend_schema(
        request={"multipart/form-data": s.ReportInputSerializer},
        responses={201: s.ReportSerializer, 200: s.ReportSerializer, 400: ERRORS},
        summary="Send a progress report with photos (idempotent by client_token)",
    )
    def create(self, request):
        data = s.ReportInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        project = _project(request.user, fields.pop("project"), write=True)
        uploads, captions = fields.pop("photos"), fields.pop("captions")
        photos = [(f, captions[i] if i < len(captions) else "") for i, f in enumerate(uploads)]
        report, created = _run(
            lambda: reports.report_save(by=request.user, project=project, photos=photos, **fields)
        )
        body = s.ReportSerializer(report, context={"request": request}).data
        return Response(body, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)

    def _act(self, request, pk, call):
        report = self.get_object()
        _run(lambda: call(report))
        report.refresh_from_db()
        return Response(s.ReportSerializer(report, context={"request": request}).data)

    @extend_schema(request=None, responses={200: s.ReportSerializer, 400: ERRORS})
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        def call(report):
            if report.reporter_id != request.user.pk:
                raise PermissionDenied
            reports.report_submit(report=report, by=request.user)

        return self._act(request, pk, call)

    @extend_schema(request=None, responses={200: s.ReportSerializer, 400: ERRORS})
    @action(detail=True, methods=["post"])
    def verify(self, request, pk=None):
        if not perms.can_verify_reports(request.user):
            raise PermissionDenied
        return self._act(request, pk, lambda r: reports.report_verify(report=r, by=request.user))

    @extend_schema(
        request=s.ReturnInputSerializer, responses={200: s.ReportSerializer, 400: ERRORS}
    )
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        if not perms.can_verify_reports(request.user):
            raise PermissionDenied
        data = s.ReturnInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        reason = data.validated_data["reason"]
        return self._act(
            request, pk, lambda r: reports.report_return(report=r, by=request.user, reason=reason)
        )


@extend_schema(parameters=[PROJECT, OpenApiParameter("kind", str)])
class TransactionViewSet(
    ProjectScoped,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Money is staff-only (the public reads it under /api/v1/public/transactions/); finance
    officers, fund officers and administrators record it."""

    permission_classes = [perms.StaffReadMoneyWrite]
    serializer_class = s.TransactionSerializer

    def get_queryset(self):
        queryset = Transaction.objects.select_related("project")
        queryset = perms.visible_related(self.request.user, queryset)
        kind = self.request.query_params.get("kind")
        if kind:
            queryset = queryset.filter(kind=kind)
        return self.filter_project(queryset).order_by("-date", "-id")

    @extend_schema(
        request=s.TransactionInputSerializer, responses={201: s.TransactionSerializer, 400: ERRORS}
    )
    def create(self, request):
        data = s.TransactionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        project = _project(request.user, fields.pop("project"), write=False)
        for side in ("provider", "receiver"):
            if fields[side] is not None:
                org = Organization.objects.filter(pk=fields[side]).first()
                if org is None:
                    raise serializers.ValidationError({side: [_("No such organization.")]})
                fields[side] = org
        row = _run(lambda: money.transaction_create(by=request.user, project=project, **fields))
        return Response(s.TransactionSerializer(row).data, status=status.HTTP_201_CREATED)


@extend_schema(parameters=[PROJECT])
class RiskViewSet(
    VersionedViewMixin,
    ProjectScoped,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Risks are staff-only; officers and the district's engineers record them."""

    permission_classes = [perms.StaffReadEditorsWrite]
    http_method_names = ["get", "post", "patch", "head", "options"]
    serializer_class = s.RiskSerializer

    def get_queryset(self):
        queryset = Risk.objects.select_related("project")
        queryset = perms.visible_related(self.request.user, queryset)
        return self.filter_project(queryset).order_by("project__code", "id")

    @extend_schema(request=s.RiskInputSerializer, responses={201: s.RiskSerializer, 400: ERRORS})
    def create(self, request):
        data = s.RiskInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        project = _project(request.user, fields.pop("project"), write=True)
        row = _run(lambda: risks.risk_create(by=request.user, project=project, **fields))
        return Response(s.RiskSerializer(row).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=s.RiskUpdateSerializer,
        responses={200: s.RiskSerializer, 400: ERRORS},
        summary="Change a risk (a security risk set to occurred suspends its project)",
    )
    def partial_update(self, request, pk=None):
        risk = self.get_object()
        if not perms.can_report_progress(request.user, risk.project):
            raise PermissionDenied
        data = s.RiskUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        expected = self.expected_version(fields)
        row = _run(
            lambda: risks.risk_update(
                risk=risk, by=request.user, expected_version=expected, **fields
            )
        )
        return Response(s.RiskSerializer(row).data)


class RateInputSerializer(serializers.Serializer):
    currency = serializers.CharField()
    date = serializers.DateField()
    rate_to_lyd = serializers.CharField(help_text="Dinars per unit, a positive decimal.")
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=500,
        help_text="Why an existing rate is corrected; the old value stays in the audit trail.",
    )


class ExchangeRateViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Rates are public knowledge; only finance staff enter them."""

    permission_classes = [perms.PublicReadMoneyWrite]
    serializer_class = s.ExchangeRateSerializer
    queryset = ExchangeRate.objects.order_by("currency", "-date")

    @extend_schema(
        request=RateInputSerializer, responses={201: s.ExchangeRateSerializer, 400: ERRORS}
    )
    def create(self, request):
        data = RateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        row = _run(lambda: money.exchange_rate_set(by=request.user, **data.validated_data))
        return Response(s.ExchangeRateSerializer(row).data, status=status.HTTP_201_CREATED)


FILTERS = [
    OpenApiParameter("district", str, description="ISO 3166-2 code, e.g. LY-DR"),
    OpenApiParameter("sector", str),
]


def _staff_projects(request):
    if not perms.is_staff_member(request.user):
        raise PermissionDenied
    projects = perms.visible_projects(request.user, Project.objects.all())
    if request.query_params.get("district"):
        projects = projects.filter(
            municipality__district__iso_code=request.query_params["district"]
        )
    if request.query_params.get("sector"):
        projects = projects.filter(sector=request.query_params["sector"])
    return projects


class DashboardView(GenericAPIView):
    permission_classes = [perms.StaffOnly]
    serializer_class = s.DashboardSerializer

    @extend_schema(
        summary="Portfolio figures: totals, by district, by sector, SPI/CPI distribution",
        parameters=[*FILTERS, OpenApiParameter("currency", str, enum=["LYD", "USD"])],
    )
    def get(self, request):
        figures = portfolio_figures(_staff_projects(request))
        currency = display_currency(request.query_params.get("currency", "LYD"))
        _in_display(figures, currency)
        totals = {**figures["totals"], "code": "", "label": ""}
        body = {**figures, "totals": totals, "currency": currency}
        return Response(s.DashboardSerializer(body).data)


class AttentionSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    district = serializers.CharField(source="municipality.district.iso_code")
    spi = serializers.DecimalField(
        max_digits=12, decimal_places=3, source="figures.spi", allow_null=True
    )
    cpi = serializers.DecimalField(
        max_digits=12, decimal_places=3, source="figures.cpi", allow_null=True
    )
    reasons = serializers.ListField(child=serializers.CharField(), source="alert_reasons")


class AttentionView(ListAPIView):
    permission_classes = [perms.StaffOnly]
    serializer_class = AttentionSerializer

    @extend_schema(summary="Projects needing attention, with the reasons", parameters=FILTERS)
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return Project.objects.none()
        flagged = alerts.flagged(_staff_projects(self.request))
        return flagged.select_related("figures", "municipality__district").order_by("code")

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        for project in page or []:
            project.alert_reasons = alerts.reasons(project)
        return page


def register(router) -> None:
    router.register("milestones", MilestoneViewSet, basename="milestone")
    router.register("progress-reports", ReportViewSet, basename="progress-report")
    router.register("transactions", TransactionViewSet, basename="transaction")
    router.register("risks", RiskViewSet, basename="risk")
    router.register("exchange-rates", ExchangeRateViewSet, basename="exchange-rate")


urlpatterns = [
    path("monitoring/dashboard/", DashboardView.as_view(), name="monitoring-dashboard"),
    path("monitoring/attention/", AttentionView.as_view(), name="monitoring-attention"),
]
