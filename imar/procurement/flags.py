"""Red flags of contracting processes, computed from OCDS records as Open Contracting's
Cardinal computes them. Pure: plain dicts (OCDS 1.1 records, as `exports/ocds` writes and
as a journalist downloads them) in, `Flag`s (a stable code + params) out; no Django.

Cardinal's definitions (docs/cli/indicators/R/*.md in open-contracting/cardinal-rs), with a
fixed threshold where Cardinal also allows one in its settings file:

- R003 short submission period: tenderPeriod end - start, in whole days, under the threshold.
- R018 single bid: one tenderer, and the method is competitive (open or selective).
- R024 price close to winning bid: (second-lowest valid bid - winning bid) / winning bid at
  or under the threshold; excluded when the winning bid is not the lowest valid one or
  there is not exactly one active award.
- R028 identical bid prices: different tenderers submitted bids of the same amount.
- R030 late bid won: a valid bid received after the deadline came from the active award's
  supplier.
- R035 all except winning bid disqualified: one tenderer has valid bids, it is the active
  award's supplier, and at least `threshold` other tenderers were disqualified.

Four more that Cardinal has no indicator for, on the same data:

- repeated_winner: a supplier won at least `repeat_wins` of one procuring entity's awards,
  and at least `repeat_share` of them.
- direct_award: a direct award above the threshold in LYD (other currencies through `rates`;
  an amount with no rate is not flagged).
- large_amendment: the contract's value now exceeds its value at signature (the earliest
  release that carried it) by more than `amendment_share`.
- signed_in_standstill: the contract was signed before the award's standstill period ended.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

CODES = (
    "R003",
    "R018",
    "R024",
    "R028",
    "R030",
    "R035",
    "repeated_winner",
    "direct_award",
    "large_amendment",
    "signed_in_standstill",
)
COMPETITIVE_METHODS = ("open", "selective")


@dataclass(frozen=True)
class Thresholds:
    min_submission_days: int = 15
    close_bid_share: float = 0.05
    disqualified_others: int = 1
    repeat_wins: int = 3
    repeat_share: float = 0.5
    direct_award_lyd: float = 500_000
    amendment_share: float = 0.25
    # LYD per unit of each currency, for the direct-award threshold.
    rates: dict = field(default_factory=lambda: {"LYD": Decimal(1)})


@dataclass(frozen=True)
class Flag:
    code: str
    params: dict

    def to_dict(self) -> dict:
        return {"code": self.code, "params": self.params}


def _instant(value: str | None) -> datetime | None:
    if not value:
        return None
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def _day(value: str | None) -> date | None:
    moment = _instant(value)
    return moment.date() if moment else None


def _amount(value: dict | None) -> Decimal | None:
    if not value or value.get("amount") is None:
        return None
    return Decimal(str(value["amount"]))


def _active_awards(release: dict) -> list[dict]:
    return [a for a in release.get("awards", []) if a.get("status") == "active"]


def _bids(release: dict) -> list[dict]:
    return (release.get("bids") or {}).get("details", [])


def _tenderer_ids(bid: dict) -> list[str]:
    return [t.get("id") for t in bid.get("tenderers", []) if t.get("id")]


def _supplier_ids(award: dict) -> set[str]:
    return {s.get("id") for s in award.get("suppliers", []) if s.get("id")}


def _name_of(release: dict, party_id: str) -> str:
    for party in release.get("parties", []):
        if party.get("id") == party_id:
            return party.get("name", party_id)
    return party_id


def _short_submission(release: dict, t: Thresholds) -> Flag | None:
    period = (release.get("tender") or {}).get("tenderPeriod") or {}
    start, end = _instant(period.get("startDate")), _instant(period.get("endDate"))
    if start is None or end is None:
        return None
    days = (end - start).days  # whole days, as Cardinal counts them
    if days < t.min_submission_days:
        return Flag("R003", {"days": days, "threshold": t.min_submission_days})
    return None


def _single_bid(release: dict) -> Flag | None:
    tender = release.get("tender") or {}
    method = tender.get("procurementMethod")
    tenderers = {i for bid in _bids(release) for i in _tenderer_ids(bid)}
    count = len(tenderers) if tenderers else tender.get("numberOfTenderers")
    if method in COMPETITIVE_METHODS and count == 1:
        return Flag("R018", {"method": method})
    return None


def _close_to_winner(release: dict, t: Thresholds) -> Flag | None:
    awards = _active_awards(release)
    if len(awards) != 1 or len(_supplier_ids(awards[0])) != 1:
        return None
    (winner,) = _supplier_ids(awards[0])
    valid = [b for b in _bids(release) if b.get("status") == "valid" and _amount(b.get("value"))]
    if any(len(_tenderer_ids(b)) != 1 for b in valid):
        return None
    winning = [b for b in valid if _tenderer_ids(b) == [winner]]
    others = sorted(_amount(b["value"]) for b in valid if _tenderer_ids(b) != [winner])
    if len(winning) != 1 or not others:
        return None
    win_amount = _amount(winning[0]["value"])
    if others[0] < win_amount:  # the winning bid is not the lowest: not price-only
        return None
    difference = (others[0] - win_amount) / win_amount
    if difference <= Decimal(str(t.close_bid_share)):
        return Flag(
            "R024",
            {
                "difference": float(difference),
                "threshold": t.close_bid_share,
                "winner": str(win_amount),
                "second": str(others[0]),
                "currency": (winning[0]["value"] or {}).get("currency", ""),
            },
        )
    return None


def _identical_bids(release: dict) -> Flag | None:
    by_amount = defaultdict(set)
    for bid in _bids(release):
        amount = _amount(bid.get("value"))
        if amount is not None:
            by_amount[amount].update(_tenderer_ids(bid))
    same = sorted((a, ids) for a, ids in by_amount.items() if len(ids) > 1)
    if not same:
        return None
    amount, ids = same[0]
    return Flag(
        "R028",
        {
            "amount": str(amount),
            "tenderers": sorted(_name_of(release, i) for i in ids),
        },
    )


def _late_bid_won(release: dict) -> Flag | None:
    deadline = _instant(((release.get("tender") or {}).get("tenderPeriod") or {}).get("endDate"))
    if deadline is None:
        return None
    suppliers = set().union(*(_supplier_ids(a) for a in _active_awards(release)))
    for bid in _bids(release):
        received = _instant(bid.get("date"))
        if (
            bid.get("status") == "valid"
            and received is not None
            and received > deadline
            and suppliers & set(_tenderer_ids(bid))
        ):
            return Flag(
                "R030",
                {"received": bid["date"], "deadline": release["tender"]["tenderPeriod"]["endDate"]},
            )
    return None


def _others_disqualified(release: dict, t: Thresholds) -> Flag | None:
    awards = _active_awards(release)
    if not awards:
        return None
    bids = _bids(release)
    valid = {i for b in bids if b.get("status") == "valid" for i in _tenderer_ids(b)}
    suppliers = set().union(*(_supplier_ids(a) for a in awards))
    if len(valid) != 1 or valid != suppliers:
        return None
    disqualified = {
        i for b in bids if b.get("status") == "disqualified" for i in _tenderer_ids(b)
    } - valid
    if len(disqualified) >= t.disqualified_others:
        return Flag("R035", {"disqualified": len(disqualified)})
    return None


def _direct_award(release: dict, t: Thresholds) -> Flag | None:
    if (release.get("tender") or {}).get("procurementMethod") != "direct":
        return None
    for award in _active_awards(release):
        amount = _amount(award.get("value"))
        currency = (award.get("value") or {}).get("currency")
        rate = t.rates.get(currency)
        if amount is None or rate is None:
            continue
        if amount * Decimal(str(rate)) > Decimal(str(t.direct_award_lyd)):
            return Flag(
                "direct_award",
                {"amount": str(amount), "currency": currency, "threshold": t.direct_award_lyd},
            )
    return None


def _contract_values(releases: Iterable[dict]) -> dict[str, tuple[Decimal, str]]:
    """The first value each contract id carried, in release date order."""
    first = {}
    for release in sorted(releases, key=lambda r: (r.get("date", ""), r.get("id", ""))):
        for contract in release.get("contracts", []):
            amount = _amount(contract.get("value"))
            if amount is not None and contract.get("id") not in first:
                first[contract["id"]] = (amount, contract["value"].get("currency", ""))
    return first


def _large_amendment(record: dict, t: Thresholds) -> Flag | None:
    compiled = record["compiledRelease"]
    first = _contract_values(record.get("releases", []))
    for contract in compiled.get("contracts", []):
        now = _amount(contract.get("value"))
        if now is None or contract.get("id") not in first:
            continue
        before, currency = first[contract["id"]]
        if before > 0 and (now - before) / before > Decimal(str(t.amendment_share)):
            return Flag(
                "large_amendment",
                {
                    "before": str(before),
                    "after": str(now),
                    "currency": currency,
                    "share": float((now - before) / before),
                    "threshold": t.amendment_share,
                },
            )
    return None


def _signed_in_standstill(release: dict) -> Flag | None:
    standstill = {}
    for award in release.get("awards", []):
        end = _day((award.get("standstillPeriod") or {}).get("endDate"))
        if end is not None:
            standstill[award.get("id")] = end
    for contract in release.get("contracts", []):
        signed = _day(contract.get("dateSigned"))
        end = standstill.get(contract.get("awardID"))
        if signed is not None and end is not None and signed < end:
            return Flag(
                "signed_in_standstill",
                {"signed": signed.isoformat(), "standstill_end": end.isoformat()},
            )
    return None


def _repeated_winners(records: list[dict], t: Thresholds) -> dict[str, Flag]:
    wins, totals, names = Counter(), Counter(), {}
    where = defaultdict(list)
    for record in records:
        release = record["compiledRelease"]
        entity = ((release.get("tender") or {}).get("procuringEntity") or {}).get("id")
        if not entity:
            continue
        for award in _active_awards(release):
            totals[entity] += 1
            for supplier in _supplier_ids(award):
                wins[(entity, supplier)] += 1
                where[(entity, supplier)].append(release["ocid"])
                names[entity] = _name_of(release, entity)
                names[supplier] = _name_of(release, supplier)
    flagged = {}
    for (entity, supplier), count in wins.items():
        if count >= t.repeat_wins and count / totals[entity] >= t.repeat_share:
            for ocid in where[(entity, supplier)]:
                flagged[ocid] = Flag(
                    "repeated_winner",
                    {
                        "supplier": names[supplier],
                        "entity": names[entity],
                        "wins": count,
                        "total": totals[entity],
                    },
                )
    return flagged


def record_flags(record: dict, t: Thresholds) -> list[Flag]:
    """The flags of one record that need no other process (all but repeated_winner)."""
    release = record["compiledRelease"]
    found = [
        _short_submission(release, t),
        _single_bid(release),
        _close_to_winner(release, t),
        _identical_bids(release),
        _late_bid_won(release),
        _others_disqualified(release, t),
        _direct_award(release, t),
        _large_amendment(record, t),
        _signed_in_standstill(release),
    ]
    return [flag for flag in found if flag is not None]


def compute(records: Iterable[dict], t: Thresholds | None = None) -> dict[str, list[Flag]]:
    """Every flag of every record, by ocid (records without a flag are left out)."""
    t = t or Thresholds()
    records = list(records)
    repeated = _repeated_winners(records, t)
    result = {}
    for record in records:
        ocid = record["compiledRelease"]["ocid"]
        flags = record_flags(record, t)
        if ocid in repeated:
            flags.append(repeated[ocid])
        if flags:
            result[ocid] = sorted(flags, key=lambda f: CODES.index(f.code))
    return result
