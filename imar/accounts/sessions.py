"""Session lifetimes and the two-factor state a session carries (read by the middleware)."""

from imar.accounts import two_factor

SIGNED_IN_AT = "imar_signed_in_at"
LAST_ACTIVITY = "imar_last_activity"
SIGNED_OUT_REASON = "imar_signed_out_reason"
TWO_FACTOR_STATE = "imar_2fa"  # "enrolled" or "none": saves two queries on every request
# Write the activity clock at most this often, not on every request.
ACTIVITY_RESOLUTION_SECONDS = 60


def remember_two_factor_state(request, user) -> str:
    state = "enrolled" if two_factor.is_enrolled(user) else "none"
    request.session[TWO_FACTOR_STATE] = state
    return state


def two_factor_state(request) -> str:
    state = request.session.get(TWO_FACTOR_STATE)
    if state is None:
        state = remember_two_factor_state(request, request.user)
    return state
