import pytest


@pytest.fixture(autouse=True)
def _english_pages(client):
    """Pages answer in English unless a test asks for Arabic (the site's default)."""
    client.cookies["imar_language"] = "en"
