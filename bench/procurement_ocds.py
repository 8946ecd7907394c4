"""Benchmark: the OCDS export of procurement and the red flags, against plain `json`.

    .venv/bin/python -m bench.procurement_ocds [--projects 100000] [--processes 150000] [--seed 2023]

Generates (deterministically, no database) the plain facts that `facts_of(process)` reads
from the rows, for `--processes` processes spread over `--projects` projects, in every
stage (planning to terminated, bids, amendments, payments). Then, in one run, each step with
its wall and CPU time and the process's peak resident memory after it:

1. `build_releases` for every process, written as a release package with `json.dump`;
2. the baseline: the same release dicts (built beforehand) written with plain `json.dump`;
3. records compiled with `ocdsmerge` (what the record package and the flags read);
4. `flags.compute` over those records (all ten flags, repeated winners across the set).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_facts(n: int, projects: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    organizations = {
        pk: {"id": f"IMAR-ORG-{pk}", "name": f"Company {pk}", "country": "Libya", "roles": set()}
        for pk in range(1, 401)
    }
    stages = ["tender", "award", "contract", "contract", "contract"]
    facts = []
    for i in range(n):
        start = datetime(2024, 1, 1, tzinfo=UTC) + timedelta(days=rng.randrange(700))
        days = rng.choice([7, 14, 21, 30, 45])
        stage = rng.choice(stages)
        method = "direct" if rng.random() < 0.08 else "open"
        bidders = rng.sample(range(2, 401), 1 if method == "direct" else rng.randint(1, 5))
        bids = [
            {
                "id": f"ocds-bench-{i}-bid-{k}",
                "tenderer": pk,
                "value": (Decimal(rng.randrange(200_000, 2_000_000)), "LYD"),
                "date": start + timedelta(days=1 + k),
                "status": "disqualified" if rng.random() < 0.1 else "valid",
                "reason": "",
            }
            for k, pk in enumerate(bidders)
        ]
        for bid in bids:
            if bid["status"] != "valid":
                bid["reason"] = "Missing guarantee"
        valid = [b for b in bids if b["status"] == "valid"] or bids[:1]
        winner = min(valid, key=lambda b: b["value"][0])
        award_day = (start + timedelta(days=days + 20)).date()
        item = {
            "ocid": f"ocds-bench-P{i % projects:06d}-{i // projects + 1}",
            "status": {"tender": "evaluation", "award": "awarded"}.get(stage, "contracted"),
            "created": start - timedelta(days=30),
            "project": {"code": f"P{i % projects:06d}", "title": f"Project {i % projects}"},
            "planning": {"budget_line": "", "estimate": (Decimal(1_500_000), "LYD"), "year": 2024},
            "tender": {
                "title_en": f"Works {i}",
                "title_ar": "",
                "description_en": "",
                "description_ar": "",
                "eligibility_en": "",
                "method": method,
                "justification": "Emergency" if method == "direct" else "",
                "entity": 1 + i % 40,
                "enquiry": (None, None),
                "period": (start, start + timedelta(days=days)),
                "cancel_reason": "",
            },  # fmt: skip
            "bids": bids,
            "documents": [],
            "award": None,
            "contract": None,
            "organizations": organizations,
            "updated": start + timedelta(days=200),
        }
        if stage != "tender":
            item["award"] = {
                "id": f"{item['ocid']}-award-1", "supplier": winner["tenderer"],
                "value": winner["value"], "date": award_day,
                "standstill_end": award_day + timedelta(days=10), "complaints": 0,
            }  # fmt: skip
        if stage == "contract":
            signed = award_day + timedelta(days=rng.choice([5, 12, 15]))
            value = winner["value"][0]
            amendments = []
            if rng.random() < 0.1:
                amendments.append(
                    {
                        "id": f"{item['ocid']}-amendment-1", "date": signed + timedelta(days=90),
                        "value_after": value * Decimal("1.3"), "end_after": date(2026, 6, 30),
                        "reason": "More works",
                    }
                )  # fmt: skip
            item["contract"] = {
                "id": f"{item['ocid']}-contract-1", "contractor": winner["tenderer"],
                "signed_value": value, "signed_end": date(2026, 1, 31), "currency": "LYD",
                "date_signed": signed, "start": signed + timedelta(days=5),
                "terminated_on": None, "termination_reason": "", "amendments": amendments,
                "milestones": [],
                "payments": [
                    {"id": f"{item['ocid']}-payment-1", "date": signed + timedelta(days=40),
                     "value": (value / 4, "LYD")}
                ],
            }  # fmt: skip
        facts.append(item)
    return facts


def _step(name, call, results):
    cpu, wall = time.process_time(), time.perf_counter()
    value = call()
    results.append((name, time.perf_counter() - wall, time.process_time() - cpu, _peak_rss_mib()))
    return value


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--processes", type=int, default=150_000)
    parser.add_argument("--seed", type=int, default=2023)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "imar.settings")
    import django

    django.setup()
    from imar.procurement import flags
    from imar.procurement.exports.ocds.package import records_of, release_package
    from imar.procurement.exports.ocds.releases import build_releases

    facts = make_facts(args.processes, args.projects, args.seed)
    results = []
    with tempfile.TemporaryDirectory() as folder:

        def export():
            releases = [r for f in facts for r in build_releases(f)]
            with open(f"{folder}/ocds.json", "w") as out:
                json.dump(release_package(releases), out)
            return releases

        releases = _step("build_releases + release package (json.dump)", export, results)

        def baseline():
            with open(f"{folder}/plain.json", "w") as out:
                json.dump({"releases": releases}, out)

        _step("baseline: json.dump of the same releases", baseline, results)
        records = _step("records compiled with ocdsmerge", lambda: records_of(releases), results)
        found = _step("flags.compute (ten flags)", lambda: flags.compute(records), results)
        size = os.path.getsize(f"{folder}/ocds.json") / 2**20
    print(f"{args.processes} processes, {args.projects} projects, {len(releases)} releases, "
          f"{size:.0f} MiB; flagged {len(found)} processes")  # fmt: skip
    print("| step | wall s | CPU s | peak RSS MiB |\n|---|---:|---:|---:|")
    for name, wall, cpu, rss in results:
        print(f"| {name} | {wall:.1f} | {cpu:.1f} | {rss:.0f} |")


if __name__ == "__main__":
    main()
