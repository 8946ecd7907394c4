"""Published releases are immutable: publishing stores each release of a process once; a
release whose content changed since it was stored is a new revision with a new id
(`<ocid>-<event>-r<n>`), dated now, and the old one stays as it was."""

import hashlib
import json

from django.utils import timezone

from imar.procurement.exports.ocds.releases import build_releases, facts_of


def digest(release: dict) -> str:
    body = {k: v for k, v in release.items() if k not in ("id", "date")}
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()


def publish_process(process) -> int:
    """Store the process's releases that are new or changed; the number stored."""
    from imar.procurement.models import Release

    stored = {}
    for row in Release.objects.filter(process=process).order_by("date", "id"):
        event = row.release_id.removeprefix(f"{process.ocid}-").rsplit("-r", 1)[0]
        stored.setdefault(event, []).append(row)
    added = 0
    for release in build_releases(facts_of(process)):
        event = release["id"].removeprefix(f"{process.ocid}-")
        revisions = stored.get(event, [])
        key = digest(release)
        if revisions and revisions[-1].digest == key:
            continue
        if revisions:
            release = {**release, "id": f"{release['id']}-r{len(revisions) + 1}"}
            release["date"] = timezone.now().strftime("%Y-%m-%dT%H:%M:%SZ")
        Release.objects.create(
            process=process,
            ocid=process.ocid,
            release_id=release["id"],
            date=release["date"].replace("Z", "+00:00"),
            tags=release["tag"],
            data=release,
            digest=key,
        )
        added += 1
    return added
