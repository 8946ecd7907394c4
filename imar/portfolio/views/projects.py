"""Staff pages of the project registry: list, detail, create, edit, lifecycle actions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from imar.accounts import permissions
from imar.accounts.audit import events_for_records
from imar.accounts.audit_display import readable
from imar.accounts.decorators import staff_required
from imar.accounts.versioning_forms import Related
from imar.core import list_export as export
from imar.core.forms import bootstrap_widgets, style_filters
from imar.core.pagination import paginate
from imar.core.versioning import StaleVersion
from imar.geo.models import Municipality
from imar.organizations.models import Organization
from imar.portfolio import extensions, lifecycle, selectors, services
from imar.portfolio.enums import OrganizationRole, ProjectStatus
from imar.portfolio.filters import ProjectFilterSet
from imar.portfolio.forms import ParticipationFormSet, ProjectForm, TransitionForm
from imar.portfolio.models import Program, Project, ProjectOrganization
from imar.portfolio.views.access import project_or_404


def project_fields() -> list[export.Field]:
    """The columns of the project list's export (translated when called)."""

    def figure(name):
        return lambda p: getattr(getattr(p, "figures", None), name, None)

    return [
        export.Field(_("Code"), lambda p: p.code, 14),
        export.Field(_("Title"), lambda p: p.title, 50),
        export.Field(_("Sector"), lambda p: p.get_sector_display()),
        export.Field(_("Status"), lambda p: p.get_status_display()),
        export.Field(_("Region"), lambda p: p.municipality and p.municipality.district.region.name),
        export.Field(_("District"), lambda p: p.municipality and p.municipality.district.name),
        export.Field(_("Municipality"), lambda p: p.municipality and p.municipality.name),
        export.Field(_("Program"), lambda p: p.program and p.program.code),
        export.money(_("Budget"), lambda p: p.budget),
        export.Field(_("Currency"), lambda p: p.currency, 9),
        export.money(_("Budget (LYD)"), figure("budget_lyd")),
        export.money(_("Committed (LYD)"), figure("committed_lyd")),
        export.money(_("Disbursed (LYD)"), figure("disbursed_lyd")),
        export.day(_("Planned start"), lambda p: p.planned_start),
        export.day(_("Planned end"), lambda p: p.planned_end),
        export.Field(_("Public"), lambda p: p.is_public, 8),
    ]


@staff_required
def project_list(request):
    filterset = ProjectFilterSet(
        request.GET, queryset=selectors.project_list(user=request.user), request=request
    )
    style_filters(filterset)
    projects = filterset.qs if filterset.is_valid() else Project.objects.none()
    if fmt := export.export_format(request):
        return export.export_response(
            fmt,
            name="projects",
            title=_("Projects"),
            fields=project_fields(),
            rows=projects.select_related("figures").iterator(chunk_size=500),
        )
    page, query_string = paginate(request, projects)
    context = {
        "filterset": filterset,
        "page": page,
        "query_string": query_string,
        "can_create": permissions.can_create_project(request.user),
    }
    template = (
        "portfolio/_project_list_results.html" if request.htmx else "portfolio/project_list.html"
    )
    return render(request, template, context)


@staff_required
def project_detail(request, code):
    project = project_or_404(request.user, code, detail=True)
    can_transition = {
        to: permissions.can_transition_project(request.user, project, to)
        for to in lifecycle.allowed_targets(project)
    }
    actions = [
        {"to": to, "label": ProjectStatus(to).label, "needs_reason": to in _REASON_REQUIRED}
        for to, allowed in can_transition.items()
        if allowed
    ]
    sections, section_context = extensions.project_sections(project=project, user=request.user)
    context = {
        "project": project,
        "actions": actions,
        "can_edit": permissions.can_edit_project(request.user, project),
        "history": project.status_changes.all(),
        "changes": readable(events_for_records(extensions.history_records(project=project))),
        "project_sections": sections,  # monitoring's, registered by that app
        **section_context,
    }
    return render(request, "portfolio/project_detail.html", context)


_REASON_REQUIRED = {ProjectStatus.SUSPENDED, ProjectStatus.CANCELLED}


def _allowed_municipalities(user):
    districts = permissions.district_ids_of(user)
    if districts is None:
        return None
    return Municipality.objects.filter(district_id__in=districts).values_list("pk", flat=True)


def _form_options(user) -> tuple[dict, dict]:
    """(ProjectForm options, participation form options) for what `user` may set."""
    locked = () if permissions.can_publish_project(user) else permissions.OFFICER_PROJECT_FIELDS
    organizations = permissions.visible_organizations(user, Organization.objects.all())
    programs = permissions.visible_programs(user, Program.objects.order_by("code"))
    return (
        {
            "allowed_municipalities": _allowed_municipalities(user),
            "locked_fields": locked,
            "programs": programs,
        },
        {"organizations": organizations.order_by("name_en")},
    )


def _participations(formset) -> list[tuple[int, str]]:
    return [
        (form.cleaned_data["organization"].pk, form.cleaned_data["role"])
        for form in formset.forms
        if form.cleaned_data
        and not form.cleaned_data.get("DELETE")
        and form.cleaned_data.get("organization")
    ]


def _organizations(pairs) -> Related:
    """The organizations involved, as the stale-save check compares and shows them."""
    pairs = sorted(set(pairs))
    names = Organization.objects.in_bulk([org_id for org_id, _role in pairs])
    shown = "; ".join(
        f"{names.get(org_id, org_id)} ({OrganizationRole(role).label})" for org_id, role in pairs
    )
    return Related(
        label=_("Organizations involved"),
        value=tuple(f"{org_id}:{role}" for org_id, role in pairs),
        shown=shown or "—",
    )


def _stored_organizations(project) -> list[tuple[int, str]]:
    return list(
        ProjectOrganization.objects.filter(project=project).values_list("organization_id", "role")
    )


def _edit_form(request, project, data=None) -> ProjectForm:
    form_options, _participation_options = _form_options(request.user)
    return ProjectForm(
        data,
        instance=project,
        related={"organizations": _organizations(_stored_organizations(project))},
        **form_options,
    )


def _save_form(request, form, formset, project=None):
    """Save the project and its organizations in one transaction; return it, or None on
    error. A stale edit raises `StaleVersion` (nothing saved)."""
    data = form.changes()
    reason = data.pop("reason", "")
    try:
        with transaction.atomic():
            if project is None:
                project = services.project_create(by=request.user, reason=reason, **data)
            else:
                project = services.project_update(
                    project=project,
                    by=request.user,
                    reason=reason,
                    expected_version=form.expected_version,
                    **data,
                )
            services.project_set_organizations(
                project=project, by=request.user, participations=_participations(formset)
            )
    except StaleVersion:
        raise
    except ValidationError as error:
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return None
    return project


def _render_form(request, form, formset, *, project):
    bootstrap_widgets(form)
    for subform in formset.forms:
        bootstrap_widgets(subform)
    context = {"form": form, "formset": formset, "project": project}
    return render(request, "portfolio/project_form.html", context)


@staff_required
def project_create(request):
    if not permissions.can_create_project(request.user):
        raise PermissionDenied
    form_options, participation_options = _form_options(request.user)
    form = ProjectForm(request.POST or None, **form_options)
    formset = ParticipationFormSet(
        request.POST or None, prefix="orgs", form_kwargs=participation_options
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        project = _save_form(request, form, formset)
        if project is not None:
            messages.success(request, _("Project %(code)s created.") % {"code": project.code})
            return redirect(project)
    return _render_form(request, form, formset, project=None)


@staff_required
def project_edit(request, code):
    project = project_or_404(request.user, code)
    if not permissions.can_edit_project(request.user, project):
        raise PermissionDenied
    _form_opts, participation_options = _form_options(request.user)
    form = _edit_form(request, project, request.POST or None)
    formset = ParticipationFormSet(
        request.POST or None,
        prefix="orgs",
        initial=_initial_orgs(project),
        form_kwargs=participation_options,
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            saved = _save_form(request, form, formset, project=project)
        except StaleVersion as stale:
            current = stale.current
            mine = {"organizations": _organizations(_participations(formset))}
            form = form.merge_into(_edit_form(request, current), mine=mine)
            if "organizations" in form.conflict.taken:
                formset = ParticipationFormSet(
                    prefix="orgs",
                    initial=_initial_orgs(current),
                    form_kwargs=participation_options,
                )
            return _render_form(request, form, formset, project=current)
        if saved is not None:
            messages.success(request, _("Project %(code)s saved.") % {"code": saved.code})
            return redirect(saved)
    return _render_form(request, form, formset, project=project)


def _initial_orgs(project) -> list[dict]:
    return [
        {"organization": org_id, "role": role} for org_id, role in _stored_organizations(project)
    ]


@require_POST
@staff_required
def project_transition(request, code):
    project = project_or_404(request.user, code)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status to move the project to."))
        return redirect(project)
    to = form.cleaned_data["to"]
    if not permissions.can_transition_project(request.user, project, to):
        raise PermissionDenied
    try:
        lifecycle.project_transition(
            project=project, to=to, by=request.user, reason=form.cleaned_data["reason"]
        )
    except lifecycle.TransitionRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request,
            _("Project moved to “%(status)s”.") % {"status": ProjectStatus(to).label},
        )
    return redirect(project)
