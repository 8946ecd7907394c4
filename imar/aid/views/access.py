from django.core.exceptions import PermissionDenied

from imar.accounts.permissions import can_manage_partners, is_staff_member


def staff(user) -> None:
    if not is_staff_member(user):
        raise PermissionDenied


def officer(user) -> None:
    """Imports files and decides matches: the officers who record partners' work."""
    if not can_manage_partners(user):
        raise PermissionDenied
