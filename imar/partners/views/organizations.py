"""Organization registry and the partner page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from imar.accounts import permissions
from imar.core import list_export as export
from imar.core.versioning import StaleVersion
from imar.organizations import services as organization_services
from imar.organizations.filters import OrganizationFilterSet
from imar.organizations.models import Contact, Organization
from imar.partners import selectors
from imar.partners.forms import ContactForm, OrganizationForm
from imar.partners.models import Agreement, Engagement
from imar.partners.views.access import (
    manager_required,
    paginate,
    staff_required,
    style_filters,
    style_form,
)


def _organization_or_404(user, pk: int) -> Organization:
    """An organization the user may read, or a 404 that does not tell whether it exists."""
    visible = permissions.visible_organizations(user, Organization.objects.all())
    try:
        return visible.get(pk=pk)
    except Organization.DoesNotExist:
        raise Http404(_("No such organization, or you may not see it.")) from None


def organization_fields() -> list[export.Field]:
    return [
        export.Field(_("Name"), lambda o: o.name, 36),
        export.Field(_("Acronym"), lambda o: o.acronym, 10),
        export.Field(_("Kind"), lambda o: o.get_kind_display()),
        export.Field(_("Country"), lambda o: o.country.name if o.country else "", 18),
        export.Field(_("IATI identifier"), lambda o: o.iati_identifier, 20),
        export.Field(_("Website"), lambda o: o.website, 30),
        export.integer(_("Agreements"), lambda o: o.agreement_count),
        export.integer(_("Engagements"), lambda o: o.engagement_count),
    ]


@staff_required
def organization_list(request):
    user = request.user
    # Counts of what the reader may see only: a confidential agreement is not even counted.
    agreements = permissions.visible_agreements(user, Agreement.objects.all())
    engagements = permissions.visible_engagements(user, Engagement.objects.all())
    queryset = (
        permissions.visible_organizations(user, Organization.objects.all())
        .annotate(
            agreement_count=Count(
                "agreement_parties",
                filter=Q(agreement_parties__agreement__in=agreements),
                distinct=True,
            ),
            engagement_count=Count(
                "engagements", filter=Q(engagements__in=engagements), distinct=True
            ),
        )
        .order_by("name_en")
    )
    filterset = OrganizationFilterSet(request.GET, queryset=queryset)
    style_filters(filterset)
    if fmt := export.export_format(request):
        return export.export_response(
            fmt,
            name="organizations",
            title=_("Organizations"),
            fields=organization_fields(),
            rows=filterset.qs,
        )
    page, query_string = paginate(request, filterset.qs)
    return render(
        request,
        "partners/organization_list.html",
        {
            "filterset": filterset,
            "page": page,
            "query_string": query_string,
            "can_manage": permissions.can_manage_partners(request.user),
        },
    )


@staff_required
def organization_detail(request, pk: int):
    organization = _organization_or_404(request.user, pk)
    context = {
        "organization": organization,
        "can_manage": permissions.can_manage_partners(request.user),
        "contact_form": ContactForm(),
        **selectors.organization_page(organization, request.user),
    }
    style_form(context["contact_form"])
    return render(request, "partners/organization_detail.html", context)


@manager_required
def organization_edit(request, pk: int | None = None):
    organization = get_object_or_404(Organization, pk=pk) if pk else None
    form = OrganizationForm(request.POST or None, request.FILES or None, instance=organization)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.changes().items() if k != "logo"}
        logo = form.cleaned_data.get("logo") if "logo" in request.FILES else None
        try:
            organization = organization_services.organization_save(
                by=request.user,
                fields=fields,
                organization=Organization.objects.get(pk=pk) if pk else None,
                logo=logo,
                expected_version=form.expected_version,
            )
        except StaleVersion as stale:
            organization = stale.current
            form = form.merge_into(OrganizationForm(instance=organization))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The organization was saved."))
            return redirect(organization)
    style_form(form)
    return render(
        request,
        "partners/organization_form.html",
        {"form": form, "organization": organization},
    )


@manager_required
@require_POST
def contact_add(request, pk: int):
    organization = get_object_or_404(Organization, pk=pk)
    form = ContactForm(request.POST)
    if form.is_valid():
        organization_services.contact_save(
            by=request.user, organization=organization, fields=form.cleaned_data
        )
        messages.success(request, _("The contact was added."))
    else:
        for field, errors in form.errors.items():
            for error in errors:
                messages.error(request, f"{form.fields[field].label}: {error}")
    return redirect(organization)


@manager_required
@require_POST
def contact_delete(request, pk: int, contact_pk: int):
    contact = get_object_or_404(Contact, pk=contact_pk, organization_id=pk)
    organization_services.contact_delete(by=request.user, contact=contact)
    messages.success(request, _("The contact was removed."))
    return redirect("partners:organization_detail", pk=pk)
