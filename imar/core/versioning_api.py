"""The API side of versioning: ETag on reads, If-Match or `row_version` on writes.

The rule, for every viewset with `VersionedViewMixin`:

- A detail answer carries the record's `row_version` and an ``ETag: "<row_version>"``.
- ``PATCH`` with ``If-Match: "<n>"`` (or ``row_version: n`` in the body) is refused when the
  record is no longer at version n: **412** for If-Match, **409** for the body field.
- ``PATCH`` with neither changes only the fields it sends, on the latest record: two
  clients changing different fields both keep their change; the same field, the last one.
- ``PUT`` replaces the whole record, so it must say which version it replaces: without
  If-Match or `row_version` it answers **428**. ``If-Match: *`` says "whatever version".

The services decide (see `imar.core.versioning`); this module only carries the version and
documents the answers in the OpenAPI schema (`document_versioning`, a spectacular hook).
"""

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers, status
from rest_framework.exceptions import APIException, ParseError

from imar.core.versioning import StaleVersion

_ETAG = re.compile(r'^\s*(?:W/)?"?(\d{1,18})"?\s*$')
ANY = "*"


class VersionConflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = gettext_lazy("Someone else saved this record since you read it.")
    default_code = "stale_version"

    def __init__(self, error: StaleVersion):
        super().__init__(detail=error.messages[0])
        self.row_version = error.current.row_version


class VersionPreconditionFailed(VersionConflict):
    status_code = status.HTTP_412_PRECONDITION_FAILED


class VersionPreconditionRequired(APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = gettext_lazy(
        'PUT replaces the whole record: send If-Match: "<row_version>" (from the ETag of a GET) '
        "or row_version in the body, or use PATCH to change some fields."
    )
    default_code = "version_required"


_VERSION_HELP = gettext_lazy(
    "The record's version, increased by every save. Send it back (or the ETag as If-Match) "
    "to be refused with 409 (412) if someone saved in between."
)


def VersionField(**kwargs) -> serializers.IntegerField:  # noqa: N802 (a field factory)
    """`row_version` in a representation and, optionally, in a write's body."""
    kwargs.setdefault("help_text", _VERSION_HELP)
    return serializers.IntegerField(min_value=1, **kwargs)


def parse_if_match(header: str | None):
    """None (no header), ANY ("*"), or the version number an If-Match names."""
    if header is None or not header.strip():
        return None
    if header.strip() == ANY:
        return ANY
    match = _ETAG.match(header)
    if match is None:
        raise ParseError(
            _('If-Match must be one ETag as given by a GET, e.g. "3" (or *): got %(value)s.')
            % {"value": header[:40]}
        )
    return int(match.group(1))


class VersionedViewMixin:
    """For a viewset over a `Versioned` model whose writes go through the services."""

    if_match = None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.if_match = parse_if_match(request.headers.get("If-Match"))
        if request.method == "PUT" and self.if_match is None and not _body_version(request):
            raise VersionPreconditionRequired

    def expected_version(self, validated: dict | None = None) -> int | None:
        """The version the client started from (If-Match wins over the body); pops
        `row_version` from the validated data so the service gets fields only."""
        body = validated.pop("row_version", None) if validated is not None else None
        if body is None:
            body = _body_version(self.request)
        if isinstance(self.if_match, int):
            return self.if_match
        return body

    def handle_exception(self, exc):
        if isinstance(exc, StaleVersion):
            refused = (
                VersionPreconditionFailed if isinstance(self.if_match, int) else VersionConflict
            )
            exc = refused(exc)
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        data = getattr(response, "data", None)
        if (
            getattr(self, "detail", False)
            and 200 <= response.status_code < 300
            and isinstance(data, dict)
            and isinstance(data.get("row_version"), int)
        ):
            response["ETag"] = f'"{data["row_version"]}"'
        return response


def _body_version(request) -> int | None:
    try:
        raw = request.data.get("row_version") if hasattr(request.data, "get") else None
    except ParseError:
        return None
    if raw in (None, ""):
        return None
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise ParseError(_("row_version must be a whole number.")) from None
    return value if value >= 1 else None


# ---- the OpenAPI schema -------------------------------------------------------------------

_IF_MATCH = {
    "in": "header",
    "name": "If-Match",
    "schema": {"type": "string"},
    "description": 'The ETag of the version this change starts from, e.g. "3" (or *).',
}
_ETAG_HEADER = {
    "ETag": {
        "schema": {"type": "string"},
        "description": 'The record\'s version, e.g. "3": send it back as If-Match.',
    }
}
_REFUSALS = {
    "409": "Someone saved the record after the version given in row_version: nothing was "
    "saved. The body gives the current row_version.",
    "412": "The record is no longer at the version named by If-Match: nothing was saved.",
}
_REQUIRED = {"428": "PUT without If-Match or row_version: say which version you replace."}


_WITH_ETAG = {"retrieve", "create", "update", "partial_update"}
# The one error shape of every refusal (imar.core.api.ErrorSerializer, component "Error").
_ERROR_BODY = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}


def document_versioning(result, generator, request, public):
    """drf-spectacular postprocessing hook: the If-Match header, the ETag and the 409, 412
    and 428 answers on the operations of every `VersionedViewMixin` viewset."""
    for path, _regex, method, callback in generator.endpoints:
        view = getattr(callback, "cls", None)
        if view is None or not issubclass(view, VersionedViewMixin):
            continue
        operation = result.get("paths", {}).get(path, {}).get(method.lower())
        if operation is None:
            continue
        responses = operation.setdefault("responses", {})
        if method in ("PUT", "PATCH"):
            parameters = operation.setdefault("parameters", [])
            if not any(p.get("name") == "If-Match" for p in parameters):
                parameters.append({**_IF_MATCH, "required": False})
            answers = {**_REFUSALS, **(_REQUIRED if method == "PUT" else {})}
            for code, description in answers.items():
                responses.setdefault(code, {"description": description, "content": _ERROR_BODY})
        action = (getattr(callback, "actions", None) or {}).get(method.lower())
        if action in _WITH_ETAG:
            for code, response in responses.items():
                if code.startswith("2"):
                    response.setdefault("headers", {}).update(_ETAG_HEADER)
    return result
