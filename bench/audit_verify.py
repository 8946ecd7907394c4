"""Benchmark: `imar audit verify` (every seal, the head, the drift of audited rows) at scale.

    .venv/bin/python -m bench.audit_verify [--projects 100000] [--seed 2023]

Uses a copy of the scratch demo database of bench/common.py (built once, in a child
process), then gives every project the trail it would have had through the application:
a create event with the audited fields, an update for one project in three, a status
transition for one in five (sealed and chained exactly as `record_event` does, inserted
in bulk with the guard lifted: a generator, not the application). Then, in one process:

- the chain check (`verify_chain`: every HMAC, the head, the triggers), against a baseline
  that reads the same events and hashes each with plain SHA-256 (no key, no checks);
- the drift check (`check_drift`: replay every object's events, compare with its row),
  against a baseline that reads the same events and the same project columns, no replay;
- the process's peak resident memory after each (ru_maxrss).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import shutil
import subprocess
import sys
import time

from bench.common import SCRATCH_ROOT

PROJECT_FIELDS = [
    "code", "title_ar", "title_en", "description_ar", "description_en", "program", "sector",
    "project_type", "municipality", "latitude", "longitude", "planned_start", "planned_end",
    "budget", "currency", "beneficiaries", "is_public", "status",
]  # fmt: skip


def _prepare(projects: int, seed: int) -> str:
    source = SCRATCH_ROOT / f"projects-{projects}-seed-{seed}"
    if not (source / "ready").exists():
        code = (
            f"from bench.common import scratch_database; scratch_database({projects}, seed={seed})"
        )
        subprocess.run([sys.executable, "-c", code], check=True)
    target = SCRATCH_ROOT / f"audit-{projects}-seed-{seed}"
    if not (target / "imar.sqlite3").exists():
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        shutil.copy(source / "imar.sqlite3", target / "imar.sqlite3")
    return str(target)


def _generate_trail() -> int:
    """The events the application would have recorded; returns how many there are."""
    from django.db import connection, transaction
    from django.utils import timezone

    from imar.accounts import audit, audit_guard
    from imar.accounts.models import AuditChainHead, AuditEvent, Seal
    from imar.portfolio.models import Project

    if AuditEvent.objects.filter(object_type="portfolio.project").exists():
        return AuditEvent.objects.count()
    key = audit.keyring().current
    head = AuditChainHead.objects.get()
    sequence, previous, batch = head.length, head.last_hash, []

    def add(project, action, changes):
        nonlocal sequence, previous
        sequence += 1
        event = AuditEvent(
            sequence=sequence, at=timezone.now(), actor=None, actor_name="officer",
            action=action, object_type="portfolio.project", object_id=str(project.pk),
            object_repr=str(project)[:300], changes=changes, reason="",
            previous_hash=previous, seal=Seal.KEYED, key_id=key.id,
        )  # fmt: skip
        event.hash = key.seal_event(previous, audit.payload(event))
        previous = event.hash
        batch.append(event)

    with transaction.atomic(), audit_guard.lifted(connection):
        for n, project in enumerate(Project.objects.order_by("pk").iterator(chunk_size=2000)):
            state = audit.snapshot(project, PROJECT_FIELDS)
            if n % 5 == 0:
                state["status"] = "identified"
            add(project, "create", audit.diff_fields({}, state))
            if n % 3 == 0:
                add(project, "update", {"title_en": ["(draft)", project.title_en]})
            if n % 5 == 0:
                add(project, "transition", {"status": ["identified", project.status]})
            if len(batch) >= 5000:
                AuditEvent.objects.bulk_create(batch)
                batch = []
        AuditEvent.objects.bulk_create(batch)
        head.length, head.last_hash = sequence, previous
        audit._sign_head(head, key)
        AuditChainHead.objects.filter(pk=head.pk).update(
            length=head.length, last_hash=head.last_hash, signature=head.signature,
            key_id=head.key_id,
        )  # fmt: skip
    return sequence


def _timed(call):
    wall, cpu = time.perf_counter(), time.process_time()
    result = call()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2023)
    options = parser.parse_args()
    os.environ["IMAR_DATA_DIR"] = _prepare(options.projects, options.seed)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "imar.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)  # the scratch copy may predate the audit's migrations
    from imar.accounts.audit import verify_chain
    from imar.accounts.audit_drift import check_drift
    from imar.accounts.models import AuditEvent
    from imar.portfolio.models import Project

    started = time.perf_counter()
    events = _generate_trail()
    print(f"{events:,} events for {options.projects:,} projects "
          f"(trail ready in {time.perf_counter() - started:.1f} s)")  # fmt: skip

    def baseline_hashing():
        rows = AuditEvent.objects.order_by("sequence").values_list("previous_hash", "changes")
        for previous, changes in rows.iterator(chunk_size=2000):
            hashlib.sha256((previous + str(changes)).encode()).hexdigest()

    def baseline_reading():
        events = AuditEvent.objects.filter(object_type="portfolio.project").order_by(
            "object_id", "sequence"
        )
        for _row in events.values_list("object_id", "action", "changes").iterator(2000):
            pass
        for _row in Project.objects.values_list("pk", *PROJECT_FIELDS).iterator(2000):
            pass

    rows = []
    for name, call in [
        ("baseline: read events, plain SHA-256", baseline_hashing),
        ("verify_chain (HMAC, head, triggers)", verify_chain),
        ("baseline: read events and project rows", baseline_reading),
        ("check_drift (replay and compare)", check_drift),
    ]:
        wall, cpu, result = _timed(call)
        if name.startswith("verify_chain"):
            assert result == [], result[:5]
        if name.startswith("check_drift"):
            assert all(not r.problems for r in result), [r.problems[:3] for r in result]
        rows.append((name, wall, cpu, _peak_mib()))
    print("| step | wall s | CPU s | × baseline (CPU) | peak RSS MiB |")
    print("|---|---:|---:|---:|---:|")
    for i, (name, wall, cpu, peak) in enumerate(rows):
        ratio = "1" if i % 2 == 0 else f"{cpu / rows[i - 1][2]:.1f}"
        print(f"| {name} | {wall:.1f} | {cpu:.1f} | {ratio} | {peak:.0f} |")


if __name__ == "__main__":
    main()
