"""Demo users, one per role (the regional engineer works in Derna)."""

from django.contrib.auth import get_user_model

from imar.accounts.models import Profile, Role, StartPage
from imar.geo.models import District

DEMO_PASSWORD = "imar-demo-2026"
DEMO_USERS = [
    ("admin", "administrator", "everything, and the Django admin"),
    ("director", "fund_officer", "the fund's director: all projects, dashboards, approvals"),
    ("officer", "fund_officer", "planning officer"),
    ("finance", "finance", "finance officer: records money, moves no lifecycle"),
    ("engineer", "regional_engineer", "regional engineer, Derna district only"),
    ("auditor", "auditor", "reads everything, changes nothing"),
]
# Made by the forum's demo step: a US company's delegate at the Libyan–American Forum.
FORUM_DEMO_USERS = [("delegate", "partner", "a forum delegate: their own space only")]
_NAMES = {
    "admin": ("Imar", "Administrator"),
    "director": ("Salem", "Al-Obeidi"),
    "officer": ("Huda", "Ben Ali"),
    "finance": ("Khaled", "Al-Mansouri"),
    "engineer": ("Omar", "Al-Darnawi"),
    "auditor": ("Fatima", "Al-Zawi"),
}


def load(*, rng, options, log):
    User = get_user_model()
    for username, role, _description in DEMO_USERS:
        first, last = _NAMES[username]
        user, _ = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@imar.demo"},
        )
        user.set_password(DEMO_PASSWORD)
        user.is_superuser = user.is_staff = role == "administrator"
        user.save()
        if role == "administrator":
            continue
        # The director and the planning officer share a role; the director starts on the
        # dashboard, the officer on the scenarios (the role's usual start page).
        start_page = StartPage.DASHBOARD if username == "director" else ""
        profile, _ = Profile.objects.update_or_create(
            user=user, defaults={"role": role, "start_page": start_page}
        )
        if role == Role.REGIONAL_ENGINEER:
            profile.districts.set(District.objects.filter(iso_code="LY-DR"))
    log(f"  {len(DEMO_USERS)} demo users")
