"""What every template knows of the reader's role (imar.core's processor gives the rest)."""

from imar.accounts.permissions import is_head_office, is_staff_member, role_of


def roles(request):
    user = getattr(request, "user", None)
    return {
        "user_role": role_of(user),
        "is_staff_member": is_staff_member(user),
        # Head office reads the whole country; regional engineers only their districts.
        "is_head_office": is_head_office(user),
    }
