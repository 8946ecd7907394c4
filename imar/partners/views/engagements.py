"""Engagements, their action items, and the coordination page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from imar.accounts import permissions
from imar.accounts.versioning_forms import Related
from imar.core import list_export as export
from imar.core.versioning import StaleVersion
from imar.partners import selectors, services
from imar.partners.enums import ActionStatus
from imar.partners.filters import EngagementFilterSet
from imar.partners.forms import ActionItemForm, EngagementForm, PersonFormSet
from imar.partners.models import ActionItem, Engagement, EngagementPerson
from imar.partners.views.access import (
    manager_required,
    paginate,
    relations_required,
    style_filters,
    style_form,
)


def engagement_fields() -> list[export.Field]:
    return [
        export.day(_("Date"), lambda e: e.starts_on),
        export.day(_("Last day"), lambda e: e.ends_on),
        export.Field(_("Kind"), lambda e: e.get_kind_display()),
        export.Field(_("Title"), lambda e: e.title, 40),
        export.Field(_("Place"), lambda e: e.place, 20),
        export.Field(_("Organizations"), lambda e: [o.name for o in e.organizations.all()], 40),
        export.integer(_("Agreements"), lambda e: e.agreement_count),
        export.integer(_("Follow-ups"), lambda e: e.action_count),
    ]


@relations_required
def engagement_list(request):
    queryset = (
        Engagement.objects.annotate(
            action_count=Count("actions", distinct=True),
            agreement_count=Count("agreements", distinct=True),
        )
        .prefetch_related("organizations")
        .order_by("-starts_on", "-id")
    )
    filterset = EngagementFilterSet(request.GET, queryset=queryset)
    style_filters(filterset)
    if fmt := export.export_format(request):
        return export.export_response(
            fmt,
            name="engagements",
            title=_("Engagements"),
            fields=engagement_fields(),
            rows=filterset.qs,
        )
    page, query_string = paginate(request, filterset.qs)
    return render(
        request,
        "partners/engagement_list.html",
        {
            "filterset": filterset,
            "page": page,
            "query_string": query_string,
            "can_manage": permissions.can_manage_partners(request.user),
        },
    )


@relations_required
def engagement_detail(request, pk: int):
    people = EngagementPerson.objects.select_related("organization")
    engagement = get_object_or_404(
        Engagement.objects.prefetch_related("organizations", Prefetch("people", queryset=people)),
        pk=pk,
    )
    agreements = selectors.agreements_for(request.user, engagement.agreements.all())
    return render(
        request,
        "partners/engagement_detail.html",
        {
            "engagement": engagement,
            "agreements": agreements,
            "actions": selectors.actions_list(engagement.actions.all()),
            "statuses": ActionStatus.choices,
            "can_manage": permissions.can_manage_partners(request.user),
        },
    )


def _people_related(people) -> Related:
    """The people met, as the stale-save check compares and shows them."""
    rows = sorted(
        {(p["name"], p.get("title") or "", p.get("organization")) for p in people}, key=str
    )
    return Related(
        label=_("People"),
        value=tuple(f"{name}|{title}|{getattr(org, 'pk', org) or ''}" for name, title, org in rows),
        shown="; ".join(f"{name} ({title})" if title else name for name, title, _org in rows)
        or "—",
    )


def _stored_people(engagement) -> list[dict]:
    return [
        {
            "name": p.name,
            "name_latin": p.name_latin,
            "title": p.title,
            "title_en": p.title_en,
            "organization": p.organization_id,
        }  # fmt: skip
        for p in engagement.people.all()
    ]


def _engagement_form(engagement, data=None) -> EngagementForm:
    related = {"people": _people_related(_stored_people(engagement))} if engagement else None
    return EngagementForm(data, instance=engagement, related=related)


@manager_required
def engagement_edit(request, pk: int | None = None):
    engagement = get_object_or_404(Engagement, pk=pk) if pk else None
    form = _engagement_form(engagement, request.POST or None)
    people = PersonFormSet(
        request.POST or None, instance=engagement or Engagement(), prefix="person"
    )
    if request.method == "POST" and form.is_valid() & people.is_valid():
        fields = {k: v for k, v in form.changes().items() if k != "organizations"}
        persons = [
            {k: row[k] for k in ("name", "name_latin", "title", "title_en", "organization")}
            for row in people.cleaned_data
            if row and row.get("name") and not row.get("DELETE")
        ]
        try:
            engagement = services.engagement_save(
                by=request.user,
                fields=fields,
                organizations=form.cleaned_data["organizations"],
                people=persons,
                engagement=Engagement.objects.get(pk=pk) if pk else None,
                expected_version=form.expected_version,
            )
        except StaleVersion as stale:
            engagement = stale.current
            form = form.merge_into(
                _engagement_form(engagement), mine={"people": _people_related(persons)}
            )
            if "people" in form.conflict.taken:
                people = PersonFormSet(instance=engagement, prefix="person")
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The engagement was saved."))
            return redirect(engagement)
    style_form(form)
    for person_form in people.forms:
        style_form(person_form)
    return render(
        request,
        "partners/engagement_form.html",
        {"form": form, "people": people, "engagement": engagement},
    )


@manager_required
def action_edit(request, engagement_pk: int, pk: int | None = None):
    engagement = get_object_or_404(Engagement, pk=engagement_pk)
    action = get_object_or_404(ActionItem, pk=pk, engagement=engagement) if pk else None
    form = ActionItemForm(request.POST or None, instance=action)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_save(
                by=request.user,
                fields=form.changes(),
                engagement=engagement,
                action=ActionItem.objects.get(pk=pk) if pk else None,
                expected_version=form.expected_version,
            )
        except StaleVersion as stale:
            action = stale.current
            form = form.merge_into(ActionItemForm(instance=action))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The action was saved."))
            return redirect(engagement)
    style_form(form)
    return render(
        request,
        "partners/action_form.html",
        {"form": form, "engagement": engagement, "action": action},
    )


@manager_required
@require_POST
def action_status(request, pk: int):
    """Quick status change from a list; answers HTMX with the updated row."""
    action = get_object_or_404(ActionItem, pk=pk)
    version = request.POST.get("row_version", "")
    stale = False
    try:
        services.action_set_status(
            by=request.user,
            action=action,
            status=request.POST.get("status"),
            expected_version=int(version) if version.isdigit() else None,
        )
    except StaleVersion:
        stale = True
    except ValidationError as error:
        return HttpResponseBadRequest(" ".join(error.messages))
    if request.htmx:
        row = selectors.actions_list(ActionItem.objects.filter(pk=pk)).get()
        return render(
            request,
            "partners/_action_row.html",
            {"action": row, "statuses": ActionStatus.choices, "can_manage": True, "stale": stale},
        )
    if stale:
        messages.warning(
            request,
            _("Someone else changed this action meanwhile; its status was not changed."),
        )
    else:
        messages.success(request, _("The action's status was changed."))
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return redirect(next_url)
    return redirect(action.engagement)


@relations_required
def coordination(request):
    recent, upcoming = selectors.engagements_around(days=30)
    return render(
        request,
        "partners/coordination.html",
        {
            "open_actions": selectors.open_actions(),
            "expiring": selectors.expiring_agreements(within_days=90),
            "recent_engagements": recent,
            "upcoming_engagements": upcoming,
            "per_country_year": selectors.agreements_per_country_year(),
            "committed_by_country": selectors.committed_by_country(),
            "value_by_country": selectors.agreement_value_by_country(),
            "statuses": ActionStatus.choices,
            "can_manage": permissions.can_manage_partners(request.user),
        },
    )
