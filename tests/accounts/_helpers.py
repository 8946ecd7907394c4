from rest_framework.test import APIClient


def english_api() -> APIClient:
    """An API client that asks for English answers (the API answers Arabic by default)."""
    api = APIClient()
    api.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return api
