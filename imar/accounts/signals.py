"""Sign-in side effects: the session's clocks and two-factor state at login; API tokens revoked
on logout and whenever a password changes (change page, reset, the admin, `set_password`)."""

import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db.models.signals import pre_save
from django.dispatch import receiver

from imar.accounts import sessions
from imar.accounts.authentication import tokens_revoke


@receiver(user_logged_in)
def _session_started(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    now = time.time()
    request.session[sessions.SIGNED_IN_AT] = now
    request.session[sessions.LAST_ACTIVITY] = now
    sessions.remember_two_factor_state(request, user)


@receiver(user_logged_out)
def _revoke_tokens_on_logout(sender, request, user, **kwargs):
    """Logging out ends the user's API tokens too; a session that merely timed out does not."""
    if user is None or getattr(request, "imar_session_expired", False):
        return
    tokens_revoke(user=user)


@receiver(pre_save, sender=settings.AUTH_USER_MODEL)
def _revoke_tokens_on_password_change(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    if update_fields is not None and "password" not in update_fields:
        return
    # Django rehashing the same password with a newer hasher at sign-in saves only the
    # password, after clearing the raw one it kept (check_password's setter): not a change.
    rehash_only = update_fields is not None and set(update_fields) == {"password"}
    if rehash_only and getattr(instance, "_password", None) is None:
        return
    stored = sender.objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    if stored is not None and stored != instance.password:
        tokens_revoke(user=instance)
