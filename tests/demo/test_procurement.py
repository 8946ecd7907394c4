"""The procurement demo step: processes for projects in procurement or later, published,
with a realistic share of red flags and deterministic."""

import random

from imar.demo import procurement as demo
from imar.portfolio.enums import ProjectStatus
from imar.procurement.models import Process, Release
from imar.procurement.selectors import flags_by_process


def test_demo_processes_have_some_red_flags(make_project, officer):
    for n in range(30):
        status = [ProjectStatus.PROCUREMENT, ProjectStatus.IMPLEMENTATION, ProjectStatus.COMPLETED][
            n % 3
        ]
        make_project(status=status)
    make_project(status=ProjectStatus.APPROVED)
    demo.load(rng=random.Random(1), options={}, log=lambda *_: None)
    processes = list(Process.objects.all())
    assert len(processes) == demo.LIMIT
    assert not Process.objects.filter(project__status=ProjectStatus.APPROVED).exists()
    assert Process.objects.filter(status="contracted").exists()
    assert Process.objects.filter(method="direct").exists()
    assert any("contractAmendment" in r.tags for r in Release.objects.all())
    flags = flags_by_process(processes)
    flagged = sum(1 for p in processes if flags[p.pk])
    assert 0.1 * len(processes) <= flagged <= 0.7 * len(processes)
    codes = {f.code for fs in flags.values() for f in fs}
    assert {"R018", "direct_award", "large_amendment"} <= codes
