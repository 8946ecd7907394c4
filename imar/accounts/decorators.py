"""View decorators built on the one permissions module."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from imar.accounts import permissions


def user_passes(check):
    """Logged in (else to the login page) and passing `check(user)` (else 403)."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


# Any staff role (auditors included); pages that write check the finer rule themselves.
staff_required = user_passes(permissions.is_staff_member)
