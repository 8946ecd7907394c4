from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render

from imar.accounts import permissions
from imar.accounts.audit import verify_chain
from imar.accounts.models import AuditChainHead, AuditEvent


@login_required
def audit_trail(request):
    """The whole trail for auditors and administrators, with an on-demand integrity check."""
    if not permissions.can_read_audit_trail(request.user):
        raise PermissionDenied
    events = AuditEvent.objects.select_related("actor")
    object_type = request.GET.get("object_type", "")
    if object_type:
        events = events.filter(object_type=object_type)
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "object_type": object_type,
        "head": AuditChainHead.objects.filter(pk=1).first(),
        "verified": request.GET.get("verify") == "1",
        "problems": verify_chain() if request.GET.get("verify") == "1" else None,
    }
    return render(request, "accounts/audit_trail.html", context)
