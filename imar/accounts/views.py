from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.dateparse import parse_datetime

from imar.accounts import permissions
from imar.accounts.audit import HEAD_ID, verify_chain
from imar.accounts.audit_checkpoint import latest_recorded, verify_against
from imar.accounts.forms import CheckpointForm
from imar.accounts.models import AuditChainHead, AuditEvent
from imar.accounts.start import start_url


@login_required
def audit_trail(request):
    """The whole trail for auditors and administrators, with on-demand integrity checks.

    `?verify=1` recomputes every seal; posting a published checkpoint also proves that
    nothing up to it was removed or rewritten. Neither writes anything.
    """
    if not permissions.can_read_audit_trail(request.user):
        raise PermissionDenied
    events = AuditEvent.objects.select_related("actor")
    object_type = request.GET.get("object_type", "")
    if object_type:
        events = events.filter(object_type=object_type)
    page = Paginator(events, 100).get_page(request.GET.get("page"))
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
        "object_type": object_type,
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
