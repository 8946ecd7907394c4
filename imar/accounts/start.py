"""Where each person lands after signing in: the start page of their role.

A director opens the dashboard, a planning officer the scenarios, finance the money, an
engineer their districts' projects, an auditor the trail, a forum delegate their own space,
an organizer their event. A profile may name another start page; the login's `next` always
wins. Pages that belong to apps above accounts (the forum) are given by those apps through
`register` in their AppConfig.ready(), so this module imports no domain app.
"""

from collections.abc import Callable

from django.urls import NoReverseMatch, reverse

from imar.accounts.models import Role, StartPage
from imar.accounts.permissions import role_of

ROLE_START = {
    Role.ADMINISTRATOR: StartPage.DASHBOARD,
    Role.FUND_OFFICER: StartPage.PLANNING,
    Role.FINANCE: StartPage.MONEY,
    Role.REGIONAL_ENGINEER: StartPage.DISTRICT_PROJECTS,
    Role.AUDITOR: StartPage.AUDIT,
    Role.PARTNER: StartPage.FORUM_SPACE,
}

_URL_NAMES = {
    StartPage.DASHBOARD: "monitoring:dashboard",
    StartPage.PLANNING: "needs:scenario_list",
    StartPage.MONEY: "monitoring:money",
    StartPage.DISTRICT_PROJECTS: "portfolio:project_list",
    StartPage.AUDIT: "accounts:audit_trail",
}

# start page -> function(user) giving its address, or None when it has nothing for this user
_providers: dict[str, Callable] = {}


def register(start_page: str, provider: Callable) -> None:
    _providers[start_page] = provider


def start_page_of(user) -> str | None:
    role = role_of(user)
    profile = getattr(user, "profile", None)
    chosen = getattr(profile, "start_page", "") if profile is not None else ""
    return chosen or ROLE_START.get(role)


def start_url(user) -> str:
    """The address a signed-in user lands on; the public home when nothing fits."""
    page = start_page_of(user)
    if page in _providers:
        url = _providers[page](user)
        if url:
            return url
    elif page in _URL_NAMES:
        try:
            return reverse(_URL_NAMES[page])
        except NoReverseMatch:
            pass
    return reverse("portal:home")
