"""What procurement adds to the project registry through its hooks (portfolio/extensions.py)."""

from django.utils.translation import gettext as _

from imar.portfolio.enums import ProjectStatus
from imar.procurement.enums import CONTRACTED_STATUSES


def implementation_needs_a_contract(project, to: str) -> list[str]:
    """A project goes past procurement only with a signed contract or a recorded exemption."""
    if to != ProjectStatus.IMPLEMENTATION:
        return []
    from imar.procurement.models import Exemption, Process

    if Process.objects.filter(project=project, status__in=CONTRACTED_STATUSES).exists():
        return []
    if Exemption.objects.filter(project=project).exists():
        return []
    return [
        _("Implementation needs an awarded, signed contract or a recorded procurement exemption.")
    ]


def project_page_section(*, project, user) -> tuple[str, dict]:
    """The contracting processes of the project, on its staff page."""
    from imar.accounts.permissions import can_edit_project, is_officer
    from imar.procurement.models import Exemption
    from imar.procurement.selectors import project_processes

    return "procurement/_project_section.html", {
        "procurement_processes": project_processes(project=project, user=user),
        "procurement_project": project,
        "procurement_can_edit": can_edit_project(user, project),
        "procurement_can_exempt": is_officer(user),
        "procurement_exemption": Exemption.objects.filter(project=project).first(),
    }
