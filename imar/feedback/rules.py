"""Pure rules of citizens' cases: plain values in and out, no database.

- the workflow: received → under review → answered → resolved, or rejected with a reason;
- the time a case is due (SLA days per category) and its escalation level once overdue;
- the duplicate fingerprint of a text (the same words, whatever the spacing, case, Arabic
  diacritics or punctuation);
- the tracking code a reporter keeps (only its hash is stored) and the signed form token
  that, with a honeypot field, turns away robots without any third-party service.
"""

import datetime as dt
import hashlib
import hmac
import re
import secrets
import time
import unicodedata

RECEIVED, UNDER_REVIEW, ANSWERED, RESOLVED, REJECTED = (
    "received", "under_review", "answered", "resolved", "rejected",
)  # fmt: skip

# from → the statuses a case may move to. Resolved and rejected are final.
TRANSITIONS: dict[str, frozenset[str]] = {
    RECEIVED: frozenset({UNDER_REVIEW, REJECTED}),
    UNDER_REVIEW: frozenset({ANSWERED, REJECTED}),
    ANSWERED: frozenset({RESOLVED, UNDER_REVIEW}),  # back to review when the answer fell short
    RESOLVED: frozenset(),
    REJECTED: frozenset(),
}


def transition_problems(
    current: str, target: str, *, reason: str = "", answer_ar: str = "", answer_en: str = ""
) -> list[str]:
    """Codes of what forbids the move (empty: allowed).

    "not_allowed": the workflow has no such step; "reason_required": a rejection, or a
    return to review, without a reason; "answer_required": answered without a public answer
    in both languages."""
    if target not in TRANSITIONS.get(current, frozenset()):
        return ["not_allowed"]
    problems = []
    reopening = target == UNDER_REVIEW and current == ANSWERED
    if (target == REJECTED or reopening) and not reason.strip():
        problems.append("reason_required")
    if target == ANSWERED and not (answer_ar.strip() and answer_en.strip()):
        problems.append("answer_required")
    return problems


def due_at(received_at: dt.datetime, sla_days: int) -> dt.datetime:
    return received_at + dt.timedelta(days=sla_days)


def escalation_level(due: dt.datetime, now: dt.datetime, sla_days: int) -> int:
    """0 while on time; 1 once past due, then one more per further SLA period overdue."""
    if now <= due:
        return 0
    period = dt.timedelta(days=max(sla_days, 1))
    return 1 + int((now - due) / period)


# Arabic diacritics (harakat, tanwin, shadda, sukun, dagger alif) and tatweel.
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)
_ALEF = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه"})


def normalised_words(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").casefold()
    text = _MARKS.sub("", text).translate(_ALEF)
    return " ".join(_NOT_WORD.sub(" ", text).split())


def fingerprint(text: str, project_key: str) -> str:
    """Equal for the same words on the same project (a resubmission, a copy-paste flood)."""
    words = normalised_words(text)
    return hashlib.sha256(f"{project_key}\n{words}".encode()).hexdigest()


# Tracking codes: 10 characters from an alphabet without look-alikes (no 0/O, 1/I/L), shown
# in groups; 31^10 ≈ 8 × 10^14, so guessing one is hopeless under the rate limits.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10


def new_tracking_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def canonical_code(code: str) -> str:
    """The code as typed (any case, spaces, dashes, O for 0) in its stored form, or ""."""
    raw = "".join(ch for ch in (code or "").upper() if ch.isalnum())
    raw = raw.replace("O", "0").replace("I", "1").replace("L", "1")
    if len(raw) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in raw):
        return ""
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def code_hash(code: str, secret: str) -> str:
    return hmac.new(secret.encode(), canonical_code(code).encode(), hashlib.sha256).hexdigest()


# The form token: when the form was served, signed. A post without it, with a bad signature,
# sooner than `min_seconds` (no person types a case that fast) or older than `max_seconds`
# is refused; so is one whose honeypot field (hidden from people) holds anything.


def form_token(secret: str, now: float | None = None) -> str:
    issued = str(int(time.time() if now is None else now))
    sig = hmac.new(secret.encode(), issued.encode(), hashlib.sha256).hexdigest()[:32]
    return f"{issued}.{sig}"


def token_problem(
    token: str, secret: str, *, min_seconds: int, max_seconds: int, now: float | None = None
) -> str | None:
    """None when the token is good; else "missing", "forged", "too_fast" or "expired"."""
    if not token or "." not in token:
        return "missing"
    issued, sig = token.split(".", 1)
    if not issued.isdigit():
        return "forged"
    expected = hmac.new(secret.encode(), issued.encode(), hashlib.sha256).hexdigest()[:32]
    if not hmac.compare_digest(sig, expected):
        return "forged"
    age = (time.time() if now is None else now) - int(issued)
    if age < min_seconds:
        return "too_fast"
    if age > max_seconds:
        return "expired"
    return None


def median_hours(durations: list[float]) -> float | None:
    """The median of durations in hours (None for none)."""
    if not durations:
        return None
    ordered = sorted(durations)
    mid = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[mid]
    return (ordered[mid - 1] + ordered[mid]) / 2
