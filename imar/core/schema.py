"""The OpenAPI schema documents every answer an operation can give, errors included.

drf-spectacular documents the success answers; `ImarAutoSchema` adds, to each operation, the
refusals its view can actually give, all with the bodies of `imar.core.api`'s exception
handler: 400 (a body or parameters to validate), 401/403 (authentication or permissions in
play), 404 (a path parameter, or a paginated list's page), 409 (writes: a conflict with the
stored state), 412 (PUT/PATCH: a stale `If-Match`), 415 (a body in an unsupported format) and
429 (every route is throttled). Schemathesis checks the live API against it in `.ci/run`.
"""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework.permissions import AllowAny

from imar.core.api import ErrorSerializer, ValidationErrorSerializer

WRITES = {"POST", "PUT", "PATCH", "DELETE"}
ANSWERS = {
    "400": (ValidationErrorSerializer, "Invalid input: the fields in error, translated."),
    "401": (ErrorSerializer, "Not authenticated (or an invalid or expired token)."),
    "403": (ErrorSerializer, "Not allowed for this user (or an invalid token)."),
    "404": (ErrorSerializer, "No such object, or not visible to this user; or no such page."),
    "409": (ErrorSerializer, "Conflicts with the stored state (e.g. someone saved first)."),
    "412": (ErrorSerializer, "`If-Match` names a version that is no longer the current one."),
    "415": (ErrorSerializer, "The body's media type is not one this operation reads."),
    "429": (ErrorSerializer, "Too many requests: wait `Retry-After` seconds."),
}
RETRY_AFTER = {
    "Retry-After": {
        "schema": {"type": "integer"},
        "description": "Seconds to wait before trying again.",
    }
}


class ImarAutoSchema(AutoSchema):
    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        responses = operation.setdefault("responses", {})
        for code in self._error_codes(operation):
            serializer, description = ANSWERS[code]
            documented = responses.get(code, {}).get("description") or description
            answer = self._get_response_for_code(
                OpenApiResponse(serializer, description=documented), code
            )
            if code == "429":
                answer["headers"] = RETRY_AFTER
            responses[code] = answer
        operation["responses"] = dict(sorted(responses.items()))
        return operation

    def _error_codes(self, operation) -> list[str]:
        view, method = self.view, self.method.upper()
        has_body = "requestBody" in operation
        has_query = any(p.get("in") == "query" for p in operation.get("parameters", []))
        authenticators = view.get_authenticators()
        guarded = bool(authenticators) or not all(
            isinstance(permission, AllowAny) for permission in view.get_permissions()
        )
        codes = []
        if has_body or has_query or method in WRITES:
            codes.append("400")
        if authenticators and authenticators[0].authenticate_header(view.request):
            codes.append("401")
        if guarded:
            codes.append("403")
        paginated = self._is_list_view() and self._get_paginator() is not None
        if "{" in self.path or paginated or method in WRITES:
            codes.append("404")
        if method in WRITES:
            codes.append("409")
        if method in {"PUT", "PATCH"}:
            codes.append("412")
        if has_body:
            codes.append("415")
        if view.get_throttles():
            codes.append("429")
        return codes
