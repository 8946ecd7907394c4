"""Looking up the project a staff page is about."""

from django.http import Http404
from django.utils.translation import gettext as _

from imar.portfolio import selectors
from imar.portfolio.models import Project


def project_or_404(user, code: str, *, detail: bool = False) -> Project:
    """A project the user may see (with its organizations and history when `detail`), or a 404
    that does not tell whether a hidden project exists."""
    try:
        if detail:
            return selectors.project_detail(user=user, code=code)
        return selectors.project_list(user=user).get(code=code)
    except Project.DoesNotExist:
        raise Http404(_("No project with this code, or you may not see it.")) from None
