"""Results' answer to the registry's hooks (connected in apps.ResultsConfig.ready)."""

from imar.accounts import permissions
from imar.results.selectors import project_indicators


def project_page_section(*, project, user) -> tuple[str, dict]:
    """The results section of the staff project page."""
    context = {
        "results_indicators": list(project_indicators(project)),
        "results_can_report": permissions.can_report_progress(user, project),
    }
    return "results/_project_results.html", context
