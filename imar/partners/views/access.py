"""Who may open the partners pages: staff read organizations and agreements (engineers
those touching their districts), head office reads the relations (engagements, follow-ups,
coordination, briefings), fund officers and administrators write."""

__all__ = [
    "manager_required",
    "paginate",
    "relations_required",
    "staff_required",
    "style_filters",
    "style_form",
]


from imar.accounts import permissions
from imar.accounts.decorators import staff_required, user_passes
from imar.core.forms import bootstrap_widgets as style_form
from imar.core.forms import style_filters
from imar.core.pagination import paginate

manager_required = user_passes(permissions.can_manage_partners)
relations_required = user_passes(permissions.can_read_partner_relations)
