"""`<iati-activity>` into plain data: identifier, organizations, texts, dates, places,
money. Lenient: what cannot be read is left out with a warning; the activity is refused
only when it has no identifier, no reporting organization or nothing usable."""

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from imar.aid.imports.iati import budget, document_link, location, participating_org, sector
from imar.aid.imports.iati.narrative import XML_LANG, clean_text, grouped, texts
from imar.aid.imports.iati.result import results
from imar.aid.imports.iati.transaction import TransactionData, transaction
from imar.aid.imports.iati.values import code, iso_date, iso_datetime

# ActivityDateType: 1 planned start, 2 actual start, 3 planned end, 4 actual end.
START_TYPES, END_TYPES = ("2", "1"), ("4", "3")


class ActivityRefused(ValueError):
    """One activity refused; the message is translated and says why."""


@dataclass
class ActivityData:
    iati_identifier: str
    reporting_org: dict
    titles: dict[str, str]
    descriptions: list[dict]
    status: str
    dates: dict[str, str]
    start_date: dt.date | None
    end_date: dt.date | None
    sectors: list[dict]
    recipient_countries: list[dict]
    locations: list[dict]
    participating_orgs: list[dict]
    budgets: list[dict]
    results: list[dict]
    documents: list[dict]
    humanitarian: bool
    default_currency: str
    last_updated: dt.datetime | None
    transactions: list[TransactionData] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def has_country(self, country: str) -> bool:
        """The activity is for `country`, at activity or at transaction level."""
        if any(c["code"] == country for c in self.recipient_countries):
            return True
        return any(t.recipient_country == country for t in self.transactions)

    def keep_country(self, country: str) -> None:
        """Transactions allocated to another country (transaction-level countries) go."""
        if any(c["code"] == country for c in self.recipient_countries):
            return
        self.transactions = [t for t in self.transactions if t.recipient_country == country]


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true")


def read_activity(elem, *, file_lang: str = "") -> ActivityData:
    """Raises ActivityRefused for an activity that cannot be imported."""
    lang = (elem.get(XML_LANG) or file_lang or "").lower()
    warnings: list[str] = []
    parts = grouped(elem)  # the activity's children, read once
    ident_elem = _first(parts, "iati-identifier")
    identifier = clean_text(ident_elem.text if ident_elem is not None else "")[:200]
    if not identifier:
        raise ActivityRefused(_("no iati-identifier"))
    reporting = participating_org.reporting_org(parts.get("reporting-org", ()), lang)
    if reporting is None or not (reporting["ref"] or reporting["name"]):
        raise ActivityRefused(_("no reporting-org"))
    if not reporting["ref"]:
        warnings.append(_("The reporting organization has no ref."))
    default_currency = code(elem.get("default-currency"), 3).upper()
    dates = {}
    for date_elem in parts.get("activity-date", ()):
        day = iso_date(date_elem.get("iso-date"))
        if day and date_elem.get("type"):
            dates[code(date_elem.get("type"), 2)] = day.isoformat()
    start = next((dates[t] for t in START_TYPES if t in dates), None)
    end = next((dates[t] for t in END_TYPES if t in dates), None)
    status_elem = _first(parts, "activity-status")
    titles = texts(_first(parts, "title"), lang)
    if not titles:
        warnings.append(_("The activity has no title narrative."))
    transactions = []
    for tx_elem in parts.get("transaction", ()):
        found = transaction(
            tx_elem, lang=lang, default_currency=default_currency, warnings=warnings
        )
        if found is not None:
            transactions.append(found)
    last_updated_text = elem.get("last-updated-datetime")
    last_updated = iso_datetime(last_updated_text)
    if last_updated_text and last_updated is None:
        warnings.append(_("The last-updated-datetime is not a date and time."))
    data = ActivityData(
        iati_identifier=identifier,
        reporting_org=reporting,
        titles=titles,
        descriptions=[
            {"type": code(d.get("type"), 2) or "1", "texts": found}
            for d in parts.get("description", ())
            if (found := texts(d, lang))
        ],
        status=code(status_elem.get("code"), 2) if status_elem is not None else "",
        dates=dates,
        start_date=iso_date(start),
        end_date=iso_date(end),
        sectors=sector.sectors(parts.get("sector", ()), lang),
        recipient_countries=sector.recipient_countries(parts.get("recipient-country", ())),
        locations=location.locations(parts.get("location", ()), lang),
        participating_orgs=participating_org.participating_orgs(
            parts.get("participating-org", ()), lang
        ),
        budgets=budget.budgets(parts.get("budget", ()), default_currency),
        results=results(parts.get("result", ()), lang),
        documents=document_link.documents(parts.get("document-link", ()), lang),
        humanitarian=_flag(elem.get("humanitarian")),
        default_currency=default_currency,
        last_updated=last_updated,
        transactions=transactions,
        warnings=warnings,
    )
    if not (data.titles or data.descriptions or data.transactions or data.budgets):
        raise ActivityRefused(_("nothing usable: no title, description, budget or transaction"))
    return data


def _first(parts: dict, tag: str):
    found = parts.get(tag)
    return found[0] if found else None
