"""Turning a lead into partners records: an engagement, or a draft agreement, linked to the
showcased project. The partners services keep their own rules (two parties, audit)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from imar.accounts.audit import record_event
from imar.forum.models import Lead
from imar.partners import services as partners
from imar.partners.enums import AgreementKind, AgreementStatus, EngagementKind, PartyRole


def _sides(lead: Lead):
    request = lead.meeting.request
    return request.from_participant, request.to_participant


@transaction.atomic
def lead_to_engagement(*, by, lead: Lead):
    if lead.engagement_id:
        raise ValidationError({"engagement": _("This lead already has an engagement.")})
    a, b = _sides(lead)
    event = lead.meeting.event
    slot = lead.meeting.slot
    engagement = partners.engagement_save(
        by=by,
        fields={
            "kind": EngagementKind.MEETING,
            "title_ar": f"{event.name_ar}: {a.organization.name_ar} – {b.organization.name_ar}",
            "title_en": f"{event.name_en}: {a.organization.name_en} – {b.organization.name_en}",
            "starts_on": slot.starts_at.date(),
            "place_ar": event.city_ar,
            "place_en": event.city_en,
            "summary_ar": lead.notes,
            "summary_en": lead.notes,
        },
        organizations=[a.organization, b.organization],
        people=[
            {"name": p.delegate_name, "title": p.job_title, "organization": p.organization}
            for p in (a, b)
        ],
    )
    lead.engagement = engagement
    lead.save(update_fields=["engagement"])
    record_event(action="forum.lead_engagement", instance=lead, actor=by)
    return engagement


@transaction.atomic
def lead_to_agreement(*, by, lead: Lead):
    """A draft memorandum between the two organizations, on the showcased project if any."""
    if lead.agreement_id:
        raise ValidationError({"agreement": _("This lead already has a draft agreement.")})
    a, b = _sides(lead)
    project = lead.showcase.project if lead.showcase_id else None
    subject_ar = project.title_ar if project else lead.meeting.event.name_ar
    subject_en = project.title_en if project else lead.meeting.event.name_en
    agreement = partners.agreement_create(
        by=by,
        fields={
            "kind": AgreementKind.MOU,
            "title_ar": f"مذكرة تفاهم: {subject_ar}",
            "title_en": f"Memorandum of understanding: {subject_en}",
            "status": AgreementStatus.DRAFT,
            "is_public": False,
            "engagement": lead.engagement,
        },
        parties=[
            partners.Party(organization=a.organization, role=PartyRole.FIRST_PARTY),
            partners.Party(organization=b.organization, role=PartyRole.SECOND_PARTY),
        ],
        projects=[project] if project else [],
    )
    lead.agreement = agreement
    lead.save(update_fields=["agreement"])
    record_event(action="forum.lead_agreement", instance=lead, actor=by)
    return agreement
