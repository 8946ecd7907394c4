"""Where the open data says a public document can be downloaded.

`IMAR_SITE_URL` (e.g. "https://imar.example.ly"), when set, makes the links absolute, as
IATI and OC4IDS consumers expect; without it they are site paths.
"""

from django.conf import settings
from django.urls import reverse


def document_url(project_code: str, document_pk: int) -> str:
    path = reverse("portal:document_download", args=[project_code, document_pk])
    return settings.IMAR_SITE_URL.rstrip("/") + path
