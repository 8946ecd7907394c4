"""Staff pages: needs by district and sector, scenarios (edit, run, compare, approve), import."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from imar.accounts.permissions import (
    can_create_project,
    can_plan_allocations,
    can_read_scenarios,
    district_ids_of,
    is_staff_member,
)
from imar.core import list_export as export
from imar.core.versioning import StaleVersion
from imar.jobs import selectors as job_selectors
from imar.jobs.enums import JobState
from imar.needs import extensions, runs
from imar.needs import scenarios as scenario_services
from imar.needs.forms import (
    AppraisalImportForm,
    DamageImportForm,
    ProjectImportForm,
    ScenarioForm,
    ScoringModelForm,
)
from imar.needs.imports import appraisals as imports_appraisals
from imar.needs.imports import projects as imports_projects
from imar.needs.imports import template as import_template
from imar.needs.imports.common import ImportResult
from imar.needs.imports.damage import COLUMNS, import_damage_records
from imar.needs.models import Scenario, ScoringModel
from imar.needs.money import Converter
from imar.needs.scenario_report import ScenarioReport, compare
from imar.needs.scenarios import candidate_projects
from imar.needs.scoring import ScoringError
from imar.needs.scoring_adapter import CRITERIA, rank_projects
from imar.needs.selectors import (
    COVERAGE_CLASSES,
    district_geometries,
    needs_overview,
    scenario_list,
)
from imar.needs.selectors import scoring_model_list as scoring_model_list_query
from imar.needs.services import appraisals_save, scoring_model_save
from imar.needs.tasks import PROJECT_IMPORT, enqueue_project_import, scenario_job
from imar.portfolio.currency import DISPLAY_CURRENCIES, display_currency
from imar.portfolio.enums import ProjectStatus
from imar.portfolio.models import Project


def _staff(user) -> None:
    if not is_staff_member(user):
        raise PermissionDenied


def _scenario_reader(user) -> None:
    """Scenarios weigh projects of the whole country: head office only, not engineers."""
    if not can_read_scenarios(user):
        raise PermissionDenied


def _planner(user) -> None:
    if not can_plan_allocations(user):
        raise PermissionDenied


def _errors_of(exc: ValidationError) -> list[str]:
    return exc.messages


def coverage_legend() -> list[tuple[int, str]]:
    """(class, label) of the map's colours, the same classes as `coverage_class`."""
    legend = []
    for index, (low, high) in enumerate(COVERAGE_CLASSES):
        low_pct, high_pct = round(low * 100), high and round(high * 100)
        if high is None:
            label = _("%(low)s%% or more") % {"low": low_pct}
        else:
            label = _("%(low)s%% to under %(high)s%%") % {"low": low_pct, "high": high_pct}
        legend.append((index, label))
    return legend


@login_required
def needs_page(request):
    _staff(request.user)
    currency = request.GET.get("currency", "LYD")
    currency = display_currency(currency)
    overview = needs_overview(currency=currency)
    districts = district_ids_of(request.user)
    if districts is not None:  # an engineer reads the money allocated in their districts only
        overview.districts = [row for row in overview.districts if row.district.pk in districts]
    sections, section_context = extensions.needs_sections(
        overview=overview, currency=currency, user=request.user
    )
    # Donors' disbursements per district, from the sections (aid): part of the coverage.
    disbursed = section_context.get("district_disbursed", {})
    for row in overview.districts:
        row.donor_disbursed = disbursed.get(row.district.pk, row.donor_disbursed)
    return render(
        request,
        "needs/needs.html",
        {
            "overview": overview,
            "currency": currency,
            "currencies": DISPLAY_CURRENCIES,
            "chart_data": overview.chart_data(),
            "geometries": district_geometries(),
            "regions": overview.regions(),
            "coverage_legend": coverage_legend(),
            "sections": sections,
            **section_context,
        },
    )


def _person(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def scenario_fields() -> list[export.Field]:
    """The columns of the scenarios list as a spreadsheet (what the page shows, and who)."""

    def chosen(scenario):
        return len(scenario.result.get("selected", [])) if scenario.result else None

    def gap(scenario):
        return scenario.result.get("gap") if scenario.result else None

    return [
        export.Field(_("Name"), lambda s: s.name, 36),
        export.money(_("Budget"), lambda s: s.budget),
        export.Field(_("Currency"), lambda s: s.currency, 9),
        export.Field(_("Scoring model"), lambda s: str(s.scoring_model), 28),
        export.Field(_("Status"), lambda s: s.get_status_display()),
        export.integer(_("Chosen projects"), chosen),
        export.Field(_("Gap to the optimum"), gap, 14, "0.0000"),
        export.day(_("Created"), lambda s: timezone.localdate(s.created_at)),
        export.Field(_("Created by"), lambda s: _person(s.created_by), 20),
        export.day(
            _("Approved on"), lambda s: timezone.localdate(s.approved_at) if s.approved_at else None
        ),
        export.Field(_("Approved by"), lambda s: _person(s.approved_by), 20),
    ]


@login_required
def scenario_index(request):
    _scenario_reader(request.user)
    runs.fail_stuck_runs()
    if fmt := export.export_format(request):
        return export.export_response(
            fmt,
            name="scenarios",
            title=_("Allocation scenarios"),
            fields=scenario_fields(),
            rows=scenario_list(),
        )
    scenarios = list(scenario_list())
    return render(
        request,
        "needs/scenario_list.html",
        {"scenarios": scenarios, "can_plan": can_plan_allocations(request.user)},
    )


def _scenario_form(scenario: Scenario | None, data=None) -> ScenarioForm:
    initial = ScenarioForm.initial_from(scenario) if scenario and data is None else None
    return ScenarioForm(data, initial=initial, record=scenario)


def _save_scenario(request, scenario: Scenario | None):
    _planner(request.user)
    form = _scenario_form(scenario, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            if scenario is None:
                scenario = scenario_services.scenario_create(
                    by=request.user, **form.scenario_fields()
                )
            else:
                scenario_services.scenario_update(
                    scenario=scenario,
                    by=request.user,
                    expected_version=form.expected_version,
                    **form.scenario_fields(),
                )
        except StaleVersion as stale:
            scenario = stale.current
            form = form.merge_into(_scenario_form(scenario))
        except ValidationError as exc:
            for message in _errors_of(exc):
                form.add_error(None, message)
        else:
            messages.success(request, _("The scenario is saved."))
            return redirect("needs:scenario_detail", pk=scenario.pk)
    return render(request, "needs/scenario_form.html", {"form": form, "scenario": scenario})


@login_required
def scenario_new(request):
    return _save_scenario(request, None)


@login_required
def scenario_edit(request, pk: int):
    return _save_scenario(request, get_object_or_404(Scenario, pk=pk))


@login_required
def scenario_detail(request, pk: int):
    _scenario_reader(request.user)
    runs.fail_stuck_runs(Scenario.objects.filter(pk=pk))
    scenario = get_object_or_404(scenario_list(), pk=pk)
    report = ScenarioReport(scenario)
    lines = report.lines()
    return render(
        request,
        "needs/scenario_detail.html",
        {
            "scenario": scenario,
            "report": report,
            "lines": lines,
            "districts": report.by_district(lines),
            "rules": report.rules(lines),
            "points": report.map_points(lines),
            "geometries": district_geometries(),
            "can_plan": can_plan_allocations(request.user),
            "job": scenario_job(scenario),
        },
    )


@login_required
def scenario_status(request, pk: int):
    """The run's status, polled by HTMX every 2 seconds while it runs."""
    _scenario_reader(request.user)
    runs.fail_stuck_runs(Scenario.objects.filter(pk=pk))
    scenario = get_object_or_404(Scenario, pk=pk)
    response = render(
        request,
        "needs/_scenario_status.html",
        {"scenario": scenario, "job": scenario_job(scenario)},
    )
    if scenario.status != "running" and request.htmx:
        response["HX-Refresh"] = "true"  # the run ended: show the full result
    return response


@login_required
@require_POST
def scenario_run(request, pk: int):
    _planner(request.user)
    scenario = get_object_or_404(Scenario, pk=pk)
    try:
        scenario_services.scenario_start(scenario=scenario, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(_errors_of(exc)))
    return redirect("needs:scenario_detail", pk=pk)


@login_required
def scenario_approve(request, pk: int):
    """GET: what approval will do to each chosen project, to confirm. POST: approve, all or
    nothing; when a project cannot move, the same page lists why and nothing changed."""
    _planner(request.user)
    scenario = get_object_or_404(Scenario, pk=pk)
    try:
        if request.method == "POST":
            approval = scenario_services.scenario_approve(scenario=scenario, by=request.user)
            moved = len(approval["moved"])
            messages.success(
                request,
                ngettext(
                    "Scenario approved: %(moved)s project is now “approved”.",
                    "Scenario approved: %(moved)s projects are now “approved”.",
                    moved,
                )
                % {"moved": moved},
            )
            return redirect("needs:scenario_detail", pk=pk)
        plan = scenario_services.approval_plan(scenario=scenario, by=request.user)
    except scenario_services.ApprovalRefused as refused:
        messages.error(request, " ".join(refused.messages))
        plan = refused.plan
    except ValidationError as exc:
        messages.error(request, " ".join(_errors_of(exc)))
        return redirect("needs:scenario_detail", pk=pk)
    return render(
        request,
        "needs/scenario_approve.html",
        {"scenario": scenario, "plan": plan},
        status=409 if request.method == "POST" else 200,
    )


@login_required
def scenario_compare(request):
    _scenario_reader(request.user)
    scenarios = list(scenario_list())
    first = second = comparison = None
    try:
        first = int(request.GET.get("a", ""))
        second = int(request.GET.get("b", ""))
    except ValueError:
        pass
    if first and second:
        comparison = compare(
            get_object_or_404(Scenario, pk=first), get_object_or_404(Scenario, pk=second)
        )
    return render(
        request,
        "needs/scenario_compare.html",
        {"scenarios": scenarios, "comparison": comparison, "first": first, "second": second},
    )


@login_required
def damage_import(request):
    _planner(request.user)
    result = None
    if request.method == "POST":
        form = DamageImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            result = import_damage_records(
                data=upload.read(),
                filename=upload.name,
                assessment=form.cleaned_data["assessment"],
                by=request.user,
            )
            if result.ok:
                messages.success(
                    request,
                    _("Imported: %(created)s new records, %(updated)s updated.")
                    % {"created": result.created, "updated": result.updated},
                )
                return redirect("needs:needs")
    else:
        form = DamageImportForm()
    return render(
        request, "needs/import.html", {"form": form, "result": result, "columns": COLUMNS}
    )


@login_required
def project_import(request):
    """Candidate projects from the ministry's spreadsheet, created as "identified" by a
    background job: the page shows its bar, then what was imported or every problem."""
    if not can_create_project(request.user):
        raise PermissionDenied
    result = None
    if request.method == "POST":
        form = ProjectImportForm(request.POST, request.FILES)
        if form.is_valid():
            job = enqueue_project_import(
                form.cleaned_data["file"], by=request.user, language=request.LANGUAGE_CODE
            )
            return redirect(f"{reverse('needs:import_projects')}?job={job.pk}")
    else:
        form = ProjectImportForm()
    imported = None
    job = job_selectors.started_job(request, PROJECT_IMPORT)
    if job is not None and job.state == JobState.SUCCEEDED:
        if job.result["errors"]:
            result = ImportResult(errors=job.result["errors"])
        else:
            imported = {
                "projects": Project.objects.filter(code__in=job.result["codes"]).order_by("code"),
                "count": job.result["created"],
            }
    columns = [
        {"code": c, "label": imports_projects.column_label(c), "required": c in REQUIRED_SHOWN}
        for c in imports_projects.COLUMNS
    ]
    return render(
        request,
        "needs/import_projects.html",
        {"form": form, "result": result, "columns": columns, "imported": imported, "job": job},
    )


REQUIRED_SHOWN = {*imports_projects.REQUIRED, "description_ar"}


@login_required
def project_import_template(request):
    """The import's XLSX template: headers in both languages, the lists of valid values."""
    if not can_create_project(request.user):
        raise PermissionDenied
    response = HttpResponse(
        import_template.project_template(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="imar-candidate-projects.xlsx"'
    return response


def scoring_model_fields() -> list[export.Field]:
    """The columns of the scoring models list: one row a version, its criteria in one cell."""

    def criteria(model):
        return [f"{c['label']}: {round(w, 3)}" for c, w in model.rows()]

    return [
        export.Field(_("Name"), lambda m: m.name, 30),
        export.integer(capfirst(_("version")), lambda m: m.version, 9),
        export.Field(_("Method"), lambda m: m.get_method_display()),
        export.Field(capfirst(_("criteria and weights")), criteria, 60),
        export.Field(_("AHP consistency ratio"), lambda m: m.consistency_ratio, 12, "0.000"),
        export.Field(
            capfirst(_("published")), lambda m: _("Yes") if m.is_published else _("No"), 10
        ),
        export.Field(_("Notes"), lambda m: m.notes, 40),
        export.day(_("Created"), lambda m: timezone.localdate(m.created_at)),
    ]


@login_required
def scoring_model_list(request):
    _staff(request.user)
    if fmt := export.export_format(request):
        return export.export_response(
            fmt,
            name="scoring-models",
            title=_("Scoring models"),
            fields=scoring_model_fields(),
            rows=scoring_model_list_query(),
        )
    models = list(scoring_model_list_query())
    return render(
        request,
        "needs/scoring_models.html",
        {
            "models": models,
            "can_plan": can_plan_allocations(request.user),
            "can_rank": can_read_scenarios(request.user),
        },
    )


def _scoring_form(previous: ScoringModel | None, data=None) -> ScoringModelForm:
    initial = ScoringModelForm.initial_from(previous) if previous and data is None else None
    return ScoringModelForm(data, initial=initial, record=previous)


def _save_scoring_model(request, previous: ScoringModel | None):
    _planner(request.user)
    form = _scoring_form(previous, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            model = scoring_model_save(
                by=request.user,
                name=data["name"],
                weights=data["weights"],
                method=data["method"],
                pairwise=data["pairwise"],
                notes=data["notes"],
                name_en=data["name_en"],
                notes_en=data["notes_en"],
                previous=previous,
                expected_version=form.expected_version,
            )
        except StaleVersion as stale:
            previous = stale.current
            form = form.merge_into(_scoring_form(previous))
        except ValidationError as exc:
            for message in _errors_of(exc):
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _("Saved as %(name)s version %(version)s.")
                % {"name": model.name, "version": model.version},
            )
            return redirect("needs:scoring_models")
    return render(request, "needs/scoring_model_form.html", {"form": form, "previous": previous})


@login_required
def scoring_model_new(request):
    return _save_scoring_model(request, None)


@login_required
def scoring_model_revise(request, pk: int):
    return _save_scoring_model(request, get_object_or_404(ScoringModel, pk=pk))


RANK_STAGES = [ProjectStatus.IDENTIFIED, ProjectStatus.APPRAISED]
RANK_ROWS = 200


@login_required
def scoring_rank(request, pk: int):
    """A scoring model's criteria and published weights, the staff's appraisal values (typed
    in or imported from a spreadsheet) and the ranking of the candidate projects."""
    _scenario_reader(request.user)
    model = get_object_or_404(scoring_model_list_query(), pk=pk)
    can_plan = can_plan_allocations(request.user)
    form = AppraisalImportForm()
    result = None
    errors: list[str] = []
    if request.method == "POST":
        _planner(request.user)
        if "file" in request.FILES:
            form = AppraisalImportForm(request.POST, request.FILES)
            if form.is_valid():
                upload = form.cleaned_data["file"]
                result = imports_appraisals.import_appraisals(
                    data=upload.read(), filename=upload.name, by=request.user
                )
                if result.ok:
                    messages.success(
                        request,
                        ngettext(
                            "Saved %(count)s appraisal.",
                            "Saved %(count)s appraisals.",
                            result.updated,
                        )
                        % {"count": result.updated},
                    )
                    return redirect("needs:scoring_rank", pk=pk)
        else:
            values = {
                key.removeprefix("appraisal_"): value.strip()
                for key, value in request.POST.items()
                if key.startswith("appraisal_")
            }
            try:
                count = appraisals_save(values=values, by=request.user)
            except ValidationError as exc:
                errors = _errors_of(exc)
            else:
                messages.success(
                    request,
                    ngettext("Saved %(count)s appraisal.", "Saved %(count)s appraisals.", count)
                    % {"count": count},
                )
                return redirect("needs:scoring_rank", pk=pk)
    probe = Scenario(candidate_stages=RANK_STAGES, district_filter=[], sector_filter=[])
    try:
        ranked, skipped = rank_projects(
            candidate_projects(probe), model.definition, Converter("LYD")
        )
    except ScoringError as exc:
        ranked, skipped = [], {}
        errors.append(str(exc))
    names = [criterion["name"] for criterion, _weight in model.rows()]
    return render(
        request,
        "needs/scoring_rank.html",
        {
            "model": model,
            "criteria": model.rows(),
            "names": names,
            "ranked": ranked[:RANK_ROWS],
            "total": len(ranked),
            "skipped": skipped,
            "form": form,
            "result": result,
            "errors": errors,
            "can_plan": can_plan,
            "columns": imports_appraisals.COLUMNS,
            "known_criteria": CRITERIA,
        },
    )
