from django import template
from django_countries import countries

from imar.partners.enums import AgreementStatus
from imar.portfolio.sectors import Sector

register = template.Library()

STATUS_CLASSES = {
    AgreementStatus.DRAFT: "text-bg-secondary",
    AgreementStatus.SIGNED: "text-bg-primary",
    AgreementStatus.IN_FORCE: "text-bg-success",
    AgreementStatus.COMPLETED: "text-bg-dark",
    AgreementStatus.TERMINATED: "text-bg-danger",
    AgreementStatus.EXPIRED: "text-bg-warning",
}


@register.filter
def country_name(code) -> str:
    return countries.name(str(code)) or str(code)


@register.inclusion_tag("partners/_agreement_status.html")
def agreement_status(agreement):
    status = getattr(agreement, "effective_status", agreement.status)
    return {"label": AgreementStatus(status).label, "css": STATUS_CLASSES[status]}


@register.filter
def sector_label(code) -> str:
    try:
        return Sector(code).label
    except ValueError:
        return code
