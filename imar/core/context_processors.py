from django.conf import settings
from django.utils.translation import get_language, get_language_bidi

from imar.accounts.permissions import is_head_office, is_staff_member, role_of
from imar.core.models import pick_language


def imar(request):
    return {
        "fund_name": pick_language(settings.IMAR_FUND_NAME_AR, settings.IMAR_FUND_NAME_EN),
        "demo_data": settings.IMAR_DEMO_DATA,
        "language_dir": "rtl" if get_language_bidi() else "ltr",
        "language_code": get_language(),
        "user_role": role_of(getattr(request, "user", None)),
        "is_staff_member": is_staff_member(getattr(request, "user", None)),
        # Head office reads the whole country; regional engineers only their districts.
        "is_head_office": is_head_office(getattr(request, "user", None)),
    }
