from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from imar.accounts import permissions
from imar.accounts.audit import HEAD_ID, object_types, verify_chain
from imar.accounts.audit_checkpoint import latest_recorded, verify_against
from imar.accounts.audit_display import models_by_type, readable, type_choices
from imar.accounts.forms import CheckpointForm
from imar.accounts.models import AuditChainHead, AuditEvent
from imar.accounts.start import start_url
from imar.core import list_export as export
from imar.core.text import parse_iso_date


def _filtered_events(request):
    """The trail narrowed by who, what kind of record, which record, action, dates and text."""
    events = AuditEvent.objects.select_related("actor")
    get = request.GET
    filters = {name: get.get(name, "").strip() for name in FILTERS}
    errors = []
    if filters["who"]:
        events = events.filter(actor_name=filters["who"])
    if filters["object_type"]:
        model = models_by_type().get(filters["object_type"])
        types = object_types(model) if model is not None else [filters["object_type"]]
        events = events.filter(object_type__in=types)
    if filters["record"]:
        events = events.filter(object_id=filters["record"])
    if filters["action"]:
        events = events.filter(action__icontains=filters["action"])
    if filters["q"]:
        events = events.filter(
            Q(object_repr__icontains=filters["q"]) | Q(reason__icontains=filters["q"])
        )
    for name, lookup, label in (
        ("start", "at__date__gte", _("From")),
        ("end", "at__date__lte", _("To")),
    ):
        if filters[name]:
            day = parse_iso_date(filters[name])
            if day is None:
                errors.append(_("%(field)s: enter a date as YYYY-MM-DD.") % {"field": label})
            else:
                events = events.filter(**{lookup: day})
    return events, filters, errors


FILTERS = ("who", "object_type", "record", "action", "q", "start", "end")


def _readable_in_batches(events, size: int = 1000):
    """Every event of the export, named as on the page, a batch of ids looked up at a time."""
    batch = []
    for event in events.iterator(chunk_size=size):
        batch.append(event)
        if len(batch) == size:
            yield from readable(batch)
            batch = []
    if batch:
        yield from readable(batch)


def audit_fields() -> list[export.Field]:
    def changes(row):
        return [
            f"{change.label or change.field}: {change.before} → {change.after}"
            for change in row.changes
        ]

    return [
        export.integer("#", lambda row: row.event.sequence, 8),
        export.Field(_("When"), lambda row: row.event.at, 18),
        export.Field(_("Who"), lambda row: row.event.actor_name, 18),
        export.Field(_("Action"), lambda row: row.action or row.event.action),
        export.Field(_("Record type"), lambda row: row.type_label or row.event.object_type, 18),
        export.Field(_("Record"), lambda row: row.event.object_repr or row.event.object_id, 30),
        export.Field(_("Record id"), lambda row: row.event.object_id, 10),
        export.Field(_("Changes"), changes, 60),
        export.Field(_("Reason"), lambda row: row.event.reason, 40),
    ]


@login_required
def audit_trail(request):
    """The whole trail for auditors and administrators, with on-demand integrity checks.

    `?verify=1` recomputes every seal; posting a published checkpoint also proves that
    nothing up to it was removed or rewritten. Neither writes anything.
    """
    if not permissions.can_read_audit_trail(request.user):
        raise PermissionDenied
    events, filters, errors = _filtered_events(request)
    if fmt := export.export_format(request):
        return export.export_response(
            fmt,
            name="audit-trail",
            title=_("Audit trail"),
            fields=audit_fields(),
            rows=_readable_in_batches(events),
        )
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    query = request.GET.copy()
    for name in ("page", "verify"):
        query.pop(name, None)
    form = CheckpointForm(request.POST or None, request.FILES or None)
    checkpoint = None
    verified = request.GET.get("verify") == "1"
    problems = None
    if request.method == "POST" and form.is_valid():
        checkpoint = form.cleaned_data["checkpoint"]
        verified = True
    if verified:
        problems = verify_chain()
        if checkpoint is not None:
            problems += verify_against(checkpoint)
    context = {
        "page": page,
        "rows": readable(page.object_list),
        "filters": filters,
        "filter_errors": errors,
        "query": query.urlencode(),
        "type_choices": type_choices(),
        "actor_choices": AuditEvent.objects.exclude(actor_name="")
        .order_by("actor_name")
        .values_list("actor_name", flat=True)
        .distinct(),
        "head": AuditChainHead.objects.filter(pk=HEAD_ID).first(),
        "verified": verified,
        "problems": problems,
        "form": form,
        "checkpoint": checkpoint,
        "checkpoint_at": checkpoint and parse_datetime(checkpoint["at"]),
        "latest_checkpoint": latest_recorded(),
    }
    return render(request, "accounts/audit_trail.html", context)


@login_required
def start(request):
    """After signing in: the start page of the user's role (imar.accounts.start)."""
    return redirect(start_url(request.user))
