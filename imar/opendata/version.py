"""The public data version: a stamp that changes whenever data open data reads changes.

Two parts, both cheap (two small queries, whatever the size of the portfolio):

- a counter (`PublicDataVersion`, one row) bumped after the commit of every save, delete
  or many-to-many change of a model in `PUBLIC_APPS` (the apps whose rows the exports read:
  projects and their roles and documents, organizations, monitoring, agreements, the
  gazetteer, procurement). Bumped on commit, once per transaction, outside it: a rolled-back
  write changes nothing, and the row is never locked while a long transaction runs.
  Signals over-invalidate a little (a private note's edit also bumps it), never under.
- the writes that send no signal: the nightly figure refresh upserts `ProjectFigures` in
  bulk (`bulk_create`), so the count and latest `as_of` of that table are part of it;
  bulk imports that skip signals call `bump()` themselves.

Chosen over max(updated_at) of the tables because most tables the exports read have no
such column (roles, transactions, milestones, the gazetteer) and a deletion lowers no
maximum; chosen over hashing the data because that costs what building the file costs.
The settings the files are built from (identifiers, site address, licence) and the code's
version are part of the stamp too: changing them changes every file.
"""

import hashlib
import logging
from importlib import metadata

from django.conf import settings
from django.db import OperationalError, ProgrammingError, connection, transaction
from django.db.models import Count, F, Max
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

log = logging.getLogger(__name__)

PUBLIC_APPS = frozenset(
    {"portfolio", "organizations", "monitoring", "partners", "geo", "procurement"}
)
SETTINGS = (
    "IMAR_FUND_IATI_ID",
    "IMAR_FUND_NAME_AR",
    "IMAR_FUND_NAME_EN",
    "IMAR_SITE_URL",
    "IMAR_OC4IDS_PREFIX",
    "IMAR_OCID_PREFIX",
    "IMAR_OPEN_DATA_LICENCE",
    "IMAR_LOCATION_SENSITIVE_DISTRICTS",
)


def bump() -> None:
    """Count one change of public data (now, outside any transaction's lock)."""
    from imar.opendata.models import PublicDataVersion

    now = timezone.now()
    try:
        updated = PublicDataVersion.objects.filter(pk=1).update(
            number=F("number") + 1, changed_at=now
        )
        if not updated:
            PublicDataVersion.objects.get_or_create(pk=1, defaults={"number": 1, "changed_at": now})
    except (OperationalError, ProgrammingError):
        # No table yet: a data migration of an app below writes before opendata's own
        # migration has run (a fresh database, or one migrated back). Nothing is cached yet.
        log.debug("public data version: no table to count in", exc_info=True)


def changed(sender, **kwargs) -> None:
    """A signal's receiver: bump once when the current transaction commits (once per
    transaction however many rows it writes; nothing when it rolls back)."""
    if kwargs.get("raw") or sender._meta.app_label not in PUBLIC_APPS:
        return
    if not connection.in_atomic_block:
        bump()
        return
    if any(entry[1] is bump for entry in connection.run_on_commit):
        return
    transaction.on_commit(bump)


def connect() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(changed, dispatch_uid=f"opendata-version-{id(signal)}")


def _settings_digest() -> str:
    try:
        code = metadata.version("imar")
    except metadata.PackageNotFoundError:
        code = "0"
    values = [code, *(repr(getattr(settings, name, None)) for name in SETTINGS)]
    return hashlib.sha256("\n".join(values).encode()).hexdigest()[:10]


def current() -> str:
    """The stamp now, as text (e.g. "1523-100000-2026-12-03-1f0c9a2b3d")."""
    from imar.monitoring.models import ProjectFigures
    from imar.opendata.models import PublicDataVersion

    number = PublicDataVersion.objects.filter(pk=1).values_list("number", flat=True).first()
    figures = ProjectFigures.objects.aggregate(n=Count("pk"), day=Max("as_of"))
    day = figures["day"].isoformat() if figures["day"] else "-"
    return f"{number or 0}-{figures['n']}-{day}-{_settings_digest()}"
