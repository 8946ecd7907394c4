"""The Content Security Policy every page is served with (django-csp reads it from settings).

No inline script, no inline style, no eval: every script and style sheet is a file under
/static/, and data reach scripts through json_script blocks (type="application/json", which the
browser never executes) or data-* attributes. Pure: settings call it with plain values.
"""

from urllib.parse import urlsplit

SELF = "'self'"
NONE = "'none'"


def tile_source(tile_url: str) -> str | None:
    """The CSP source of a Leaflet tile URL template, or None when it is same-origin.

    "https://{s}.tiles.lan:8080/{z}/{x}/{y}.png" gives "https://*.tiles.lan:8080": Leaflet's
    {s} placeholder stands for a subdomain.
    """
    if not tile_url:
        return None
    parts = urlsplit(tile_url)
    if not parts.netloc:
        return None  # a path on this server: 'self' covers it
    if parts.scheme not in {"", "http", "https"}:
        raise ValueError(f"IMAR_MAP_TILE_URL must be an http or https address, not {tile_url!r}")
    netloc = parts.netloc.rsplit("@", 1)[-1]
    host, colon, port = (netloc, "", "") if netloc.startswith("[") else netloc.partition(":")
    labels = ["*" if "{" in label else label for label in host.split(".")]
    if "{" in port or "*" in labels[1:]:
        raise ValueError(
            f"IMAR_MAP_TILE_URL may have a placeholder only in its first host label: {tile_url!r}"
        )
    scheme = f"{parts.scheme}://" if parts.scheme else ""  # "//host/…" follows the page's
    return f"{scheme}{'.'.join(labels)}{colon}{port}"


def media_origin(storage: str, s3: dict) -> str | None:
    """Where public media are loaded from when they are not on this server (S3), as a CSP
    source: the public domain, else the endpoint, else AWS's address of the bucket."""
    if storage != "s3":
        return None
    if s3.get("public_domain"):
        return f"https://{s3['public_domain'].strip('/')}"
    if s3.get("endpoint_url"):
        parts = urlsplit(s3["endpoint_url"])
        return f"{parts.scheme}://{parts.netloc}"
    return f"https://{s3['bucket']}.s3.amazonaws.com"


def content_security_policy(*, tile_url: str = "", media_url: str | None = None) -> dict:
    """The directives of the site-wide policy."""
    images = [SELF, "data:"]
    tiles = tile_source(tile_url)
    if tiles:
        images.append(tiles)
    if media_url:
        images.append(media_url)
    return {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": images,
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
