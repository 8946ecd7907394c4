"""API tokens that expire IMAR_API_TOKEN_HOURS after they were issued."""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import AuthenticationFailed


def token_expires(token: Token) -> datetime:
    return token.created + timedelta(hours=settings.IMAR_API_TOKEN_HOURS)


def token_expired(token: Token) -> bool:
    return token_expires(token) <= timezone.now()


def token_issue(*, user) -> Token:
    """The user's live token, or a new one in place of an expired one."""
    token = Token.objects.filter(user=user).first()
    if token is not None and token_expired(token):
        token.delete()
        token = None
    if token is None:
        token = Token.objects.create(user=user)
    return token


def tokens_revoke(*, user) -> int:
    return Token.objects.filter(user=user).delete()[0]


class ExpiringTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if token_expired(token):
            raise AuthenticationFailed(_("The token has expired: ask for a new one."))
        return user, token
