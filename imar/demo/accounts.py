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
# (first name, last name) as written in Arabic, and the Latin spelling of the full name.
_NAMES = {
    "admin": (("مدير", "النظام"), "System Administrator"),
    "director": (("سالم", "العبيدي"), "Salem Al-Obeidi"),
    "officer": (("هدى", "بن علي"), "Huda Ben Ali"),
    "finance": (("خالد", "المنصوري"), "Khaled Al-Mansouri"),
    "engineer": (("عمر", "الدرناوي"), "Omar Al-Darnawi"),
    "auditor": (("فاطمة", "الزاوي"), "Fatima Al-Zawi"),
}


def load(*, rng, options, log):
    User = get_user_model()
    for username, role, _description in DEMO_USERS:
        (first, last), latin = _NAMES[username]
        user, _ = User.objects.get_or_create(
            username=username, defaults={"email": f"{username}@imar.demo"}
        )
        user.first_name, user.last_name = first, last
        user.set_password(DEMO_PASSWORD)
        user.is_superuser = user.is_staff = role == "administrator"
        user.save()
        if role == "administrator":
            continue
        # The director and the planning officer share a role; the director starts on the
        # dashboard, the officer on the scenarios (the role's usual start page).
        start_page = StartPage.DASHBOARD if username == "director" else ""
        profile, _ = Profile.objects.update_or_create(
            user=user, defaults={"role": role, "start_page": start_page, "name_latin": latin}
        )
        if role == Role.REGIONAL_ENGINEER:
            profile.districts.set(District.objects.filter(iso_code="LY-DR"))
    log(f"  {len(DEMO_USERS)} demo users")
