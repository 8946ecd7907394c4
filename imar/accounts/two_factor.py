"""Two-factor sign-in (TOTP with static backup codes, through django-otp): who must use it,
enrolment and verification. Pages and the API call these; none re-implements the rules."""

from django.conf import settings
from django.db import transaction
from django_otp import devices_for_user, match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from imar.accounts.audit import record_event
from imar.accounts.permissions import role_of

BACKUP_CODE_COUNT = 10


def is_required(user) -> bool:
    """Whether this account must use two-factor (its role is listed, and it is enforced)."""
    if not settings.IMAR_2FA_ENFORCED or not user.is_authenticated:
        return False
    required = set(settings.IMAR_2FA_REQUIRED_ROLES)
    if "administrator" in required and (user.is_superuser or user.is_staff):
        return True  # the Django admin is an administrator's door, whatever the profile says
    return role_of(user) in required


def is_enrolled(user) -> bool:
    return user.is_authenticated and user_has_device(user, confirmed=True)


def verify(user, code: str):
    """The device that accepts this code (authenticator or backup code), or None."""
    code = "".join(code.split())
    if not code:
        return None
    return match_token(user, code)


def pending_device(user) -> TOTPDevice:
    """The authenticator being set up: kept unconfirmed until a first code proves it works."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


@transaction.atomic
def enrol_confirm(*, user, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the authenticator with its first code; returns the new backup codes (shown
    once, stored hashed by nobody but django-otp's model), or None if the code is wrong."""
    if device.user_id != user.pk or device.confirmed:
        return None
    if not device.verify_token("".join(code.split())):
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = backup_codes_renew(user=user)
    record_event(action="accounts.2fa_enrol", instance=user, actor=user)
    return codes


@transaction.atomic
def backup_codes_renew(*, user) -> list[str]:
    """New backup codes, the old ones void."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="backup codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def backup_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def disable(*, user, by) -> None:
    """Remove every device (the user's own choice where not required; an administrator's
    reset for someone who lost their phone, through the Django admin)."""
    for device in devices_for_user(user, confirmed=None):
        device.delete()
    record_event(action="accounts.2fa_disable", instance=user, actor=by)
