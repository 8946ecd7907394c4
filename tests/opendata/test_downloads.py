import json

from imar.opendata.validation import iati_errors, oc4ids_errors
from tests.opendata.conftest import assert_no_sentinel


def _content(response) -> bytes:
    return b"".join(response.streaming_content)


def test_every_public_download_streams_without_private_data(client, world):
    for extension in ["xml", "json", "csv", "xlsx", "geojson"]:
        response = client.get(f"/open-data/projects.{extension}")
        assert response.status_code == 200, extension
        assert response.streaming
        assert f".{extension}" in response["Content-Disposition"]
        body = _content(response)
        if extension != "xlsx":
            assert_no_sentinel(body.decode("utf-8-sig"))


def test_download_applies_the_portal_filters(client, world):
    body = _content(client.get("/open-data/projects.json?sector=roads_bridges"))
    package = json.loads(body)
    assert oc4ids_errors(package) == []
    assert [p["id"] for p in package["projects"]] == ["oc4ids-xxtest-TRP-002"]


def test_iati_download_is_valid(client, world):
    body = _content(client.get("/open-data/projects.xml?organization_country=TR"))
    assert iati_errors(body) == []
    assert body.count(b"<iati-activity ") == 1


def test_bad_filter_is_a_400_naming_the_field(client, world):
    response = client.get("/open-data/projects.csv?status=flying")
    assert response.status_code == 400
    assert "status" in response.json()["errors"]


def test_unknown_extension_is_404(client, db):
    assert client.get("/open-data/projects.pdf").status_code == 404


def test_organisation_file_download(client, db):
    body = _content(client.get("/open-data/organisation.xml"))
    assert iati_errors(body, organisation=True) == []
