"""Data quality, the pure computation: facts per project in, shares and lists out.

For each group (district, program) and for the whole set: the share of projects with each
key field filled, the projects under way with no verified report for `report_days`, those
with a disbursement after their last verified report (or with none), and the citizens'
cases still waiting for an answer. A field the platform cannot measure yet (indicators,
until the results framework fills its hook) is None in the facts and None in the shares,
never a silent 0 %.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

FIELDS = ("location", "contractor", "dates", "budget", "photos", "indicators")


@dataclass(frozen=True)
class ProjectFacts:
    project_id: int
    code: str
    district: str
    program: str  # "" for no program
    location: bool
    contractor: bool
    dates: bool
    budget: bool
    photos: bool
    indicators: bool | None  # None: not measured
    under_way: bool
    last_verified: dt.date | None  # the last verified progress report (or None)
    started: dt.date | None  # actual or planned start, the clock when no report exists
    last_disbursement: dt.date | None
    open_cases: int = 0


@dataclass
class Group:
    key: str
    projects: int = 0
    filled: dict = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    measured: dict = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    stale: int = 0
    unreported_disbursements: int = 0
    open_cases: int = 0

    def share(self, name: str) -> float | None:
        measured = self.measured[name]
        return self.filled[name] / measured if measured else None

    @property
    def shares(self) -> dict[str, float | None]:
        return {name: self.share(name) for name in FIELDS}


@dataclass
class Quality:
    total: Group
    by_district: list[Group]
    by_program: list[Group]
    stale: list[ProjectFacts]
    unreported_disbursements: list[ProjectFacts]
    missing: dict[str, list[ProjectFacts]]


def is_stale(facts: ProjectFacts, today: dt.date, report_days: int) -> bool:
    if not facts.under_way:
        return False
    since = facts.last_verified or facts.started
    return since is None or (today - since).days > report_days


def has_unreported_disbursement(facts: ProjectFacts) -> bool:
    if facts.last_disbursement is None:
        return False
    return facts.last_verified is None or facts.last_disbursement > facts.last_verified


def _add(group: Group, facts: ProjectFacts, stale: bool, unreported: bool) -> None:
    group.projects += 1
    for name in FIELDS:
        value = getattr(facts, name)
        if value is None:
            continue
        group.measured[name] += 1
        group.filled[name] += bool(value)
    group.stale += stale
    group.unreported_disbursements += unreported
    group.open_cases += facts.open_cases


def summarise(
    facts: Iterable[ProjectFacts], *, today: dt.date, report_days: int, list_limit: int = 50
) -> Quality:
    total = Group("")
    districts: dict[str, Group] = {}
    programs: dict[str, Group] = {}
    stale_list, unreported_list = [], []
    missing: dict[str, list[ProjectFacts]] = {name: [] for name in FIELDS}
    for item in facts:
        stale = is_stale(item, today, report_days)
        unreported = has_unreported_disbursement(item)
        for group in (
            total,
            districts.setdefault(item.district, Group(item.district)),
            programs.setdefault(item.program, Group(item.program)),
        ):
            _add(group, item, stale, unreported)
        if stale and len(stale_list) < list_limit:
            stale_list.append(item)
        if unreported and len(unreported_list) < list_limit:
            unreported_list.append(item)
        for name in FIELDS:
            if getattr(item, name) is False and len(missing[name]) < list_limit:
                missing[name].append(item)
    return Quality(
        total=total,
        by_district=[districts[k] for k in sorted(districts)],
        by_program=[programs[k] for k in sorted(programs)],
        stale=stale_list,
        unreported_disbursements=unreported_list,
        missing=missing,
    )
