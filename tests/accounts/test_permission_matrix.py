"""The permission matrix, generated from the URL configuration and the OpenAPI schema.

Every URL pattern (a walk of Django's resolver) and every operation of the API schema
(drf-spectacular's generator) must have a row in `matrix_table`: a new endpoint fails here
until someone says who may read and write it. For each role the test then reads (GET) and
writes (POST, PUT, PATCH with an empty body) every one of them, compares allowed and refused
with the table, and checks that no answer carries a sentinel the role may not see.
"""

import functools
import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from drf_spectacular.generators import SchemaGenerator
from rest_framework.views import APIView

from imar.portfolio.models import Project
from tests.accounts.matrix_table import ADMIN, ANYONE, API, PAGES, PATH_VALUES
from tests.accounts.matrix_world import HIDDEN, ROLE_NAMES, ROLES, build_world

WRITES = ("post", "put", "patch", "delete")
NOT_PAGES = {"api-root", "api-schema", "api-docs"}  # the API's own pages are pages


def _walk(patterns=None, prefix="", namespace=None):
    """(route, name, pattern) of every URL pattern, namespaced names as `reverse` takes them."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            name = entry.name and (f"{namespace}:{entry.name}" if namespace else entry.name)
            yield prefix + str(entry.pattern), name, entry


def _page_key(route: str, name: str | None) -> str:
    return name or ("media" if "media/" in route else route)


def _is_admin(route: str) -> bool:
    return route.startswith("admin/")


def _is_api_operation(pattern) -> bool:
    view = getattr(pattern.callback, "cls", None)
    return view is not None and issubclass(view, APIView) and pattern.name not in NOT_PAGES


@functools.cache
def _schema():
    """(operations {(METHOD, path)}, the API view classes behind them), from the generator."""
    generator = SchemaGenerator()
    schema = generator.get_schema(request=None, public=True)
    operations = {
        (method.upper(), path)
        for path, item in schema["paths"].items()
        for method in item
        if method in ("get", "post", "put", "patch", "delete")
    }
    views = {callback.cls for _path, _regex, _method, callback in generator.endpoints}
    return operations, views


def _view_class(pattern):
    return getattr(pattern.callback, "cls", None)


# ---- the table covers everything ----------------------------------------------------------------


def test_every_page_is_in_the_matrix():
    missing, api_views = [], _schema()[1]
    for route, name, pattern in _walk():
        if _is_admin(route):
            continue  # the admin is one rule: administrators only
        if _is_api_operation(pattern):
            if _view_class(pattern) not in api_views:
                missing.append(f"{route} ({name}): an API view missing from the schema")
            continue
        if _page_key(route, name) not in PAGES:
            missing.append(f"{route} ({name})")
    assert not missing, "add these to matrix_table.PAGES:\n" + "\n".join(missing)


def test_the_matrix_has_no_stale_page():
    known = {_page_key(route, name) for route, name, _pattern in _walk()}
    known.add("media")  # served by Django only with IMAR_DEBUG (the tests run without it)
    assert set(PAGES) - known == set()


def test_every_api_operation_is_in_the_matrix_and_only_those():
    operations = _schema()[0]
    missing = sorted(operations - set(API))
    assert not missing, "add these to matrix_table.API:\n" + "\n".join(map(str, missing))
    assert sorted(set(API) - operations) == []
    templated = {path for _method, path in operations if "{" in path}
    assert sorted(templated - set(PATH_VALUES)) == []


def test_every_api_operation_is_throttled():
    unthrottled = [
        route
        for route, _name, pattern in _walk()
        if _is_api_operation(pattern) and not _view_class(pattern)().get_throttles()
    ]
    assert unthrottled == []


# ---- each role against the table ----------------------------------------------------------------


@pytest.fixture
def world(gazetteer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.IMAR_SCENARIO_RUNS_INLINE = True
    settings.IMAR_SCENARIO_TIME_LIMIT = 2.0
    return build_world()


LOGIN_PATHS = ("/accounts/login/", "/admin/login/")


def _refused(response) -> bool:
    if response.status_code in (401, 403, 404, 405):
        return True
    if 300 <= response.status_code < 400:
        return urlsplit(response["Location"]).path.endswith(LOGIN_PATHS)
    return False


def _body(response) -> str:
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    return content.decode("utf-8", errors="replace")


class Probe:
    """Requests as one role, each in a savepoint rolled back after it, and what went wrong."""

    def __init__(self, world, role: str):
        self.world, self.role, self.user = world, role, world.users[role]
        self.client = Client()
        self.logged_in = False
        self.problems: list[str] = []

    def request(self, method: str, url: str, **extra):
        cache.clear()  # throttles count per test; the matrix makes hundreds of requests
        if self.user is not None and not self.logged_in:
            self.client.force_login(self.user)
            self.logged_in = True
        with transaction.atomic():
            response = getattr(self.client, method)(url, **extra)
            body = _body(response)
            transaction.set_rollback(True)
        if "logout" in url:
            self.logged_in = False
        return response, body

    def check(self, label: str, method: str, url: str, allowed: bool | None, **extra) -> None:
        """`allowed` None: any answer will do, but a server error or a leak."""
        response, body = self.request(method, url, **extra)
        status = response.status_code
        if status >= 500:
            self.problems.append(f"{method.upper()} {url} ({label}): server error {status}")
        elif allowed is not None and _refused(response) == allowed:
            expected = "allowed" if allowed else "refused"
            self.problems.append(
                f"{method.upper()} {url} ({label}): expected {expected}, answered {status}"
            )
        for marker in HIDDEN[self.role]:
            if marker in body:
                at = body.index(marker)
                snippet = body[max(0, at - 60) : at + 60].replace("\n", " ")
                self.problems.append(f"{method.upper()} {url} ({label}): leaks {snippet!r}")

    def report(self) -> str:
        return f"{ROLE_NAMES[self.role]}:\n" + "\n".join(self.problems)


def _expects(roles: str, role: str) -> bool | None:
    return None if roles == ANYONE else role in roles


def _admin_kwargs(pattern, world) -> dict | None:
    """Arguments for an admin address: real objects where the admin looks them up."""
    names = set(pattern.pattern.converters) | set(pattern.pattern.regex.groupindex)
    kwargs = {}
    if "object_id" in names:
        kwargs["object_id"] = str(world.users["E"].pk)
    if "content_type_id" in names:
        kwargs["content_type_id"] = ContentType.objects.get_for_model(Project).pk
        kwargs["object_id"] = str(world.project.pk)
    if "app_label" in names:
        kwargs["app_label"] = re.search(r"\(\?P<app_label>([a-z_]+)", str(pattern.pattern))[1]
    if "id" in names:
        kwargs["id"] = str(world.users["E"].pk)
    if "pk" in names:  # e.g. a two-factor device's QR code page: any number will do
        kwargs["pk"] = "1"
    return kwargs


def _pages(world):
    for route, name, pattern in _walk():
        key = _page_key(route, name)
        if key in PAGES:
            row = PAGES[key]
            kwargs = row.kwargs(world) if row.kwargs else {}
            if key == "media":
                url = settings.MEDIA_URL + kwargs["path"]
            else:
                url = reverse(name, kwargs=kwargs)
            yield key, url, row
        elif _is_admin(route) and name:
            yield key, reverse(name, kwargs=_admin_kwargs(pattern, world)), ADMIN


@pytest.mark.parametrize("role", ROLES)
def test_pages_answer_each_role_as_the_matrix_says(world, role):
    probe = Probe(world, role)
    for key, url, row in _pages(world):
        if row is ADMIN and role == "X":
            continue  # what the admin lets administrators do is tested with the admin
        probe.check(key, "get", url, _expects(row.read, role))
        if row.write is not None:
            data = row.data(world) if row.data else {}
            probe.check(key, "post", url, _expects(row.write, role), data=data)
    assert not probe.problems, probe.report()


@pytest.mark.parametrize("role", ROLES)
def test_api_answers_each_role_as_the_matrix_says(world, role):
    probe = Probe(world, role)
    for (method, path), allowed in sorted(API.items()):
        url = path.format(**PATH_VALUES[path](world)) if "{" in path else path
        assert resolve(url), url
        extra = {"data": "{}", "content_type": "application/json"} if method != "GET" else {}
        probe.check(path, method.lower(), url, role in allowed, **extra)
    assert not probe.problems, probe.report()
