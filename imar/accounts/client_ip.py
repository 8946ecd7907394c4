"""The client's address, the one place that decides it (login lockout, API throttles, logs).

X-Forwarded-For is written by the client as much as by proxies, so it is read only when the
operator declares the proxies in front of the platform, and then from the right: each proxy
appends the address it saw, so the right-most entries are the proxies' own word and the
left-most are whatever the client chose to send.

- Neither setting (the default): REMOTE_ADDR, the header is ignored.
- IMAR_PROXY_COUNT = N: the N-th entry from the right (N proxies each appended one), as
  Django REST framework's NUM_PROXIES reads it, which settings set to the same N.
- IMAR_TRUSTED_PROXIES = addresses or networks: only when REMOTE_ADDR is one of them, the
  right-most entry that is not a trusted proxy.

The answer is always a valid IP address (REMOTE_ADDR when nothing better is certain).
"""

import ipaddress
from collections.abc import Iterable

from django.conf import settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def _address(text: str) -> str | None:
    """A normalised IP address, or None for anything else (ports and brackets are dropped)."""
    text = text.strip().strip('"')
    if text.startswith("[") and "]" in text:  # [2001:db8::1]:443
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # 203.0.113.7:5123
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return str(address)


def _networks(entries: Iterable[str]) -> list[Network]:
    return [ipaddress.ip_network(entry.strip(), strict=False) for entry in entries if entry.strip()]


def _trusted(address: str, networks: list[Network]) -> bool:
    ip = ipaddress.ip_address(address)
    return any(ip.version == net.version and ip in net for net in networks)


def client_ip_from(
    remote_addr: str | None,
    forwarded_for: str | None,
    *,
    proxy_count: int = 0,
    trusted_proxies: Iterable[str] = (),
) -> str:
    """Pure rule: the client address from REMOTE_ADDR and X-Forwarded-For (see module doc)."""
    remote = _address(remote_addr or "") or "0.0.0.0"
    networks = _networks(trusted_proxies)
    hops = [hop for hop in (forwarded_for or "").split(",") if hop.strip()]
    if networks:
        if not _trusted(remote, networks):
            return remote
        nearest = remote
        for hop in reversed(hops):
            address = _address(hop)
            if address is None:
                return nearest  # a garbled entry: the last hop we can vouch for
            if not _trusted(address, networks):
                return address
            nearest = address
        return nearest
    if proxy_count <= 0 or not hops:
        return remote
    candidate = hops[-min(proxy_count, len(hops))]
    return _address(candidate) or remote


def client_ip(request) -> str:
    """The client address of a Django (or DRF) request, under the operator's proxy settings."""
    meta = request.META
    return client_ip_from(
        meta.get("REMOTE_ADDR"),
        meta.get("HTTP_X_FORWARDED_FOR"),
        proxy_count=settings.IMAR_PROXY_COUNT,
        trusted_proxies=settings.IMAR_TRUSTED_PROXIES,
    )
