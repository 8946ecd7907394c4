import json

import pytest
from django.core.cache import cache

from tests.opendata.conftest import assert_no_sentinel


def test_public_projects_api_lists_public_projects_only(client, world):
    data = client.get("/api/v1/public/projects/").json()
    assert [p["code"] for p in data["results"]] == ["DRN-001", "TRP-002"]
    assert_no_sentinel(json.dumps(data, ensure_ascii=False))


def test_private_project_is_404_even_for_staff(client, world, officer):
    client.force_login(officer)
    assert client.get("/api/v1/public/projects/SENT-PRIV/").status_code == 404
    assert client.get("/api/v1/public/projects/DRN-001/").status_code == 200


def test_public_api_uses_the_portal_filters(client, world):
    data = client.get("/api/v1/public/projects/", {"organization_country": "TR"}).json()
    assert [p["code"] for p in data["results"]] == ["DRN-001"]


def test_every_public_endpoint_is_free_of_private_data(client, world):
    for path in ["projects", "programs", "organizations", "agreements", "transactions", "reports"]:
        response = client.get(f"/api/v1/public/{path}/")
        assert response.status_code == 200, path
        assert_no_sentinel(response.content.decode())


def test_public_agreements_hide_confidential_ones(client, world):
    data = client.get("/api/v1/public/agreements/").json()
    assert [a["reference"] for a in data["results"]] == ["AGR-PUB-1"]
    assert data["results"][0]["projects"] == ["DRN-001"]


def test_public_api_refuses_writes(client, world, officer):
    client.force_login(officer)
    response = client.post("/api/v1/public/projects/", {"code": "X"})
    assert response.status_code == 405


def test_project_list_query_count_is_flat(
    client, world, make_project, django_assert_max_num_queries
):
    for _ in range(20):
        make_project()
    with django_assert_max_num_queries(6):
        assert client.get("/api/v1/public/projects/").status_code == 200


def test_anonymous_requests_are_rate_limited(client, world, settings):
    from rest_framework.settings import api_settings
    from rest_framework.throttling import AnonRateThrottle

    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "anon": "2/minute"}
    old = AnonRateThrottle.THROTTLE_RATES
    AnonRateThrottle.THROTTLE_RATES = rates
    cache.clear()
    try:
        codes = [client.get("/api/v1/public/programs/").status_code for _ in range(3)]
    finally:
        AnonRateThrottle.THROTTLE_RATES = old
    assert codes == [200, 200, 429]


@pytest.mark.parametrize(
    "path", ["projects", "programs", "organizations", "agreements", "transactions", "reports"]
)
def test_public_endpoints_are_documented_in_openapi(client, db, path):
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    assert f"/api/v1/public/{path}/" in schema["paths"]


def test_public_reports_are_verified_ones_only(client, world):
    data = client.get("/api/v1/public/reports/").json()
    assert [(r["project"], r["physical_percent"]) for r in data["results"]] == [
        ("DRN-001", "20.00")
    ]


def test_public_transactions_filter_by_project(client, world):
    data = client.get("/api/v1/public/transactions/", {"project": "DRN-001"}).json()
    assert [t["kind"] for t in data["results"]] == ["commitment", "disbursement"]
    assert client.get("/api/v1/public/transactions/", {"project": "SENT-PRIV"}).json()["count"] == 0
