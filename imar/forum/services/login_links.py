"""Delegate login links: minted and mailed, never shown; single use, expiring, one live at a time.

A link logs in only a partner account (never staff, an administrator or a superuser), whatever
happened to the delegate record in between: the check is made again when the link is opened.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from imar.accounts.audit import record_event
from imar.accounts.models import Role
from imar.accounts.permissions import role_of
from imar.core.languages import language_path
from imar.forum.enums import ParticipantStatus
from imar.forum.models import LoginLink, Participant


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def may_log_in_by_link(user) -> bool:
    """Only an active partner account with no staff power is ever logged in by a link."""
    if user is None or not user.is_active or user.is_staff or user.is_superuser:
        return False
    return role_of(user) == Role.PARTNER


def _revoke_live(participant: Participant, *, now) -> int:
    return LoginLink.objects.filter(
        participant=participant, used_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=now)


def login_link_check(participant: Participant) -> None:
    """Refuse (ValidationError) a delegate who may not receive a link: asked before a job
    is queued to send one, and again by the job."""
    if participant.status != ParticipantStatus.APPROVED or participant.user_id is None:
        raise ValidationError(_("Only approved delegates receive a login link."))
    if not may_log_in_by_link(participant.user):
        raise ValidationError(_("This delegate's account cannot log in by link."))


@transaction.atomic
def login_link_send(*, by, participant: Participant, base_url: str = "") -> LoginLink:
    """Mint a new link (revoking the delegate's previous one) and mail it to the delegate."""
    login_link_check(participant)
    # Lock the delegate so two organizers pressing "send" at once mint one live link.
    Participant.objects.select_for_update().filter(pk=participant.pk).first()
    now = timezone.now()
    revoked = _revoke_live(participant, now=now)
    key = secrets.token_urlsafe(32)
    hours = settings.IMAR_LOGIN_LINK_HOURS
    link = LoginLink.objects.create(
        participant=participant,
        key_hash=_hash(key),
        created_at=now,
        expires_at=now + timedelta(hours=hours),
        created_by=by,
    )
    record_event(
        action="forum.login_link_send",
        instance=participant,
        actor=by,
        changes={"revoked_links": [revoked, 0], "expires_at": [None, link.expires_at.isoformat()]},
    )
    # A foreign delegate's link opens in English (/en/…); a Libyan delegate's in Arabic.
    path = reverse("forum:delegate_login", args=[key])
    url = base_url + language_path(path, "ar" if participant.country == "LY" else "en")
    subject, body = _mail(participant, url=url, expires_at=link.expires_at)
    send_mail(subject=subject, message=body, from_email=None, recipient_list=[participant.email])
    return link


def _mail(participant: Participant, *, url: str, expires_at) -> tuple[str, str]:
    """Subject and body in Arabic then English: the delegate's language is not known."""
    subjects, bodies = [], []
    for language in ("ar", "en"):
        with translation.override(language):
            event = participant.event.name
            expires = formats.date_format(timezone.localtime(expires_at), "DATETIME_FORMAT")
            subjects.append(_("Your delegate space at %(event)s") % {"event": event})
            bodies.append(
                _(
                    "Hello %(name)s,\n\nOpen your delegate space at %(event)s with this link. "
                    "It works once, until %(expires)s; a newer link replaces it. Do not "
                    "forward it.\n\n%(link)s\n"
                )
                % {
                    "name": participant.delegate_name,
                    "event": event,
                    "link": url,
                    "expires": expires,
                }
            )
    return " / ".join(subjects), "\n\n----\n\n".join(bodies)


def login_links_revoke(*, participant: Participant) -> int:
    """Revoke the delegate's live link (on rejection, for instance)."""
    return _revoke_live(participant, now=timezone.now())


def live_link(key: str) -> LoginLink | None:
    """The link for this key if it can still log its delegate in, else None."""
    link = (
        LoginLink.objects.select_related("participant__user", "participant__event")
        .filter(key_hash=_hash(key), used_at__isnull=True, revoked_at__isnull=True)
        .first()
    )
    if link is None or link.expires_at <= timezone.now():
        return None
    participant = link.participant
    if participant.status != ParticipantStatus.APPROVED:
        return None
    if not may_log_in_by_link(participant.user):
        return None
    return link


@transaction.atomic
def login_link_redeem(*, key: str) -> Participant | None:
    """Spend a link: the delegate whose account may now be logged in, or None."""
    link = live_link(key)
    if link is None:
        return None
    # Spend it exactly once, even if two requests race with the same key.
    spent = LoginLink.objects.filter(pk=link.pk, used_at__isnull=True).update(
        used_at=timezone.now()
    )
    if spent != 1:
        return None
    participant = link.participant
    record_event(action="forum.login_link_use", instance=participant, actor=participant.user)
    return participant
