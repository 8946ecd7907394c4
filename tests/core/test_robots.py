import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_robots_txt_keeps_crawlers_out_of_staff_areas_in_every_language(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /portfolio/" in lines and "Disallow: /*/portfolio/" in lines
    # the public portal stays open to crawlers
    assert not any(line in ("Disallow: /", "Disallow: /public/") for line in lines)
    assert reverse("robots_txt") == "/robots.txt"


def test_robots_txt_refuses_writes(client):
    assert client.post("/robots.txt").status_code == 405
