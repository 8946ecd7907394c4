"""Drift: rows whose current values are not what the audit trail last recorded for them.

Every write through the application records the new values of the fields below. Replaying
an object's events gives what the trail says the row holds; a difference means the row
was changed without the application (raw SQL, a database console, a restored table).

One pass per model over its events in the (object_type, object_id, sequence) index, and
one query per 2,000 objects for their rows: memory stays bounded at 100,000 projects.

Limits, honestly: a field is known only once an event has recorded it (a value left empty
at creation, or a row loaded in bulk by the demo or an import that predates the trail, is
not covered; such rows are counted, not judged, except privileged accounts, which must be
in the trail); someone who can also forge events (holding the audit key) can hide drift
behind a matching event, which then shows in the trail itself and, if older than a
published checkpoint, fails that checkpoint.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from itertools import groupby
from operator import itemgetter

from django.apps import apps
from django.db.models import Q
from django.utils.translation import gettext as _

from imar.accounts.audit import _plain, object_types
from imar.accounts.models import AuditEvent

BATCH = 2000
LISTED = 50  # problems listed per model; the rest are counted


@dataclass(frozen=True)
class Tracked:
    """A model whose rows the trail vouches for: recorded field → ORM path(s) of its value."""

    label: str
    fields: dict[str, tuple[str, ...]]
    # Rows that must appear in the trail (privileged accounts); None: rows outside it are
    # only counted.
    must_be_recorded: Q | None = None


def _same_names(*names: str) -> dict[str, tuple[str, ...]]:
    return {name: (name,) for name in names}


TRACKED = [
    Tracked(
        "portfolio.project",
        _same_names(
            "code",
            "title_ar",
            "title_en",
            "description_ar",
            "description_en",
            "program",
            "sector",
            "project_type",
            "municipality",
            "latitude",
            "longitude",
            "location_sensitive",
            "planned_start",
            "planned_end",
            "budget",
            "currency",
            "beneficiaries",
            "is_public",
            "status",
        ),  # fmt: skip
    ),
    Tracked(
        "monitoring.transaction",
        {
            "project_id": ("project",),
            "kind": ("kind",),
            "amount": ("amount", "currency"),  # recorded as "200.50 EUR"
            "amount_lyd": ("amount_lyd",),
        },
    ),
    Tracked("portfolio.exchangerate", _same_names("rate_to_lyd")),
    Tracked(
        "portfolio.projectdocument",
        _same_names("title_ar", "title_en", "category", "is_public", "document_date"),
    ),
    Tracked(
        "partners.agreement",
        _same_names(
            "kind",
            "reference",
            "title_ar",
            "title_en",
            "signed_on",
            "signed_place",
            "effective_from",
            "ends_on",
            "value",
            "currency",
            "status",
            "is_public",
            "engagement",
        ),  # fmt: skip
    ),
    Tracked(
        "accounts.profile",
        _same_names("role", "organization"),
        must_be_recorded=~Q(role="partner"),
    ),
    Tracked(
        "auth.user",
        _same_names("is_superuser", "is_staff", "is_active"),
        must_be_recorded=Q(is_superuser=True) | Q(is_staff=True),
    ),
]

_DELETED = object()


@dataclass
class ModelDrift:
    label: str
    checked: int = 0  # objects the trail vouches for
    unrecorded: int = 0  # rows the trail has never seen
    problems: list[tuple[str, str]] = field(default_factory=list)  # (object id, message)
    more: int = 0  # problems found beyond those listed

    def add(self, object_id: str, message: str) -> None:
        if len(self.problems) < LISTED:
            self.problems.append((object_id, message))
        else:
            self.more += 1


def _comparable(value) -> tuple:
    """A value as recorded or as stored, made comparable: numbers as numbers, None as ''."""
    value = _plain(value)
    if value is None or value == "":
        return ()
    tokens = []
    for token in str(value).split(" "):
        try:
            number = Decimal(token)
        except InvalidOperation:
            number = None
        tokens.append(number if number is not None and number.is_finite() else token)
    return tuple(tokens)


def _create_like(action: str) -> bool:
    return action == "create" or action.endswith((".create", ".baseline"))


def _replay(events) -> dict | object:
    """The recorded state of one object from its events (oldest first)."""
    state: dict = {}
    for _object_id, action, changes in events:
        if action == "delete" or action.endswith(".delete"):
            state = _DELETED
            continue
        if state is _DELETED or _create_like(action):
            state = {}
        for name, pair in (changes or {}).items():
            if isinstance(pair, list) and len(pair) == 2:
                state[name] = pair[1]
    return state


def _states(tracked: Tracked) -> Iterator[tuple[str, dict | object]]:
    events = (
        AuditEvent.objects.filter(object_type__in=object_types(apps.get_model(tracked.label)))
        .order_by("object_id", "sequence")
        .values_list("object_id", "action", "changes")
        .iterator(chunk_size=BATCH)
    )
    for object_id, group in groupby(events, key=itemgetter(0)):
        yield object_id, _replay(group)


def _compare(model, tracked: Tracked, batch: dict, report: ModelDrift) -> None:
    paths = sorted({path for paths in tracked.fields.values() for path in paths})
    to_pk = model._meta.pk.to_python
    keys = {}
    for object_id in batch:
        try:
            keys[to_pk(object_id)] = object_id
        except Exception:  # an id that cannot be this model's: its row cannot exist
            keys[object_id] = object_id
    rows = {
        row[0]: dict(zip(paths, row[1:], strict=True))
        for row in model._default_manager.filter(pk__in=list(keys)).values_list("pk", *paths)
    }
    for pk, object_id in keys.items():
        state, row = batch[object_id], rows.get(pk)
        if state is _DELETED:
            if row is not None:
                report.add(object_id, _("exists, although the trail records its deletion"))
            continue
        report.checked += 1
        if row is None:
            report.add(object_id, _("is gone, although the trail never recorded its deletion"))
            continue
        for name, recorded in state.items():
            if name not in tracked.fields:
                continue
            parts = [row[path] for path in tracked.fields[name]]
            if _comparable(recorded) != sum((_comparable(part) for part in parts), ()):
                current = " ".join(str(_plain(part)) for part in parts if part is not None)
                report.add(
                    object_id,
                    _("%(field)s is “%(current)s” but the trail last recorded “%(recorded)s”")
                    % {"field": name, "current": current, "recorded": recorded},
                )


def check_model(tracked: Tracked) -> ModelDrift:
    model = apps.get_model(tracked.label)
    report = ModelDrift(tracked.label)
    seen: set[str] = set()
    batch: dict = {}
    for object_id, state in _states(tracked):
        seen.add(object_id)
        batch[object_id] = state
        if len(batch) >= BATCH:
            _compare(model, tracked, batch, report)
            batch = {}
    if batch:
        _compare(model, tracked, batch, report)
    rows = model._default_manager.values_list("pk", flat=True).order_by()
    report.unrecorded = sum(1 for pk in rows.iterator(chunk_size=BATCH) if str(pk) not in seen)
    if tracked.must_be_recorded is not None:
        unrecorded = model._default_manager.filter(tracked.must_be_recorded).order_by("pk")
        for pk in unrecorded.values_list("pk", flat=True).iterator(chunk_size=BATCH):
            if str(pk) not in seen:
                report.add(str(pk), _("holds privileges the trail never recorded being granted"))
    return report


def check_drift() -> list[ModelDrift]:
    return [check_model(tracked) for tracked in TRACKED]
