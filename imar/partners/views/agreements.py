"""Agreements: list with the director's filters, detail, create and edit, documents."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from imar.accounts import permissions
from imar.accounts.versioning_forms import Related
from imar.core import list_export as export
from imar.core.storage import serve_private
from imar.core.versioning import StaleVersion
from imar.organizations.models import Organization
from imar.partners import selectors, services
from imar.partners.enums import AgreementStatus, PartyRole
from imar.partners.filters import AgreementFilterSet
from imar.partners.forms import AgreementForm, DocumentForm, PartyFormSet
from imar.partners.models import Agreement
from imar.partners.views.access import (
    manager_required,
    paginate,
    staff_required,
    style_filters,
    style_form,
)


def agreement_fields() -> list[export.Field]:
    def status(agreement):
        code = getattr(agreement, "effective_status", agreement.status)
        return AgreementStatus(code).label

    def parties(agreement):
        return [
            f"{party.organization.name} ({party.get_role_display()})"
            for party in agreement.parties.all()
        ]

    return [
        export.Field(_("Reference"), lambda a: a.reference, 16),
        export.Field(_("Title"), lambda a: a.title, 40),
        export.Field(_("Kind"), lambda a: a.get_kind_display()),
        export.Field(_("Status"), status),
        export.day(_("Signed on"), lambda a: a.signed_on),
        export.day(_("Ends on"), lambda a: a.ends_on),
        export.money(_("Value"), lambda a: a.value),
        export.Field(_("Currency"), lambda a: a.currency, 9),
        export.Field(_("Parties"), parties, 50),
        export.Field(_("Public"), lambda a: a.is_public, 8),
    ]


@staff_required
def agreement_list(request):
    filterset = AgreementFilterSet(request.GET, queryset=selectors.agreements_for(request.user))
    style_filters(filterset)
    agreements = filterset.qs if filterset.is_valid() else Agreement.objects.none()
    if fmt := export.export_format(request):
        return export.export_response(
            fmt,
            name="agreements",
            title=_("Agreements"),
            fields=agreement_fields(),
            rows=agreements.prefetch_related("parties__organization"),
        )
    page, query_string = paginate(request, agreements)
    country = request.GET.get("country", "")
    return render(
        request,
        "partners/agreement_list.html",
        {
            "filterset": filterset,
            "page": page,
            "query_string": query_string,
            "country": country if filterset.is_valid() else "",
            "can_manage": permissions.can_manage_partners(request.user),
        },
    )


def _agreement(user, pk: int) -> Agreement:
    try:
        return selectors.agreements_for(user).get(pk=pk)
    except Agreement.DoesNotExist:
        raise Http404(_("No such agreement, or you may not see it.")) from None


@staff_required
def agreement_detail(request, pk: int):
    agreement = _agreement(request.user, pk)
    document_form = DocumentForm()
    style_form(document_form)
    return render(
        request,
        "partners/agreement_detail.html",
        {
            "agreement": agreement,
            "projects": agreement.visible_project_list,
            "documents": agreement.documents.all(),
            "actions": permissions.visible_actions(
                request.user, selectors.actions_list(agreement.actions.all())
            ),
            "document_form": document_form,
            "can_manage": permissions.can_manage_partners(request.user),
        },
    )


def _parties_from(formset) -> list[services.Party]:
    return [
        services.Party(form.cleaned_data["organization"], form.cleaned_data["role"])
        for form in formset.forms
        if form.cleaned_data.get("organization")
    ]


def _parties_related(pairs) -> Related:
    """The parties, as the stale-save check compares and shows them."""
    pairs = sorted(set(pairs))
    names = Organization.objects.in_bulk([org_id for org_id, _role in pairs])
    shown = "; ".join(
        f"{names.get(org_id, org_id)} ({PartyRole(role).label})" for org_id, role in pairs
    )
    return Related(
        label=_("Parties"),
        value=tuple(f"{org_id}:{role}" for org_id, role in pairs),
        shown=shown or "—",
    )


def _stored_parties(agreement) -> list[tuple[int, str]]:
    return list(agreement.parties.values_list("organization_id", "role"))


def _agreement_form(agreement, data=None) -> AgreementForm:
    related = {"parties": _parties_related(_stored_parties(agreement))} if agreement else None
    return AgreementForm(data, instance=agreement, related=related)


def _initial_parties(agreement) -> list[dict]:
    if agreement is None:
        return [{"role": "first_party"}, {"role": "second_party"}]
    return [{"organization": org_id, "role": role} for org_id, role in _stored_parties(agreement)]


@manager_required
def agreement_edit(request, pk: int | None = None):
    agreement = get_object_or_404(Agreement, pk=pk) if pk else None
    form = _agreement_form(agreement, request.POST or None)
    parties = PartyFormSet(
        request.POST or None, initial=_initial_parties(agreement), prefix="party"
    )
    if request.method == "POST":
        form.is_valid()  # so cleaned_data exists before the party rules add their errors
        chosen = _parties_from(parties) if parties.is_valid() else None
        if chosen is not None:
            form.check_parties([p.organization.pk for p in chosen])
        if chosen is not None and form.is_valid():
            fields = {k: v for k, v in form.changes().items() if k != "project_codes"}
            projects = form.cleaned_data["project_codes"]
            try:
                if agreement is None:
                    agreement = services.agreement_create(
                        by=request.user, fields=fields, parties=chosen, projects=projects
                    )
                else:
                    agreement = services.agreement_update(
                        by=request.user,
                        agreement=Agreement.objects.get(pk=pk),
                        fields=fields,
                        parties=chosen,
                        projects=projects,
                        expected_version=form.expected_version,
                    )
            except StaleVersion as stale:
                agreement = stale.current
                mine = {"parties": _parties_related((p.organization.pk, p.role) for p in chosen)}
                form = form.merge_into(_agreement_form(agreement), mine=mine)
                if "parties" in form.conflict.taken:
                    parties = PartyFormSet(initial=_initial_parties(agreement), prefix="party")
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The agreement was saved."))
                return redirect(agreement)
    style_form(form)
    for party_form in parties.forms:
        style_form(party_form)
    return render(
        request,
        "partners/agreement_form.html",
        {"form": form, "parties": parties, "agreement": agreement},
    )


@manager_required
@require_POST
def document_upload(request, pk: int):
    agreement = get_object_or_404(Agreement, pk=pk)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.document_add(
                by=request.user,
                agreement=agreement,
                file=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The document was added."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(agreement)


def document_download(request, pk: int, document_pk: int):
    """A document of an agreement the person may see: public agreements' for everyone,
    confidential ones' for staff only. Files live in private storage, with no public URL."""
    agreement = _agreement(request.user, pk)
    document = get_object_or_404(agreement.documents, pk=document_pk)
    return serve_private(document.file, download_name=f"{agreement.reference}-{document.pk}.pdf")
