"""Red flags on the published OCDS records, checked against a second, independent
computation written straight from the database rows (not from OCDS), and the OCDS fields
Cardinal's indicators read counted by ocdscardinal itself."""

import json
from datetime import date
from decimal import Decimal

import ocdscardinal
import pytest
from django.utils import translation

from imar.procurement import flags, reasons, services
from imar.procurement.exports.ocds.package import records_of
from imar.procurement.models import Process, Release

pytestmark = pytest.mark.django_db
T = flags.Thresholds()


def brute_force(process: Process) -> set[str]:
    """The same definitions over the model rows (no OCDS, no shared code), under the
    public rule: bids count once the award is published."""
    found = set()
    if (process.tender_end - process.tender_start).days < T.min_submission_days:
        found.add("R003")
    bids = list(process.bids.all())
    award = getattr(process, "award", None)
    if award is not None:  # bids are public (and flagged) once the award is
        if process.method in ("open", "selective") and len({b.bidder_id for b in bids}) == 1:
            found.add("R018")
        values = [b.value for b in bids]
        if len(values) != len(set(values)):
            found.add("R028")
        valid = sorted((b for b in bids if b.status == "valid"), key=lambda b: b.value)
        close = Decimal(str(T.close_bid_share))
        if (
            len(valid) >= 2
            and valid[0].bidder_id == award.supplier_id
            and (valid[1].value - valid[0].value) / valid[0].value <= close
        ):
            found.add("R024")
        if any(
            b.status == "valid"
            and b.received_at > process.tender_end
            and b.bidder_id == award.supplier_id
            for b in bids
        ):
            found.add("R030")
        if {b.bidder_id for b in bids if b.status == "valid"} == {award.supplier_id} and any(
            b.status == "disqualified" for b in bids
        ):
            found.add("R035")
        if (
            process.method == "direct"
            and award.currency == "LYD"
            and award.value > T.direct_award_lyd
        ):
            found.add("direct_award")
        same = Process.objects.filter(
            procuring_entity=process.procuring_entity, award__isnull=False
        )
        wins = same.filter(award__supplier=award.supplier).count()
        if wins >= T.repeat_wins and wins / same.count() >= T.repeat_share:
            found.add("repeated_winner")
    contract = getattr(process, "contract", None)
    if contract is not None:
        first = contract.amendments.order_by("date").first()
        signed_value = first.value_before if first else contract.value
        if (contract.value - signed_value) / signed_value > Decimal(str(T.amendment_share)):
            found.add("large_amendment")
        if contract.date_signed < award.standstill_end:
            found.add("signed_in_standstill")
    return found


@pytest.fixture
def sample(walk, officer, company, organization):
    """A dozen processes that raise each flag at least once, and clean ones."""
    made = {
        "clean": walk(bids=[(Decimal(800), "valid"), (Decimal(1000), "valid")]),
        "short": walk(days=7),
        "single": walk(bids=[(Decimal(900), "valid")]),
        "close": walk(bids=[(Decimal(1000), "valid"), (Decimal(1020), "valid")]),
        "identical": walk(bids=[(Decimal(700), "valid"), (Decimal(700), "valid")], stop="tender"),
        "late": walk(late=True),
        "disq": walk(bids=[(Decimal(900), "valid"), (Decimal(800), "disqualified"), (Decimal(850), "disqualified")]),
        "direct": walk(method="direct", justification="Sole source", bids=[(Decimal(750000), "valid")]),
        "standstill": walk(signed=date(2025, 3, 5), standstill_end=date(2025, 3, 15)),
    }  # fmt: skip
    amended = walk()
    services.amendment_record(
        by=officer, contract=amended.contract, amendment_date=date(2025, 10, 1),
        value_after=Decimal("1200000"), end_after=date(2026, 6, 30), reason="More works",
    )  # fmt: skip
    made["amended"] = amended
    # One supplier wins three of the four awards of one procuring entity.
    entity = company("Municipality works office")
    regular = company("Regular winner")
    for _ in range(3):
        made.setdefault("repeat", []).append(walk(entity=entity, winner=regular))
    made["other"] = walk(entity=entity)
    return made


def _published_records():
    return records_of(Release.objects.public().values_list("data", flat=True))


def test_flags_match_an_independent_computation(sample):
    computed = flags.compute(_published_records(), T)
    processes = Process.objects.exclude(status="planning")
    assert processes.count() == 14
    for process in processes:
        expected = brute_force(process)
        got = {f.code for f in computed.get(process.ocid, [])}
        assert got == expected, (process.ocid, got, expected)


def test_each_flag_is_raised_where_expected(sample):
    computed = flags.compute(_published_records(), T)

    def codes(key):
        return {f.code for f in computed.get(sample[key].ocid, [])}

    assert codes("clean") == set()
    assert "R003" in codes("short")
    assert "R018" in codes("single")
    assert "R024" in codes("close")
    assert "R028" not in codes("identical")  # bids of an open tender are not yet public
    assert "R030" in codes("late")
    assert "R035" in codes("disq")
    assert "direct_award" in codes("direct")
    assert "signed_in_standstill" in codes("standstill")
    assert "large_amendment" in codes("amended")
    assert all("repeated_winner" in codes_of for codes_of in (
        {f.code for f in computed[p.ocid]} for p in sample["repeat"]
    ))  # fmt: skip
    assert "repeated_winner" not in codes("other")
    every = {f.code for fs in computed.values() for f in fs}
    assert every == set(flags.CODES) - {"R028"}


def test_identical_bids_once_the_award_is_public(walk):
    process = walk(bids=[(Decimal(700), "valid"), (Decimal(700), "valid")])
    (record,) = [r for r in _published_records() if r["ocid"] == process.ocid]
    assert "R028" in {f.code for f in flags.record_flags(record, T)}


def test_thresholds_are_settings(walk, settings):
    from imar.procurement.selectors import flags_by_process

    process = walk(days=10)
    assert "R003" in {f.code for f in flags_by_process([process])[process.pk]}
    settings.IMAR_FLAG_MIN_SUBMISSION_DAYS = 10
    assert "R003" not in {f.code for f in flags_by_process([process])[process.pk]}


def test_cardinal_counts_the_fields_its_indicators_read(sample, tmp_path):
    """ocdscardinal's Python package offers `coverage` only (its indicators are in the Rust
    command line): run it over our compiled releases, as line-delimited JSON, and check that
    every field the ten indicators read is there."""
    path = tmp_path / "compiled.jsonl"
    records = _published_records()
    path.write_text("\n".join(json.dumps(r["compiledRelease"]) for r in records) + "\n")
    counts = ocdscardinal.coverage(str(path))
    for field in (
        "/tender/tenderPeriod/startDate", "/tender/tenderPeriod/endDate",
        "/tender/procurementMethod", "/tender/procuringEntity/id", "/bids/details[]/date",
        "/bids/details[]/status", "/bids/details[]/value/amount",
        "/bids/details[]/tenderers[]/id", "/awards[]/status", "/awards[]/suppliers[]/id",
        "/awards[]/value/amount", "/contracts[]/dateSigned", "/contracts[]/value/amount",
    ):  # fmt: skip
        assert counts.get(field, 0) > 0, field
    assert counts[""] == len(records)


def test_explanations_in_both_languages(sample):
    computed = flags.compute(_published_records(), T)
    flag = next(f for f in computed[sample["short"].ocid] if f.code == "R003")
    with translation.override("en"):
        assert reasons.explain(flag).startswith("Bidders had 7 whole days")
    with translation.override("ar"):
        text = reasons.explain(flag)
        assert "7" in text and "Bidders" not in text
