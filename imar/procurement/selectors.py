"""Reads of the procurement pages: processes a user may see, their OCDS records and flags."""

from django.conf import settings
from django.db.models import QuerySet

from imar.accounts.permissions import visible_related
from imar.procurement import flags as red_flags
from imar.procurement.exports.ocds.package import records_of
from imar.procurement.exports.ocds.releases import build_releases, facts_of
from imar.procurement.models import Process


def thresholds() -> red_flags.Thresholds:
    return red_flags.Thresholds(
        min_submission_days=settings.IMAR_FLAG_MIN_SUBMISSION_DAYS,
        close_bid_share=settings.IMAR_FLAG_CLOSE_BID_SHARE,
        disqualified_others=settings.IMAR_FLAG_DISQUALIFIED_OTHERS,
        repeat_wins=settings.IMAR_FLAG_REPEAT_WINS,
        repeat_share=settings.IMAR_FLAG_REPEAT_SHARE,
        direct_award_lyd=settings.IMAR_FLAG_DIRECT_AWARD_LYD,
        amendment_share=settings.IMAR_FLAG_AMENDMENT_SHARE,
    )


def visible_processes(user) -> QuerySet:
    return visible_related(user, Process.objects.all()).select_related(
        "project", "procuring_entity", "award__supplier", "contract__contractor"
    )


def project_processes(*, project, user) -> list[Process]:
    return list(visible_processes(user).filter(project=project))


def records_for(processes) -> list[dict]:
    """OCDS records built from the current rows (what publishing would store)."""
    releases = [r for p in processes for r in build_releases(facts_of(p))]
    return records_of(releases)


def flags_by_process(processes) -> dict[int, list[red_flags.Flag]]:
    """Red flags of `processes`; the repeated-winner flag counts all the fund's awards."""
    processes = list(processes)
    everyone = list(
        Process.objects.filter(award__isnull=False).select_related("procuring_entity", "project")
    )
    known = {p.pk for p in processes}
    records = records_for(processes + [p for p in everyone if p.pk not in known])
    by_ocid = red_flags.compute(records, thresholds())
    return {p.pk: by_ocid.get(p.ocid, []) for p in processes}
