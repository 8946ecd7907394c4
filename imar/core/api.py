"""API conventions shared by every app: pagination and error shape."""

from rest_framework.pagination import PageNumberPagination
from rest_framework.views import exception_handler as drf_exception_handler


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 500


def exception_handler(exc, context):
    """DRF's handler, with Django's ValidationError (from model clean) turned into a 400, and
    a save refused as stale (someone saved in between) into a 409."""
    from django.core.exceptions import ValidationError as DjangoValidationError
    from rest_framework.exceptions import ValidationError

    from imar.core.versioning import StaleVersion
    from imar.core.versioning_api import VersionConflict

    if isinstance(exc, StaleVersion):
        exc = VersionConflict(exc)
    elif isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        exc = ValidationError(detail)
    response = drf_exception_handler(exc, context)
    if isinstance(exc, VersionConflict) and response is not None:
        response.data = {"detail": response.data["detail"], "row_version": exc.row_version}
    return response
