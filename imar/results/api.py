"""/api/v1/results/: the catalogue, indicators, periods (the field report and its workflow)
and the roll-up.

Anyone reads; what the public reads is `results/public.py` (indicators of public projects
and programs, approved periods, public photo copies). Staff read what their role covers and
write through the services, so the API refuses what the pages refuse, with their messages.
"""

from django.db import transaction
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from imar.accounts import permissions as perms
from imar.portfolio.models import Program, Project
from imar.results import selectors, services
from imar.results import serializers as s
from imar.results.models import Indicator, IndicatorPeriod, StandardIndicator
from imar.results.rollup import GROUPINGS

ERRORS = OpenApiResponse(OpenApiTypes.OBJECT, description="Field errors, translated.")


def _run(call):
    with transaction.atomic():
        return call()


def visible_indicators(user):
    queryset = Indicator.objects.all()
    if not perms.is_staff_member(user):
        return queryset.public()
    if perms.district_ids_of(user) is None:
        return queryset  # head office: every project's and program's indicators
    return perms.visible_related(user, queryset, via="project")


def visible_periods(user):
    queryset = IndicatorPeriod.objects.all()
    if not perms.is_staff_member(user):
        return queryset.public()
    return perms.visible_related(user, queryset, via="indicator__project")


def _may_write(user, indicator: Indicator) -> None:
    if indicator.project is not None:
        allowed = perms.can_report_progress(user, indicator.project)
    else:
        allowed = perms.is_officer(user)
    if not allowed:
        raise PermissionDenied(_("You may not report on this indicator."))


def _indicator_for(user, pk) -> Indicator:
    indicator = (
        visible_indicators(user).select_related("project__municipality").filter(pk=pk).first()
    )
    if indicator is None:
        raise serializers.ValidationError({"indicator": [_("No such indicator, or not visible.")]})
    _may_write(user, indicator)
    return indicator


class StandardViewSet(viewsets.ReadOnlyModelViewSet):
    """The catalogue of standard indicators, with their IATI codes."""

    serializer_class = s.StandardSerializer
    queryset = StandardIndicator.objects.public().order_by("code")
    lookup_field = "code"


@extend_schema(
    parameters=[
        OpenApiParameter("project", str, description="Project code"),
        OpenApiParameter("program", str, description="Program code"),
        OpenApiParameter("standard", str, description="Standard indicator code"),
    ]
)
class IndicatorViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [perms.StaffWriteOrReadOnly]
    serializer_class = s.IndicatorSerializer

    def get_queryset(self):
        queryset = visible_indicators(self.request.user).select_related(
            "project", "program", "standard"
        )
        params = self.request.query_params
        for name, lookup in (
            ("project", "project__code"),
            ("program", "program__code"),
            ("standard", "standard__code"),
        ):
            if params.get(name):
                queryset = queryset.filter(**{lookup: params[name]})
        return queryset.order_by("id")

    @extend_schema(
        request=s.IndicatorInputSerializer, responses={201: s.IndicatorSerializer, 400: ERRORS}
    )
    def create(self, request):
        data = s.IndicatorInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = {k: v for k, v in data.validated_data.items() if v not in ("", None)}
        owner = {}
        if fields.get("project"):
            project = perms.visible_projects(request.user, Project.objects.all())
            owner["project"] = project.filter(code=fields.pop("project")).first()
            if owner["project"] is None:
                raise serializers.ValidationError(
                    {"project": [_("No such project, or not visible.")]}
                )
            if not perms.can_report_progress(request.user, owner["project"]):
                raise PermissionDenied(_("You may not report on this project."))
        if fields.get("program"):
            owner["program"] = Program.objects.filter(code=fields.pop("program")).first()
            if owner["program"] is None:
                raise serializers.ValidationError({"program": [_("No such program.")]})
            if not perms.is_officer(request.user):
                raise PermissionDenied(_("Only fund officers set a program's indicators."))
        if fields.get("standard"):
            fields["standard"] = StandardIndicator.objects.filter(code=fields["standard"]).first()
            if fields["standard"] is None:
                raise serializers.ValidationError({"standard": [_("No such standard indicator.")]})
        row = _run(lambda: services.indicator_create(by=request.user, **owner, **fields))
        return Response(s.IndicatorSerializer(row).data, status=status.HTTP_201_CREATED)


@extend_schema(
    parameters=[
        OpenApiParameter("indicator", int),
        OpenApiParameter("project", str, description="Project code"),
        OpenApiParameter("status", str, description="Staff only: draft, submitted, ..."),
    ]
)
class PeriodViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [perms.StaffWriteOrReadOnly]
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    def get_serializer_class(self):
        if perms.is_staff_member(self.request.user):
            return s.PeriodSerializer
        return s.PublicPeriodSerializer

    def get_queryset(self):
        user = self.request.user
        queryset = visible_periods(user).select_related("indicator")
        if perms.is_staff_member(user):
            queryset = queryset.select_related("reported_by", "approved_by")
        params = self.request.query_params
        if params.get("indicator", "").isdigit():
            queryset = queryset.filter(indicator_id=int(params["indicator"]))
        if params.get("project"):
            queryset = queryset.filter(indicator__project__code=params["project"])
        if params.get("status") and perms.is_staff_member(user):
            queryset = queryset.filter(status=params["status"])
        return queryset.prefetch_related("disaggregations", "evidence").order_by(
            "indicator_id", "period_start"
        )

    def _out(self, request, period, code=status.HTTP_200_OK):
        period = self.get_queryset().get(pk=period.pk)
        return Response(s.PeriodSerializer(period, context={"request": request}).data, status=code)

    @extend_schema(
        request={
            "multipart/form-data": s.PeriodInputSerializer,
            "application/json": s.PeriodInputSerializer,
        },
        responses={201: s.PeriodSerializer, 200: s.PeriodSerializer, 400: ERRORS},
        summary="Report a period's actual with photos (idempotent by client_token)",
    )
    def create(self, request):
        data = s.PeriodInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        indicator = _indicator_for(request.user, fields.pop("indicator"))
        uploads, captions = fields.pop("photos"), fields.pop("captions")
        photos = [(f, captions[i] if i < len(captions) else "") for i, f in enumerate(uploads)]
        fields["disaggregations"] = [
            (row["dimension"], row["category"], row["value"]) for row in fields["disaggregations"]
        ]
        period, created = _run(
            lambda: services.period_report(
                by=request.user, indicator=indicator, photos=photos, **fields
            )
        )
        return self._out(
            request, period, status.HTTP_201_CREATED if created else status.HTTP_200_OK
        )

    @extend_schema(request=s.PeriodPlanSerializer, responses={201: s.PeriodSerializer, 400: ERRORS})
    @action(detail=False, methods=["post"])
    def plan(self, request):
        data = s.PeriodPlanSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        indicator = _indicator_for(request.user, fields.pop("indicator"))
        period = _run(lambda: services.period_plan(by=request.user, indicator=indicator, **fields))
        return self._out(request, period, status.HTTP_201_CREATED)

    def _act(self, request, call):
        period = self.get_object()
        _run(lambda: call(period))
        return self._out(request, period)

    @extend_schema(request=None, responses={200: s.PeriodSerializer, 400: ERRORS})
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        def call(period):
            _may_write(request.user, period.indicator)
            services.period_submit(period=period, by=request.user)

        return self._act(request, call)

    @extend_schema(request=None, responses={200: s.PeriodSerializer, 400: ERRORS})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        if not perms.can_verify_reports(request.user):
            raise PermissionDenied
        return self._act(request, lambda p: services.period_approve(period=p, by=request.user))

    @extend_schema(
        request=s.PeriodReturnInputSerializer, responses={200: s.PeriodSerializer, 400: ERRORS}
    )
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        if not perms.can_verify_reports(request.user):
            raise PermissionDenied
        data = s.PeriodReturnInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        reason = data.validated_data["reason"]
        return self._act(
            request, lambda p: services.period_return(period=p, by=request.user, reason=reason)
        )


class RollupView(APIView):
    """Indicator totals against targets and recorded damage. The public gets the roll-up of
    approved periods of public projects; staff that of the projects they may see."""

    @extend_schema(
        parameters=[
            OpenApiParameter("by", str, enum=list(GROUPINGS), description="Grouping (fund)"),
            OpenApiParameter("assessment", int, description="Assessment whose damage to compare"),
        ],
        responses={200: s.RollupRowSerializer(many=True), 400: ERRORS},
    )
    def get(self, request):
        by = request.query_params.get("by", "fund")
        if by not in GROUPINGS:
            raise serializers.ValidationError(
                {"by": [_("Choose fund, program, district or sector.")]}
            )
        page = selectors.rollup_page(
            visible_periods(request.user),
            request.query_params,
            district_ids=perms.district_ids_of(request.user),
        )
        return Response(s.RollupRowSerializer(page["groups"][by], many=True).data)


def register(router) -> None:
    router.register("results/standards", StandardViewSet, basename="results-standard")
    router.register("results/indicators", IndicatorViewSet, basename="results-indicator")
    router.register("results/periods", PeriodViewSet, basename="results-period")


urlpatterns = [path("results/rollup/", RollupView.as_view(), name="results-rollup")]
