"""Public registration of an organization and its delegates; organizer approval."""

import secrets
from collections.abc import Sequence

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from imar.accounts.audit import diff_fields, record_event, snapshot
from imar.accounts.models import Profile, Role
from imar.core.versioning import adopt, lock_current
from imar.forum.enums import ParticipantKind, ParticipantStatus
from imar.forum.models import Event, MeetingRequest, Participant
from imar.forum.services.login_links import login_link_send, login_links_revoke, may_log_in_by_link
from imar.organizations.enums import OrganizationKind
from imar.organizations.models import Organization
from imar.portfolio.sectors import Sector

# Code alphabet without look-alikes (0/O, 1/I/L), easy to read out at the door.
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
PROFILE_FIELDS = ["offers", "seeks", "sectors", "max_meetings"]
# Public registration is open to anyone: bounded in size.
MAX_DELEGATES = 5
MAX_PROFILE_TEXT = 2000


def new_checkin_code() -> str:
    while True:
        code = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(6))
        if not Participant.objects.filter(checkin_code=code).exists():
            return code


def _organization_kind(kind: str, country: str) -> str:
    if kind == ParticipantKind.FOREIGN_COMPANY:
        return OrganizationKind.COMPANY
    if kind == ParticipantKind.AGENCY:
        return OrganizationKind.DEVELOPMENT_AGENCY
    if kind == ParticipantKind.GOVERNMENT and country != "LY":
        return OrganizationKind.FOREIGN_GOVERNMENT
    return OrganizationKind.GOVERNMENT_BODY


def _find_or_create_organization(
    *, by, name_ar: str, name_en: str, country: str, kind: str, sectors: list[str]
) -> Organization:
    names = Q()
    if name_en:
        names |= Q(name_en__iexact=name_en)
    if name_ar:
        names |= Q(name_ar=name_ar)
    existing = Organization.objects.filter(names, country=country).first()
    if existing:
        return existing
    organization = Organization(
        name_ar=name_ar or name_en,
        name_en=name_en or name_ar,
        country=country,
        kind=_organization_kind(kind, country),
        sectors=sectors,
    )
    organization.full_clean()
    organization.save()
    record_event(action="organization.create", instance=organization, actor=by)
    return organization


@transaction.atomic
def register(
    *,
    event: Event,
    name_ar: str,
    name_en: str,
    country: str,
    kind: str,
    sectors: Sequence[str],
    offers: str,
    seeks: str,
    delegates: Sequence[dict],
    max_meetings: int | None = None,
    by=None,
) -> list[Participant]:
    """Register an organization's delegates (pending approval); every rule broken is named."""
    errors: dict[str, list[str]] = {}
    if not event.registration_open:
        errors.setdefault("__all__", []).append(_("Registration for this event is closed."))
    if not (name_ar.strip() or name_en.strip()):
        errors.setdefault("name_en", []).append(
            _("Give the organization's name in Arabic or English.")
        )
    if kind not in ParticipantKind.values:
        errors.setdefault("kind", []).append(_("Choose what kind of organization this is."))
    unknown = [s for s in sectors if s not in Sector.values]
    if unknown:
        errors.setdefault("sectors", []).append(
            _("Unknown sector: %(code)s.") % {"code": ", ".join(unknown)}
        )
    if not delegates:
        errors.setdefault("delegates", []).append(_("Register at least one delegate."))
    if len(delegates) > MAX_DELEGATES:
        errors.setdefault("delegates", []).append(
            _("Register at most %(n)d delegates.") % {"n": MAX_DELEGATES}
        )
        delegates = []  # nothing more is read from an oversized list
    for name, text in (("offers", offers), ("seeks", seeks)):
        if len(text) > MAX_PROFILE_TEXT:
            errors.setdefault(name, []).append(
                _("At most %(n)d characters (%(given)d given).")
                % {"n": MAX_PROFILE_TEXT, "given": len(text)}
            )
    emails = [d["email"].strip().lower() for d in delegates]
    if len(set(emails)) != len(emails):
        errors.setdefault("delegates", []).append(_("Each delegate needs their own email address."))
    taken = Participant.objects.filter(event=event, email__in=emails).values_list(
        "email", flat=True
    )
    for email in taken:
        errors.setdefault("delegates", []).append(
            _("%(email)s is already registered for this event.") % {"email": email}
        )
    if errors:
        raise ValidationError(errors)
    organization = _find_or_create_organization(
        by=by,
        name_ar=name_ar.strip(),
        name_en=name_en.strip(),
        country=country,
        kind=kind,
        sectors=list(sectors),
    )
    participants = []
    for delegate, email in zip(delegates, emails, strict=True):
        participant = Participant(
            event=event,
            organization=organization,
            delegate_name=delegate["name"].strip(),
            name_latin=delegate.get("name_latin", "").strip(),
            job_title=delegate.get("job_title", "").strip(),
            email=email,
            phone=delegate.get("phone", "").strip(),
            country=country,
            kind=kind,
            sectors=list(sectors),
            offers=offers.strip(),
            seeks=seeks.strip(),
            max_meetings=max_meetings,
            checkin_code=new_checkin_code(),
        )
        participant.full_clean(exclude=["user"])
        participant.save()
        record_event(action="forum.register", instance=participant, actor=by)
        participants.append(participant)
    return participants


def _new_delegate_account(participant: Participant):
    """Always a new partner account: an e-mail address proves nothing, so a registration is
    never attached to an existing account (staff or not), whatever address it gives."""
    User = get_user_model()
    base = f"delegate-{participant.event.slug}-{participant.pk}"[:140]
    username = base
    while User.objects.filter(username=username).exists():
        username = f"{base}-{secrets.token_hex(3)}"
    user = User.objects.create_user(
        username, participant.email, None, first_name=participant.delegate_name[:150]
    )
    Profile.objects.create(
        user=user, role=Role.PARTNER, organization_id=participant.organization_id
    )
    return user


@transaction.atomic
def participant_approve(*, by, participant: Participant, base_url: str = "") -> Participant:
    """Approve a delegate, give them a new partner account and mail them a login link.

    Approving again mails a fresh link (revoking the previous one) and changes nothing else.
    """
    if participant.status != ParticipantStatus.APPROVED:
        before = participant.status
        participant.status = ParticipantStatus.APPROVED
        participant.save(update_fields=["status", "search_text"])
        record_event(
            action="forum.participant_approve",
            instance=participant,
            actor=by,
            changes={"status": [before, "approved"]},
        )
    if participant.user_id is None or not may_log_in_by_link(participant.user):
        # Defence in depth: a record pointing at any account that is not a plain partner's
        # (as the old approval did with a matching e-mail) gets its own account instead.
        previous = participant.user_id
        participant.user = _new_delegate_account(participant)
        participant.save(update_fields=["user", "search_text"])
        record_event(
            action="forum.participant_account",
            instance=participant,
            actor=by,
            changes={"user": [previous, participant.user_id]},
        )
    login_link_send(by=by, participant=participant, base_url=base_url)
    return participant


@transaction.atomic
def participant_reject(*, by, participant: Participant, reason: str = "") -> Participant:
    before = participant.status
    participant.status = ParticipantStatus.REJECTED
    participant.save(update_fields=["status", "search_text"])
    login_links_revoke(participant=participant)
    record_event(
        action="forum.participant_reject",
        instance=participant,
        actor=by,
        changes={"status": [before, "rejected"]},
        reason=reason,
    )
    return participant


@transaction.atomic
def participant_check_in(*, by, participant: Participant) -> Participant:
    if participant.status != ParticipantStatus.APPROVED:
        raise ValidationError(_("Only approved participants can be checked in."))
    if participant.checked_in_at is None:
        participant.checked_in_at = timezone.now()
        participant.save(update_fields=["checked_in_at", "search_text"])
        record_event(action="forum.check_in", instance=participant, actor=by)
    return participant


@transaction.atomic
def participant_profile_update(
    *,
    by,
    participant: Participant,
    offers: str,
    seeks: str,
    sectors: Sequence[str],
    max_meetings: int | None,
    unavailable_slots: Sequence,
    expected_version: int | None = None,
) -> Participant:
    """A delegate's own profile: what they offer and seek, sectors and availability."""

    unknown = [s for s in sectors if s not in Sector.values]
    if unknown:
        raise ValidationError(
            {"sectors": _("Unknown sector: %(code)s.") % {"code": ", ".join(unknown)}}
        )
    if any(slot.event_id != participant.event_id for slot in unavailable_slots):
        raise ValidationError({"unavailable_slots": _("The slot belongs to another event.")})
    locked = MeetingRequest.objects.filter(
        Q(from_participant=participant) | Q(to_participant=participant),
        locked=True,
        locked_slot__in=list(unavailable_slots),
    )
    if locked.exists():
        raise ValidationError(
            {"unavailable_slots": _("The organizers fixed a meeting for you in this slot.")}
        )
    current = lock_current(participant, expected_version=expected_version)
    before = snapshot(current, PROFILE_FIELDS)
    current.offers, current.seeks = offers.strip(), seeks.strip()
    current.sectors, current.max_meetings = list(sectors), max_meetings
    current.save()
    current.unavailable_slots.set(unavailable_slots)
    record_event(
        action="forum.profile_update",
        instance=current,
        actor=by,
        changes=diff_fields(before, snapshot(current, PROFILE_FIELDS)),
    )
    return adopt(participant, current)
