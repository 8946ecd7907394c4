"""The map's cluster feed (portal:map_clusters): clusters by zoom and box, points at their
public point (location-sensitive ones at their municipality's), private projects never,
bad input refused naming the field, and a public change seen at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from imar.geo.models import Municipality

pytestmark = pytest.mark.django_db
LIBYA = "9.3,19.5,25.2,33.2"


def _clusters(client, **params):
    response = client.get(reverse("portal:map_clusters"), params)
    assert response.status_code == 200, response.content
    return response.json()


def _codes(body):
    return {p[0] for p in body["points"]}


def test_whole_country_then_points_as_one_zooms_in(client, world):
    body = _clusters(client, zoom=5, bbox=LIBYA)
    assert body["total"] == 2  # the private project is not there
    assert sum(c[2] for c in body["clusters"]) + len(body["points"]) == 2
    deep = _clusters(client, zoom=16, bbox="22.6,32.72,22.7,32.8")  # around DRN-001
    assert _codes(deep) == {"DRN-001"} and deep["clusters"] == []
    assert deep["points"][0][1:3] == [32.76, 22.64]
    with CaptureQueriesContext(connection) as context:  # the index is kept for this version
        _clusters(client, zoom=6, bbox=LIBYA)
    assert [q["sql"] for q in context.captured_queries if "SAVEPOINT" not in q["sql"]] == []
    assert "SENTINEL" not in str(_clusters(client, zoom=18, bbox="9.3,19.5,9.31,19.51"))


def test_filters(client, world):
    roads = _clusters(client, zoom=12, bbox="13.0,32.7,13.4,33.0", sector="roads_bridges")
    assert roads["total"] == 1
    assert _clusters(client, zoom=5, bbox=LIBYA, sector="housing")["total"] == 1


def test_location_sensitive_points_are_at_their_municipality(client, world, settings):
    settings.IMAR_LOCATION_SENSITIVE_DISTRICTS = ["LY-DR"]
    town = Municipality.objects.get(pk=world["housing"].municipality_id)
    body = _clusters(client, zoom=18, bbox=f"{town.longitude - 0.01},{town.latitude - 0.01},"
                     f"{town.longitude + 0.01},{town.latitude + 0.01}")  # fmt: skip
    (point,) = [p for p in body["points"] if p[0] == "DRN-001"]
    assert point[1:3] == [round(town.latitude, 5), round(town.longitude, 5)]
    assert [32.76, 22.64] not in [p[1:3] for p in body["points"]]


def test_a_project_made_private_leaves_the_map_at_once(
    client, world, django_capture_on_commit_callbacks
):
    assert _clusters(client, zoom=5, bbox=LIBYA)["total"] == 2
    with django_capture_on_commit_callbacks(execute=True):
        world["housing"].is_public = False
        world["housing"].save()
    body = _clusters(client, zoom=16, bbox="22.6,32.72,22.7,32.8")
    assert body["total"] == 1 and body["points"] == []


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"zoom": "x", "bbox": LIBYA}, "zoom"),
        ({"zoom": "19", "bbox": LIBYA}, "zoom"),
        ({"zoom": "5", "bbox": "1,2,3"}, "bbox"),
        ({"zoom": "5", "bbox": "25,19,9,33"}, "bbox"),  # west after east
        ({"zoom": "5", "bbox": "nan,19,9,33"}, "bbox"),
        ({"zoom": "16", "bbox": LIBYA}, "bbox"),  # the whole country at street level
        ({"zoom": "5", "bbox": LIBYA, "sector": "<script>"}, "sector"),
    ],
)
def test_bad_input_is_refused_naming_the_field(client, world, params, field):
    response = client.get(reverse("portal:map_clusters"), params, HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 400
    assert field in response.json()["errors"]
