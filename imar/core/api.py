"""API conventions shared by every app: pagination, error shape, staff-only output fields."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from imar.core.versioning import StaleVersion
from imar.core.versioning_api import VersionConflict


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 500


class ErrorSerializer(serializers.Serializer):
    """Every refusal but a validation error: 401, 403, 404, 409, 412, 429 (translated)."""

    detail = serializers.CharField(help_text="Why, in the language of `Accept-Language`.")


class ValidationErrorSerializer(serializers.Serializer):
    """A 400: each field in error names its translated messages; errors of the whole request
    are under `non_field_errors` (a malformed body or a bad parameter under `detail`)."""

    non_field_errors = serializers.ListField(child=serializers.CharField(), required=False)


def exception_handler(exc, context):
    """DRF's handler, with Django's ValidationError (from model clean) turned into a 400, and
    a save refused as stale (someone saved in between) into a 409 (with the current
    `row_version`), and every error body an object (`ValidationErrorSerializer` or
    `ErrorSerializer`)."""
    if isinstance(exc, StaleVersion):
        exc = VersionConflict(exc)
    elif isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        exc = ValidationError(detail)
    response = drf_exception_handler(exc, context)
    if isinstance(exc, VersionConflict) and response is not None:
        response.data = {"detail": response.data["detail"], "row_version": exc.row_version}
    if response is not None and isinstance(response.data, list):
        response.data = {api_settings.NON_FIELD_ERRORS_KEY: response.data}
    return response
