"""Recompute ProjectFigures rows from raw rows with the pure EVM module."""

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db import connection
from django.db.models import Sum
from django.utils import timezone

from imar.core import public_version
from imar.monitoring.models import (
    Milestone,
    ProgressReport,
    ProjectFigures,
    ReportStatus,
    Transaction,
    TransactionKind,
)
from imar.portfolio import evm
from imar.portfolio.currency import RateTable, budget_value
from imar.portfolio.models import Project

CHUNK = 2000
FIELDS = [
    "as_of",
    "budget_lyd",
    "committed_lyd",
    "disbursed_lyd",
    "spent_lyd",
    "progress_percent",
    "planned_percent",
    "last_verified_on",
    "pv",
    "ev",
    "spi",
    "cpi",
]
Q2 = Decimal("0.01")
Q3 = Decimal("0.001")


def _cap(value: Decimal | None, places: Decimal, limit: Decimal) -> Decimal | None:
    if value is None:
        return None
    return min(max(value, -limit), limit).quantize(places)


def _figures_for(project, milestones, reports, expenditures, sums, as_of, rates):
    start = project["planned_start"] or project["actual_start"] or as_of
    end = project["planned_end"] or start
    # None when no rate values the budget: stored as missing, and earned value has no base.
    bac = (
        Decimal(0)
        if not project["budget"]
        else budget_value(
            rates,
            project["budget"],
            project["currency"],
            planned_start=project["planned_start"],
            actual_start=project["actual_start"],
            valuation_day=timezone.localdate(),
        )
    )
    evp = evm.EVMProject(
        bac=bac if bac is not None else Decimal(0),
        planned_start=start,
        planned_end=max(end, start),
        milestones=milestones,
        reports=reports,
        expenditures=expenditures,
    )
    m = evm.metrics(evp, as_of)
    return (
        project["id"],
        as_of,
        None if bac is None else bac.quantize(Q2),
        sums.get(TransactionKind.COMMITMENT, Decimal(0)),
        sums.get(TransactionKind.DISBURSEMENT, Decimal(0)),
        sums.get(TransactionKind.EXPENDITURE, Decimal(0)),
        evp.progress_percent(as_of).quantize(Q2),
        evp.planned_percent(as_of).quantize(Q2),
        max((d for d, _ in reports), default=None),
        m.pv.quantize(Q2),
        m.ev.quantize(Q2),
        _cap(m.spi, Q3, Decimal(999999)),
        _cap(m.cpi, Q3, Decimal(999999)),
    )  # ("project_id", *FIELDS)


def _upsert(rows: list[tuple]) -> None:
    """INSERT … ON CONFLICT (project) DO UPDATE, one `executemany` for the chunk (SQLite and
    PostgreSQL share the syntax): no model instances, no per-value preparation."""
    if not rows:
        return
    meta = ProjectFigures._meta
    fields = [meta.get_field("project"), *(meta.get_field(name) for name in FIELDS)]
    quote = connection.ops.quote_name
    columns = [quote(field.column) for field in fields]
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))}) "
        f"ON CONFLICT ({columns[0]}) DO UPDATE SET "
        + ", ".join(f"{column} = excluded.{column}" for column in columns[1:])
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)  # dates and decimals: the driver adapts them


def refresh_figures(*, project_ids=None, as_of: dt.date | None = None, progress=None) -> int:
    """Recompute the figures of these projects (all when None) as of a date; returns count.
    `progress(done, total)` is told after each chunk (a job's or a terminal's bar)."""
    as_of = as_of or timezone.localdate()
    rates = RateTable.load()
    ids = list(project_ids) if project_ids is not None else None
    queryset = Project.objects.order_by("id")
    if ids is not None:
        queryset = queryset.filter(id__in=ids)
    all_ids = list(queryset.values_list("id", flat=True))
    done = 0
    for i in range(0, len(all_ids), CHUNK):
        chunk = all_ids[i : i + CHUNK]
        # The whole portfolio: a chunk is every project between its first and last id.
        span = (chunk[0], chunk[-1]) if ids is None else None
        done += _refresh_chunk(chunk, as_of, rates, span)
        if progress is not None:
            progress(i + len(chunk), len(all_ids))
    return done


def _refresh_chunk(chunk, as_of, rates, span=None) -> int:
    if span:  # foreign keys have no range lookup
        of_project = {"project_id__gte": span[0], "project_id__lte": span[1]}
    else:
        of_project = {"project_id__in": chunk}
    projects = Project.objects.filter(
        **({"id__gte": span[0], "id__lte": span[1]} if span else {"id__in": chunk})
    ).values("id", "budget", "currency", "planned_start", "planned_end", "actual_start")
    milestones, reports, expenditures = defaultdict(list), defaultdict(list), defaultdict(list)
    for pid, day, weight in Milestone.objects.filter(**of_project).values_list(
        "project_id", "planned_date", "weight"
    ):
        milestones[pid].append((day, weight))
    verified = ProgressReport.objects.filter(**of_project, status=ReportStatus.VERIFIED)
    for pid, day, pct in verified.filter(report_date__lte=as_of).values_list(
        "project_id", "report_date", "physical_percent"
    ):
        reports[pid].append((day, pct))
    money = Transaction.objects.filter(**of_project)
    sums = defaultdict(dict)
    for pid, kind, total in (
        money.filter(date__lte=as_of)
        .values_list("project_id", "kind")
        .annotate(total=Sum("amount_lyd"))
        .order_by()
    ):
        sums[pid][kind] = total
    spent = money.filter(kind=TransactionKind.EXPENDITURE, date__lte=as_of)
    for pid, day, total in (
        spent.values_list("project_id", "date").annotate(total=Sum("amount_lyd")).order_by()
    ):
        expenditures[pid].append((day, total))
    rows = [
        _figures_for(
            p,
            milestones[p["id"]],
            reports[p["id"]],
            expenditures[p["id"]],
            sums[p["id"]],
            as_of,
            rates,
        )
        for p in projects
    ]
    _upsert(rows)
    public_version.changed()  # a bulk write sends no signal; the public figures changed
    return len(rows)
