"""API tokens: POST /api/v1/auth/token/ trades a user name and password (and a two-factor code
where the account has one) for a token that expires; POST /api/v1/auth/token/revoke/ ends it.

Failed attempts count towards the sign-in lockout (django-axes) like the login page's; a
locked-out account or address gets HTTP 429.
"""

from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from imar.accounts import two_factor
from imar.accounts.authentication import token_expires, token_issue, tokens_revoke
from imar.accounts.lockout import lockout_response
from imar.core.api import ErrorSerializer


class TokenRequestSerializer(AuthTokenSerializer):
    otp = serializers.CharField(
        label="Two-factor code",
        required=False,
        allow_blank=True,
        write_only=True,
        help_text="The 6-digit code of the authenticator app, or a backup code: needed only "
        "when the account uses two-factor sign-in.",
    )


_DETAIL = ErrorSerializer  # the one shape of every refusal


def _locked_out(request, username) -> bool:
    from axes.handlers.proxy import AxesProxyHandler

    if getattr(request, "axes_locked_out", False):
        return True
    username = username if isinstance(username, str) and username else None
    return not AxesProxyHandler.is_allowed(request, {"username": username})


class ObtainTokenView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        summary="Obtain an API token",
        description=(
            "Send a user name and password (and `otp`, the two-factor code, for an account "
            "that uses two-factor sign-in); use the token as `Authorization: Token <key>` "
            "until `expires`. Logging out, changing the password or "
            "`POST /api/v1/auth/token/revoke/` ends it earlier."
        ),
        request=TokenRequestSerializer,
        responses={
            200: inline_serializer(
                "AuthToken",
                {"token": serializers.CharField(), "expires": serializers.DateTimeField()},
            ),
            400: OpenApiResponse(description="Wrong user name, password or two-factor code."),
            403: OpenApiResponse(
                _DETAIL, description="The account must set up two-factor sign-in first."
            ),
            429: OpenApiResponse(
                _DETAIL, description="Too many failed attempts for this account or address."
            ),
        },
        tags=["auth"],
    )
    def post(self, request, *args, **kwargs):
        # The plain Django request: django-axes marks it when the attempt locks the account out.
        http_request = request._request
        serializer = TokenRequestSerializer(data=request.data, context={"request": http_request})
        # Errors are answered, not raised: a raised error would roll back the failed attempt
        # that django-axes has just recorded (ATOMIC_REQUESTS).
        if not serializer.is_valid():
            if _locked_out(http_request, request.data.get("username")):
                return lockout_response(http_request)
            return Response(serializer.errors, status=status.HTTP_400_BAD_REQUEST)
        user = serializer.validated_data["user"]
        if two_factor.is_enrolled(user):
            if two_factor.verify(user, serializer.validated_data.get("otp", "")) is None:
                return Response(
                    {"otp": [_("Enter the code from your authenticator app, or a backup code.")]},
                    status=status.HTTP_400_BAD_REQUEST,
                )
        elif two_factor.is_required(user):
            return Response(
                {"detail": _("Set up two-factor sign-in on the website before using the API.")},
                status=status.HTTP_403_FORBIDDEN,
            )
        token = token_issue(user=user)
        return Response({"token": token.key, "expires": token_expires(token)})


class RevokeTokenView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Revoke your API token",
        description="Ends the caller's token at once (a script's logout).",
        request=None,
        responses={
            204: OpenApiResponse(description="Revoked."),
            401: OpenApiResponse(_DETAIL, description="No valid token or session."),
            403: OpenApiResponse(_DETAIL, description="Not signed in."),
        },
        tags=["auth"],
    )
    def post(self, request, *args, **kwargs):
        tokens_revoke(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


def register(router) -> None:
    """No router endpoints: the token views are plain URLs."""


urlpatterns = [
    path("auth/token/", ObtainTokenView.as_view(), name="api-token"),
    path("auth/token/revoke/", RevokeTokenView.as_view(), name="api-token-revoke"),
]
