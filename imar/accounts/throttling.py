"""DRF throttles keyed on the one client-address rule (imar.accounts.client_ip).

Stock DRF throttles read X-Forwarded-For through NUM_PROXIES, which settings set to
IMAR_PROXY_COUNT; these classes also honour IMAR_TRUSTED_PROXIES, so use them for new routes.
"""

from rest_framework import throttling

from imar.accounts.client_ip import client_ip


class ClientIpMixin:
    def get_ident(self, request) -> str:
        return client_ip(request)


class AnonRateThrottle(ClientIpMixin, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(ClientIpMixin, throttling.UserRateThrottle):
    pass


class ScopedRateThrottle(ClientIpMixin, throttling.ScopedRateThrottle):
    pass
