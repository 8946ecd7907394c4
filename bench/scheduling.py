"""Benchmark of the forum meeting scheduler against a first-fit "quick schedule" greedy.

    .venv/bin/python -m bench.scheduling [--quick] [--seed N]

For each size: our time, scheduled weight, LP upper bound, gap, the greedy's weight in the
same run, the ratio ours/greedy and idle gaps of both. ``--quick`` runs only the small size.
"""

from __future__ import annotations

import argparse
import time

from bench.forum_data import forum_instance
from imar.forum.scheduling import greedy_schedule, schedule

SIZES = (
    # (label, participants, requests, slots, tables, time limit, target gap, target seconds)
    ("3k requests", 500, 3000, 16, 150, 2.0, 0.01, 2.0),
    ("15k requests", 2000, 15000, 24, 400, 5.0, 0.02, 5.0),
)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="only the 3k-request instance")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    sizes = SIZES[:1] if args.quick else SIZES
    print(
        f"{'instance':<14}{'time s':>8}{'weight':>9}{'bound':>10}{'gap':>8}"
        f"{'greedy':>9}{'ours/gr':>9}{'idle':>7}{'gr idle':>9}{'target':>16}"
    )
    for label, n_p, n_r, n_s, tables, limit, target_gap, target_s in sizes:
        inst = forum_instance(n_p, n_r, n_s, tables, seed=args.seed)
        t0 = time.perf_counter()
        ours = schedule(inst, time_limit=limit)
        elapsed = time.perf_counter() - t0
        greedy = greedy_schedule(inst)
        ok = "ok" if ours.gap <= target_gap and elapsed <= target_s else "MISSED"
        print(
            f"{label:<14}{elapsed:>8.2f}{ours.scheduled_weight:>9.0f}{ours.upper_bound:>10.1f}"
            f"{ours.gap:>8.2%}{greedy.scheduled_weight:>9.0f}"
            f"{ours.scheduled_weight / max(greedy.scheduled_weight, 1):>9.3f}"
            f"{ours.idle_gaps:>7}{greedy.idle_gaps:>9}"
            f"{f'<={target_gap:.0%} <{target_s:.0f}s {ok}':>16}"
        )


if __name__ == "__main__":
    main()
