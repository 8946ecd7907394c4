"""Where the open data says a public page or document can be found.

Open data carries absolute links (IATI and OC4IDS consumers follow them outside the site):
they start with `IMAR_SITE_URL` (e.g. "https://imar.example.ly") when it is set, else with
the address the download was requested at (`site_url`); a command run without either gives
site paths.
"""

from functools import cache

from django.conf import settings
from django.urls import reverse
from django.utils import translation

PLACEHOLDER = "0PLACEHOLDER0"


def site_url(request=None) -> str:
    """The site's public address, without a trailing slash ("" when unknown)."""
    if settings.IMAR_SITE_URL:
        return settings.IMAR_SITE_URL.rstrip("/")
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return ""


@cache
def _path_template(name: str, *args) -> str:
    """The URL pattern's path with placeholders: `reverse` costs more than the rest of an
    exported record's link, and project codes are URL-safe (portfolio's code format).

    Reversed in the site's default language (the unprefixed address), whatever language is
    active at the first call: the cache would otherwise keep an /en/ path for every later
    export, and the same file must come out for every visitor."""
    with translation.override(settings.LANGUAGE_CODE):
        return reverse(name, args=args)


def document_url(project_code: str, document_pk: int, base_url: str | None = None) -> str:
    path = _path_template("portal:document_download", PLACEHOLDER, 1)
    path = path.replace("/1/", f"/{document_pk}/").replace(PLACEHOLDER, project_code)
    return (site_url() if base_url is None else base_url) + path


def project_page_url(project_code: str, base_url: str | None = None) -> str:
    path = _path_template("portal:project_detail", PLACEHOLDER).replace(PLACEHOLDER, project_code)
    return (site_url() if base_url is None else base_url) + path
