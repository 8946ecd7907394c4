from django.conf import settings
from django.utils.translation import get_language, get_language_bidi

from imar.core.models import pick_language


def imar(request):
    return {
        "fund_name": pick_language(settings.IMAR_FUND_NAME_AR, settings.IMAR_FUND_NAME_EN),
        "demo_data": settings.IMAR_DEMO_DATA,
        "language_dir": "rtl" if get_language_bidi() else "ltr",
        "language_code": get_language(),
    }
