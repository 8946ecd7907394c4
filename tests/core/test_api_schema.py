"""The OpenAPI schema: valid, warning-free for the registry and gazetteer endpoints, filters
documented, and the docs page served from local assets only."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.urls import include, path
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema
from rest_framework.routers import DefaultRouter

import imar.accounts.api
import imar.geo.api
import imar.portfolio.api

OWN_MODULES = [imar.accounts.api, imar.geo.api, imar.portfolio.api]


def _own_patterns():
    """The URL patterns of the registry, gazetteer and token modules only."""
    router = DefaultRouter()
    extra = []
    for module in OWN_MODULES:
        module.register(router)
        extra += getattr(module, "urlpatterns", [])
    return [path("api/v1/", include([*extra, *router.urls]))]


@pytest.fixture(scope="module")
def own_schema():
    GENERATOR_STATS.reset()
    schema = SchemaGenerator(patterns=_own_patterns()).get_schema(request=None, public=True)
    warnings = dict(GENERATOR_STATS._warn_cache)
    errors = dict(GENERATOR_STATS._error_cache)
    GENERATOR_STATS.reset()
    return schema, warnings, errors


def test_registry_and_gazetteer_schema_has_no_warnings_and_is_valid(own_schema):
    schema, warnings, errors = own_schema
    assert warnings == {}
    assert errors == {}
    validate_schema(schema)  # raises on an invalid OpenAPI document


def test_whole_api_schema_is_valid_openapi(tmp_path):
    # Every app's module is included here, so this asserts a valid document with no errors;
    # the test above holds the registry, gazetteer and token endpoints to zero warnings.
    out = tmp_path / "schema.yaml"
    GENERATOR_STATS.reset()
    call_command("spectacular", "--validate", "--file", str(out))
    errors = dict(GENERATOR_STATS._error_cache)
    GENERATOR_STATS.reset()
    assert errors == {}
    text = out.read_text()
    for endpoint in (
        "/api/v1/projects/",
        "/api/v1/projects/{code}/transition/",
        "/api/v1/projects/{code}/history/",
        "/api/v1/programs/",
        "/api/v1/districts/",
        "/api/v1/municipalities/",
        "/api/v1/regions/",
        "/api/v1/auth/token/",
    ):
        assert f"{endpoint}:" in text


def _parameters(schema, route, method="get") -> dict[str, dict]:
    return {p["name"]: p for p in schema["paths"][route][method].get("parameters", [])}


def test_project_filters_and_pagination_are_documented(own_schema):
    schema, _, _ = own_schema
    params = _parameters(schema, "/api/v1/projects/")
    for name in (
        "q",
        "region",
        "district",
        "municipality",
        "sector",
        "status",
        "program",
        "organization",
        "ordering",
        "page",
        "page_size",
    ):
        assert name in params, name
    assert params["organization"]["schema"]["type"] == "integer"
    assert "ISO 3166-2" in params["district"]["description"]
    assert "p-code" in params["municipality"]["description"]
    assert "health" in params["sector"]["schema"]["enum"]
    assert "approved" in params["status"]["schema"]["enum"]


def test_project_output_types_are_precise(own_schema):
    schema, _, _ = own_schema
    components = schema["components"]["schemas"]
    project = components["ProjectOutput"]["properties"]
    assert project["budget"]["type"] == "string"
    assert project["budget"]["format"] == "decimal"
    assert project["latitude"]["type"] == "number"
    assert project["location_approximate"]["type"] == "boolean"
    assert project["sector"]["allOf"] == [{"$ref": "#/components/schemas/SectorOutput"}]
    assert project["organizations"]["type"] == "array"
    assert "is_public" not in components["ProjectOutput"]["required"]
    project_input = components["ProjectInputRequest"]
    assert "status" not in project_input["properties"]
    assert {"code", "title_ar", "title_en", "municipality"} <= set(project_input["required"])


def test_transition_history_geometry_and_token_are_documented(own_schema):
    schema, _, _ = own_schema
    transition = schema["paths"]["/api/v1/projects/{code}/transition/"]["post"]
    assert set(transition["responses"]) >= {"200", "400", "403", "404"}
    history = schema["paths"]["/api/v1/projects/{code}/history/"]["get"]
    assert history["responses"]["200"]["content"]["application/json"]["schema"]["type"] == "array"
    assert "include" in _parameters(schema, "/api/v1/districts/")
    assert {"district", "region", "q"} <= set(_parameters(schema, "/api/v1/municipalities/"))
    token = schema["paths"]["/api/v1/auth/token/"]["post"]
    token_ref = token["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert schema["components"]["schemas"][token_ref.rsplit("/", 1)[1]]["properties"] == {
        "token": {"type": "string"},
        "expires": {"type": "string", "format": "date-time"},
    }


@pytest.mark.django_db
def test_docs_page_loads_its_assets_locally(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assets = [s for s in sources if s.endswith((".js", ".css"))]
    assert any("swagger-ui-bundle.js" in s for s in assets)
    assert all(s.startswith("/static/") for s in assets), assets
    assert "cdn" not in html.lower()
    for asset in assets:
        assert finders.find(asset.removeprefix("/static/")), asset


@pytest.mark.django_db
def test_schema_endpoint_serves_the_document(client):
    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    assert "/api/v1/projects/" in response.json()["paths"]
