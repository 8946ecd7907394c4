"""POST /api/v1/auth/token/: a script trades a user name and password for an API token."""

from django.urls import path
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.settings import api_settings


class ObtainTokenView(ObtainAuthToken):
    throttle_classes = api_settings.DEFAULT_THROTTLE_CLASSES  # DRF's view opts out by default

    @extend_schema(
        summary="Obtain an API token",
        description=(
            "Send a user name and password; use the token as `Authorization: Token <key>`."
        ),
        request=AuthTokenSerializer,
        responses={
            200: inline_serializer("AuthToken", {"token": serializers.CharField()}),
            400: OpenApiResponse(description="Wrong user name or password (translated)."),
        },
        tags=["auth"],
    )
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)


def register(router) -> None:
    """No router endpoints: the token view is a plain URL."""


urlpatterns = [path("auth/token/", ObtainTokenView.as_view(), name="api-token")]
