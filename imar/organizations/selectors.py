"""Reads of organizations that need nothing above them."""

from django.conf import settings
from django.db.models import Q

from imar.organizations.models import Organization


def the_fund() -> Organization | None:
    """The fund's own organization record (first party of its agreements)."""
    return (
        Organization.objects.filter(
            Q(iati_identifier=settings.IMAR_FUND_IATI_ID) | Q(name_en=settings.IMAR_FUND_NAME_EN)
        )
        .order_by("id")
        .first()
    )
