"""Staff pages of implementation monitoring: progress reports and their verification,
money, exchange rates, milestones, risks and security incidents."""

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from imar.accounts import permissions
from imar.accounts.decorators import staff_required
from imar.core import list_export as export
from imar.core.forms import bootstrap_widgets
from imar.core.storage import serve_private
from imar.core.versioning import StaleVersion
from imar.monitoring import milestones, money, reports, risks
from imar.monitoring.forms import (
    PHOTO_ROWS_MAX,
    ExchangeRateForm,
    MilestoneForm,
    ReportForm,
    ReturnForm,
    RiskForm,
    TransactionForm,
)
from imar.monitoring.models import ProgressReport, ReportPhoto, Risk
from imar.monitoring.models import ReportStatus as RS
from imar.monitoring.views.field_forms import run_action
from imar.monitoring.views.field_forms import run_service as _save
from imar.portfolio.lifecycle import TransitionRefused
from imar.portfolio.models import ExchangeRate
from imar.portfolio.views.access import project_or_404
from imar.portfolio.views.form_page import form_page


def _report(user, pk: int) -> ProgressReport:
    queryset = permissions.visible_reports(user, ProgressReport.objects.select_related("project"))
    return get_object_or_404(queryset, pk=pk)


@staff_required
def report_new(request, code):
    """The field form: phone-sized, camera capture, several photos with captions."""
    project = project_or_404(request.user, code)
    if not permissions.can_report_progress(request.user, project):
        raise PermissionDenied
    form = ReportForm(request.POST or None, initial={"report_date": timezone.localdate()})
    last = reports.last_verified_percent(project, timezone.localdate())
    if last is not None:
        form.fields["physical_percent"].help_text = _("Last verified report: %(percent)s%%.") % {
            "percent": f"{last.normalize():f}"
        }
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = _save(
            form,
            lambda: reports.report_save(
                by=request.user,
                project=project,
                client_token=data["client_token"],
                report_date=data["report_date"],
                physical_percent=data["physical_percent"],
                progress_note=data["progress_note"],
                narrative_ar=data["narrative_ar"],
                narrative_en=data["narrative_en"],
                latitude=data["latitude"],
                longitude=data["longitude"],
                photos=form.photo_list(request.FILES, request.POST),
                submit="submit" in request.POST,
            ),
        )
        if result is not None:
            report, created = result
            if created:
                messages.success(request, _("Progress report saved."))
            else:
                messages.info(request, _("This report had already been received."))
            return redirect("monitoring:report_detail", pk=report.pk)
    bootstrap_widgets(form)
    context = {"form": form, "project": project, "photo_rows": range(PHOTO_ROWS_MAX)}
    return render(request, "monitoring/report_form.html", context)


@staff_required
def report_detail(request, pk):
    report = _report(request.user, pk)
    author = report.reporter_id == request.user.pk
    context = {
        "report": report,
        "photos": report.photos.all(),
        "can_verify": permissions.can_verify_reports(request.user)
        and report.status == RS.SUBMITTED
        and not author,
        "can_submit": author and report.status in (RS.DRAFT, RS.RETURNED),
        "return_form": ReturnForm(),
    }
    bootstrap_widgets(context["return_form"])
    return render(request, "monitoring/report_detail.html", context)


@require_POST
@staff_required
def report_action(request, pk, action):
    """verify, return (with a reason) or submit (the author, after corrections)."""
    report = _report(request.user, pk)

    def step():
        if action in ("verify", "return"):
            if not permissions.can_verify_reports(request.user):
                raise PermissionDenied
            if action == "verify":
                reports.report_verify(report=report, by=request.user)
                messages.success(request, _("Report verified: it now counts in figures."))
            else:
                reason = request.POST.get("reason", "")
                reports.report_return(report=report, by=request.user, reason=reason)
                messages.success(request, _("Report returned to its author."))
        elif action == "submit":
            if report.reporter_id != request.user.pk:
                raise PermissionDenied
            reports.report_submit(report=report, by=request.user)
            messages.success(request, _("Report submitted for verification."))
        else:
            raise Http404

    run_action(request, step)
    return redirect("monitoring:report_detail", pk=report.pk)


REPORT_FIELDS = [
    "report_date",
    "physical_percent",
    "progress_note",
    "narrative_ar",
    "narrative_en",
    "latitude",
    "longitude",
]


def _report_form(report, data=None) -> ReportForm:
    form = ReportForm(data, initial={f: getattr(report, f) for f in REPORT_FIELDS}, record=report)
    form.fields["client_token"].required = False
    return form


def _photo_changes(report, files, post) -> dict:
    """What the correction form asks of the report's photos: remove_<id> ticked,
    replace_<id> and caption_of_<id> for each photo, and new rows photo_<i>/caption_<i>."""
    replace, remove, captions = {}, [], {}
    for photo in report.photos.all():
        if post.get(f"remove_{photo.pk}"):
            remove.append(photo.pk)
        upload = files.get(f"replace_{photo.pk}")
        if upload:
            replace[photo.pk] = (upload, post.get(f"caption_of_{photo.pk}", ""))
        if f"caption_of_{photo.pk}" in post:
            captions[photo.pk] = post[f"caption_of_{photo.pk}"]
    return {"replace": replace, "remove": remove, "captions": captions}


@staff_required
def report_edit(request, pk):
    """The author corrects a draft or returned report (its fields and photos: added,
    replaced, removed), then submits it again. The form's token makes a resent correction
    (after a broken connection) return the report instead of applying it twice."""
    report = _report(request.user, pk)
    token = request.POST.get("client_token") if request.method == "POST" else None
    if token and report.reporter_id == request.user.pk:
        try:
            applied = str(report.correction_token) == str(uuid.UUID(token))
        except ValueError:
            applied = False
        if applied:
            messages.info(request, _("This correction had already been received."))
            return redirect("monitoring:report_detail", pk=report.pk)
    if report.reporter_id != request.user.pk or report.status not in (RS.DRAFT, RS.RETURNED):
        raise PermissionDenied
    form = _report_form(report, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.changes().items() if k != "client_token"}

        def correct():
            return reports.report_correct(
                report=report,
                by=request.user,
                token=form.cleaned_data.get("client_token"),
                expected_version=form.expected_version,
                fields=data,
                add=form.photo_list(request.FILES, request.POST),
                submit="submit" in request.POST,
                **_photo_changes(report, request.FILES, request.POST),
            )

        try:
            saved = _save(form, correct)
        except StaleVersion as stale:
            form = form.merge_into(_report_form(stale.current))
            report = stale.current
        else:
            if saved is not None:
                messages.success(request, _("Report saved."))
                return redirect("monitoring:report_detail", pk=report.pk)
    bootstrap_widgets(form)
    photos = list(report.photos.all())
    context = {
        "form": form,
        "project": report.project,
        "report": report,
        "photos": photos,
        "photo_rows": range(max(PHOTO_ROWS_MAX - len(photos), 0)),
    }
    return render(request, "monitoring/report_form.html", context)


def report_fields() -> list[export.Field]:
    def person(user):
        return user and (user.get_full_name() or user.username)

    return [
        export.Field(_("Project"), lambda r: r.project.code, 14),
        export.Field(_("Title"), lambda r: r.project.title, 40),
        export.day(_("Date"), lambda r: r.report_date),
        export.Field(_("Status"), lambda r: r.get_status_display()),
        export.Field(_("Progress (%)"), lambda r: r.physical_percent, 12, "0.00"),
        export.Field(_("Reporter"), lambda r: person(r.reporter)),
        export.Field(_("Submitted"), lambda r: r.submitted_at, 18),
        export.Field(_("Verified by"), lambda r: person(r.verified_by)),
        export.Field(_("Reason returned"), lambda r: r.return_reason, 40),
    ]


@staff_required
def report_queue(request):
    """Reports waiting for verification, and the user's own reports sent back."""
    visible = permissions.visible_reports(request.user, ProgressReport.objects.all())
    visible = visible.select_related("project", "reporter").order_by("submitted_at", "id")
    if fmt := export.export_format(request):
        # Every report the reader may see, whatever its status (the page shows the queue).
        return export.export_response(
            fmt,
            name="reports",
            title=_("Progress reports"),
            fields=report_fields(),
            rows=visible.select_related("verified_by").iterator(chunk_size=500),
        )
    waiting = visible.filter(status=RS.SUBMITTED)
    mine = visible.filter(reporter=request.user, status__in=[RS.DRAFT, RS.RETURNED])
    context = {
        "waiting": Paginator(waiting, 50).get_page(request.GET.get("page")),
        "mine": mine[:50],
        "can_verify": permissions.can_verify_reports(request.user),
    }
    return render(request, "monitoring/report_queue.html", context)


@staff_required
def photo_original(request, pk):
    """The unaltered original (with its metadata) for staff who may see the report."""
    photo = get_object_or_404(ReportPhoto.objects.select_related("report"), pk=pk)
    _report(request.user, photo.report_id)
    return serve_private(photo.original)  # streamed (or a presigned address on S3)


@staff_required
def transaction_new(request, code):
    project = project_or_404(request.user, code)
    if not permissions.can_record_money(request.user):
        raise PermissionDenied
    form = TransactionForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        row = _save(
            form,
            lambda: money.transaction_create(by=request.user, project=project, **form.cleaned_data),
        )
        if row is not None:
            messages.success(request, _("Transaction recorded."))
            return redirect(project)
    return form_page(
        request,
        form,
        title=_("Record a transaction"),
        project=project,
        preview_url=reverse("monitoring:transaction_preview", args=[project.code]),
        # A missing rate is refused on the currency: say where rates are entered.
        error_link={
            "field": "currency",
            "url": reverse("monitoring:exchange_rates"),
            "label": _("Enter the rate on the exchange-rates page"),
        },
    )


@staff_required
def transaction_preview(request, code):
    """Before saving (HTMX, on each change): the rate and the amount in LYD, and for a
    disbursement what was committed and paid so far, or the missing rate with a link."""
    project = project_or_404(request.user, code)
    if not permissions.can_record_money(request.user):
        raise PermissionDenied
    context = {"project": project, **money.transaction_preview(project=project, data=request.GET)}
    return render(request, "monitoring/_transaction_preview.html", context)


@staff_required
def exchange_rates(request):
    form = ExchangeRateForm(request.POST or None)
    allowed = permissions.can_record_money(request.user)
    if request.method == "POST":
        if not allowed:
            raise PermissionDenied
        if form.is_valid():
            row = _save(form, lambda: money.exchange_rate_set(by=request.user, **form.cleaned_data))
            if row is not None:
                messages.success(request, _("Exchange rate saved."))
                return redirect("monitoring:exchange_rates")
    bootstrap_widgets(form)
    rates = Paginator(ExchangeRate.objects.order_by("currency", "-date"), 100)
    context = {
        "form": form if allowed else None,
        "rates": rates.get_page(request.GET.get("page")),
        "corrections": money.rate_corrections(),
    }
    return render(request, "monitoring/exchange_rates.html", context)


@staff_required
def milestone_new(request, code):
    project = project_or_404(request.user, code)
    if not permissions.can_report_progress(request.user, project):
        raise PermissionDenied
    form = MilestoneForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        fields = form.cleaned_data
        if _save(
            form, lambda: milestones.milestone_create(by=request.user, project=project, **fields)
        ):
            messages.success(request, _("Milestone added."))
            return redirect(project)
    return form_page(request, form, title=_("Add a milestone"), project=project, multipart=True)


@staff_required
def milestone_evidence(request, code, pk):
    """A milestone's evidence document, for staff who may see the project (private storage)."""
    project = project_or_404(request.user, code)
    milestone = get_object_or_404(project.milestones, pk=pk)
    return serve_private(milestone.evidence_file)


@staff_required
def risk_edit(request, code, pk=None):
    project = project_or_404(request.user, code)
    if not permissions.can_report_progress(request.user, project):
        raise PermissionDenied
    risk = get_object_or_404(Risk, pk=pk, project=project) if pk else None
    form = RiskForm(request.POST or None, instance=risk)
    title = _("Edit a risk") if risk else _("Add a risk")
    intro = _("A security risk marked as occurred suspends the project.")
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}

        def save():
            if risk is None:
                return risks.risk_create(by=request.user, project=project, **fields)
            return risks.risk_update(
                risk=risk, by=request.user, expected_version=form.expected_version, **fields
            )

        try:
            saved = _save(form, save)
        except StaleVersion as stale:
            form = form.merge_into(RiskForm(instance=stale.current))
        else:
            if saved:
                messages.success(request, _("Risk saved."))
                return redirect(project)
    return form_page(request, form, title=title, project=project, intro=intro)


@require_POST
@staff_required
def security_incident(request, code):
    """Suspend a project at once after a security incident (engineers of its district too)."""
    project = project_or_404(request.user, code)
    if not permissions.can_transition_project(request.user, project, "suspended"):
        raise PermissionDenied
    try:
        risks.security_suspend(
            project=project, by=request.user, reason=request.POST.get("reason", "")
        )
        messages.success(request, _("The project is suspended."))
    except TransitionRefused as error:
        messages.error(request, str(error))
    return redirect(project)
