"""Staff pages of results: a project's indicators, the field report form, the approval
queue and a period's page with its actions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from imar.accounts import permissions
from imar.accounts.decorators import staff_required
from imar.core.forms import bootstrap_widgets
from imar.core.storage import serve_private
from imar.monitoring.views.field_forms import run_action
from imar.monitoring.views.field_forms import run_service as _save
from imar.portfolio.views.access import project_or_404
from imar.portfolio.views.form_page import form_page
from imar.results import selectors, services
from imar.results.enums import EDITABLE_STATUSES, PeriodStatus
from imar.results.forms import (
    EVIDENCE_ROWS,
    IndicatorForm,
    PeriodPlanForm,
    PeriodReportForm,
    ReturnForm,
)
from imar.results.models import Indicator, IndicatorPeriod, PeriodEvidence


def visible_periods(user):
    return permissions.visible_related(
        user, IndicatorPeriod.objects.all(), via="indicator__project"
    )


def _indicator(user, pk: int) -> Indicator:
    queryset = permissions.visible_related(
        user, Indicator.objects.filter(project__isnull=False), via="project"
    )
    return get_object_or_404(queryset.select_related("project__municipality", "standard"), pk=pk)


def _period(user, pk: int) -> IndicatorPeriod:
    queryset = visible_periods(user).select_related(
        "indicator__project__municipality", "indicator__standard", "reported_by", "approved_by"
    )
    return get_object_or_404(queryset, pk=pk)


def _may_report(user, indicator) -> None:
    if not permissions.can_report_progress(user, indicator.project):
        raise PermissionDenied


@staff_required
def project_results(request, code):
    project = project_or_404(request.user, code)
    indicators = list(selectors.project_indicators(project))
    context = {
        "project": project,
        "indicators": indicators,
        "can_report": permissions.can_report_progress(request.user, project),
    }
    return render(request, "results/project.html", context)


@staff_required
def indicator_new(request, code):
    project = project_or_404(request.user, code)
    if not permissions.can_report_progress(request.user, project):
        raise PermissionDenied
    form = IndicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("row_version", "row_base")}
        made = _save(
            form, lambda: services.indicator_create(by=request.user, project=project, **data)
        )
        if made is not None:
            messages.success(request, _("Indicator added."))
            return redirect("results:project", code=project.code)
    return form_page(request, form, title=_("Add an indicator"), project=project)


@staff_required
def period_plan(request, pk):
    indicator = _indicator(request.user, pk)
    _may_report(request.user, indicator)
    form = PeriodPlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        made = _save(
            form,
            lambda: services.period_plan(by=request.user, indicator=indicator, **form.cleaned_data),
        )
        if made is not None:
            messages.success(request, _("Period and target saved."))
            return redirect("results:project", code=indicator.project.code)
    intro = indicator.title
    return form_page(
        request, form, title=_("Plan a period"), project=indicator.project, intro=intro
    )


def _initial_period(indicator, request):
    """The period the form opens on: the one asked for, else the first editable one."""
    wanted = request.GET.get("period")
    periods = indicator.periods.filter(status__in=EDITABLE_STATUSES).order_by("period_start")
    period = periods.filter(pk=wanted).first() if wanted else None
    if period is None and not wanted:
        period = periods.filter(period_start__lte=timezone.localdate()).first()
    return period


@staff_required
def period_report(request, pk):
    """The engineer's phone form: camera photos, documents, retry-safe sending."""
    indicator = _indicator(request.user, pk)
    _may_report(request.user, indicator)
    period = _initial_period(indicator, request)
    initial = {}
    if period is not None:
        initial = {
            name: getattr(period, name)
            for name in (
                "period_start", "period_end", "actual_value", "actual_numerator",
                "actual_denominator", "narrative_ar", "narrative_en",
            )
        }  # fmt: skip
        for row in period.disaggregations.all():
            initial[f"d_{row.dimension}_{row.category}"] = row.value
    form = PeriodReportForm(request.POST or None, initial=initial, indicator=indicator)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        photos, documents = form.evidence(request.FILES, request.POST)
        values = {
            k: data.get(k)
            for k in ("actual_value", "actual_numerator", "actual_denominator")
            if k in form.fields
        }
        result = _save(
            form,
            lambda: services.period_report(
                by=request.user,
                indicator=indicator,
                client_token=data["client_token"],
                period_start=data["period_start"],
                period_end=data["period_end"],
                narrative_ar=data["narrative_ar"],
                narrative_en=data["narrative_en"],
                disaggregations=form.breakdown(),
                photos=photos,
                documents=documents,
                submit="submit" in request.POST,
                **values,
            ),
        )
        if result is not None:
            saved, created = result
            if created:
                messages.success(request, _("Results report saved."))
            else:
                messages.info(request, _("This report had already been received."))
            return redirect("results:period", pk=saved.pk)
    bootstrap_widgets(form)
    context = {
        "form": form,
        "indicator": indicator,
        "project": indicator.project,
        "period": period,
        "evidence_rows": range(EVIDENCE_ROWS),
    }
    return render(request, "results/report_form.html", context)


@staff_required
def period_detail(request, pk):
    period = _period(request.user, pk)
    reporter = period.reported_by_id == request.user.pk
    can_report = permissions.can_report_progress(request.user, period.indicator.project)
    context = {
        "period": period,
        "indicator": period.indicator,
        "project": period.indicator.project,
        "evidence": period.evidence.all(),
        "breakdown": period.disaggregations.all(),
        "can_approve": permissions.can_verify_reports(request.user)
        and period.status == PeriodStatus.SUBMITTED
        and not reporter,
        "can_submit": can_report and period.status in EDITABLE_STATUSES and period.has_actual,
        "can_correct": can_report and period.status in EDITABLE_STATUSES,
        "return_form": ReturnForm(),
    }
    bootstrap_widgets(context["return_form"])
    return render(request, "results/period_detail.html", context)


@require_POST
@staff_required
def period_action(request, pk, action):
    """approve, return (with a reason) or submit."""
    period = _period(request.user, pk)

    def step():
        if action in ("approve", "return"):
            if not permissions.can_verify_reports(request.user):
                raise PermissionDenied
            if action == "approve":
                services.period_approve(period=period, by=request.user)
                messages.success(request, _("Period approved: it now counts and is locked."))
            else:
                reason = request.POST.get("reason", "")
                services.period_return(period=period, by=request.user, reason=reason)
                messages.success(request, _("Period returned to its reporter."))
        elif action == "submit":
            if not permissions.can_report_progress(request.user, period.indicator.project):
                raise PermissionDenied
            services.period_submit(period=period, by=request.user)
            messages.success(request, _("Period submitted for approval."))
        else:
            raise Http404

    run_action(request, step)
    return redirect("results:period", pk=period.pk)


@staff_required
def queue(request):
    """Periods waiting for approval, and the user's own drafts and returned periods."""
    periods = visible_periods(request.user)
    mine = (
        periods.filter(reported_by=request.user, status__in=EDITABLE_STATUSES)
        .select_related("indicator__project")
        .order_by("-updated_at")[:50]
    )
    context = {
        "waiting": selectors.queue(periods)[:200],
        "mine": mine,
        "can_approve": permissions.can_verify_reports(request.user),
    }
    return render(request, "results/queue.html", context)


@staff_required
def evidence_original(request, pk):
    """The unaltered file (with its metadata), for staff who may see the period."""
    evidence = get_object_or_404(PeriodEvidence, pk=pk)
    _period(request.user, evidence.period_id)
    return serve_private(evidence.original)
