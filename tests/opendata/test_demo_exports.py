"""The demo's open data, through the public URLs, checked with the official tools and
against itself: libcoveoc4ids (the OC4IDS Data Review Tool's library), the IATI 2.03 XSDs,
rules and codelists; money that adds up the same in every format and in the public API;
bytes that do not depend on the visitor's language.

One small demo (150 projects) is loaded once for the module, every download is taken inside
one transaction that is then rolled back, and the tests read the downloaded bytes.
"""

import csv
import io
import json
from collections import Counter
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from lxml import etree
from openpyxl import load_workbook

from imar.demo import organizations as demo_organizations
from imar.geo.models import Municipality
from imar.opendata.exports.oc4ids.package import GAZETTEER_SCHEMES
from imar.opendata.validation import (
    iati_codelist_errors,
    iati_errors,
    iati_organisation_rule_errors,
    iati_rule_errors,
    oc4ids_errors,
)
from tests.opendata.cove import review

FUND_ID = "XX-TEST-FUND"
SITE = "https://imar.test"
FILTERS = ["", "district=LY-DR", "sector=housing", "status=implementation"]
FORMATS = ["xml", "json", "csv", "xlsx", "geojson"]
PAYMENTS = {"disbursement", "expenditure"}
# The module's demo is made in its own fixture; each test needs the database to exist.
pytestmark = pytest.mark.django_db
IATI_TYPE = {"2": "commitment", "3": "disbursement", "4": "expenditure"}


def _get(client, path: str, **cookies) -> bytes:
    client.cookies.clear()
    for name, value in cookies.items():
        client.cookies[name] = value
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return b"".join(response.streaming_content) if response.streaming else response.content


def _api(client, path: str) -> list[dict]:
    rows, url = [], path
    while url:
        page = json.loads(_get(client, url))
        rows += page["results"]
        url = page["next"] and page["next"].replace("http://testserver", "")
    return rows


@pytest.fixture(scope="module")
def downloads(django_db_setup, django_db_blocker):
    settings = override_settings(
        IMAR_FUND_IATI_ID=FUND_ID,
        IMAR_OC4IDS_PREFIX="xxtest",
        IMAR_SITE_URL=SITE,
        IMAR_API_ANON_RATE="100000/minute",
    )
    with django_db_blocker.unblock(), settings, transaction.atomic():
        call_command("demo", projects=150, stdout=StringIO())
        got = {
            "linked": _link_a_procurement_contract_to_an_agreement(),
            "districts": dict(Municipality.objects.values_list("pcode", "district__iso_code")),
        }
        client = Client()
        got |= {
            (query, extension, kind): _get(
                client, f"/open-data/projects.{extension}?{query}&kind={kind}".replace("?&", "?")
            )
            for query in FILTERS
            for extension in FORMATS
            for kind in (
                ["projects", "transactions"] if extension in ("csv", "xlsx") else ["projects"]
            )
        }
        got["organisation"] = _get(client, "/open-data/organisation.xml")
        for package in ("release", "record"):
            got[("contracting", package)] = _get(
                client, f"/open-data/contracting.json?package={package}"
            )
        for query in FILTERS:
            got[(query, "api", "projects")] = _api(
                client, f"/api/v1/public/projects/?page_size=500&{query}"
            )
        got[("", "api", "transactions")] = _api(
            client, "/api/v1/public/transactions/?page_size=500"
        )
        for language in ("ar", "en"):
            for path in (
                "/open-data/projects.xml",
                "/open-data/projects.json",
                "/open-data/projects.csv",
                "/open-data/projects.geojson",
                "/open-data/organisation.xml",
            ):
                got[(language, path)] = _get(client, path, imar_language=language)
        transaction.set_rollback(True)
    return got


def _link_a_procurement_contract_to_an_agreement() -> dict:
    """One public procurement contract recorded again as a partners agreement of kind
    contract on the same project (as staff link them): the OC4IDS must show it once."""
    from imar.partners.enums import AgreementKind
    from imar.partners.models import Agreement
    from imar.procurement.models import Contract, Process

    contract = (
        Contract.objects.filter(process__in=Process.objects.public())
        .select_related("process__project")
        .order_by("id")
        .first()
    )
    agreement = Agreement.objects.create(
        kind=AgreementKind.CONTRACT,
        title_ar="عقد الأشغال",
        title_en="Works contract, recorded in the register too",
        value=contract.value,
        currency=contract.currency,
        is_public=True,
    )
    agreement.projects.add(contract.process.project)
    Contract.objects.filter(pk=contract.pk).update(agreement=agreement)
    return {
        "code": contract.process.project.code,
        "ocid": contract.process.ocid,
        "agreement": agreement.pk,
    }


def _package(downloads, query="") -> dict:
    return json.loads(downloads[(query, "json", "projects")])


# --- the official tools ---------------------------------------------------------------


def test_libcoveoc4ids_finds_no_error_no_conformance_failure_and_no_warning(downloads):
    package = _package(downloads)
    assert len(package["projects"]) > 100
    result = review(package)
    assert result["validation_errors"] == []
    assert result["conformance_checks"] == []
    assert result["additional_checks"] == []
    assert result["additional_closed_codelist_values"] == {}
    # The one open codelist extended, on purpose: the gazetteers of Libya's districts and
    # municipalities, which locationGazetteers.csv does not list (oc4ids/package.py).
    extended = result["additional_open_codelist_values"]
    assert set(extended) == {"projects/locations/gazetteer/scheme"}
    assert sorted(extended["projects/locations/gazetteer/scheme"]["values"]) == sorted(
        GAZETTEER_SCHEMES
    )
    assert result["additional_fields"] == {} or result["additional_fields_count"] == 0
    # And our own check agrees with it (it has a real URI format checker now).
    assert oc4ids_errors(package) == []


@pytest.mark.parametrize("query", FILTERS[1:])
def test_libcoveoc4ids_accepts_every_filtered_package_and_its_uri_keeps_the_query(downloads, query):
    package = _package(downloads, query)
    result = review(package)
    assert (result["validation_errors"], result["conformance_checks"]) == ([], [])
    assert package["uri"] == f"{SITE}/open-data/projects.json?{query}&kind=projects"


def test_iati_activity_file_passes_schema_rules_and_codelists(downloads):
    xml = downloads[("", "xml", "projects")]
    assert etree.fromstring(xml).xpath("count(//iati-activity)") > 100
    assert iati_errors(xml) == []
    assert iati_rule_errors(xml) == []
    assert iati_codelist_errors(xml) == []


def test_iati_organisation_file_passes_schema_rules_and_codelists(downloads):
    xml = downloads["organisation"]
    assert iati_errors(xml, organisation=True) == []
    assert iati_organisation_rule_errors(xml) == []
    assert iati_codelist_errors(xml, organisation=True) == []
    root = etree.fromstring(xml)
    organisation = root.find("iati-organisation")
    assert organisation.findtext("organisation-identifier") == FUND_ID
    assert organisation.findall("total-budget") and organisation.findall("total-expenditure")
    assert [
        e.get("code") for e in organisation.iterfind("recipient-country-budget/recipient-country")
    ]
    assert {
        e.get("code") for e in organisation.iterfind("recipient-country-budget/recipient-country")
    } == {"LY"}
    assert organisation.findall("document-link")


# --- places, contracting -------------------------------------------------------------


def test_iati_locations_name_their_units_and_a_centroid_is_an_administrative_region(downloads):
    districts = downloads["districts"]
    activities = etree.fromstring(downloads[("", "xml", "projects")]).findall("iati-activity")
    classes = Counter()
    for activity in activities:
        location = activity.find("location")
        code = activity.findtext("iati-identifier").removeprefix(f"{FUND_ID}-")
        pcode = location.get("ref").removeprefix(f"{code}-")
        assert pcode in districts, location.get("ref")
        (described,) = location.xpath("description/narrative[@xml:lang='en']/text()")
        assert f"OCHA p-code {pcode}" in described
        assert f"ISO 3166-2 {districts[pcode]}" in described
        # Only what a GeographicVocabulary code defines: the country.
        assert [(a.get("vocabulary"), a.get("code")) for a in location.iter("administrative")] == [
            ("A4", "LY")
        ]
        exactness = location.find("exactness").get("code")
        location_class = location.find("location-class").get("code")
        assert (exactness, location_class) in {("1", "3"), ("2", "1")}
        if exactness == "2":
            assert location.find("feature-designation").get("code") == "ADM3"
        classes[location_class] += 1
    assert classes["1"] and classes["3"], classes


def test_oc4ids_locations_carry_the_gazetteers_of_municipality_and_district(downloads):
    districts = downloads["districts"]
    for project in _package(downloads)["projects"]:
        municipality, district = project["locations"]
        (pcode,) = municipality["gazetteer"]["identifiers"]
        assert municipality["gazetteer"]["scheme"] == "OCHA-PCODE"
        assert district["gazetteer"] == {"scheme": "ISO3166-2", "identifiers": [districts[pcode]]}
        assert "geometry" not in district  # a district is not a point


def test_oc4ids_contracting_processes_come_from_procurement_and_agreements_once(downloads):
    linked = downloads["linked"]
    projects = {p["identifiers"][1]["id"]: p for p in _package(downloads)["projects"]}
    processes = [c for p in projects.values() for c in p.get("contractingProcesses", [])]
    from_procurement = [c for c in processes if c["id"].startswith("ocds-")]
    assert from_procurement and any(c["id"].startswith("contract-") for c in processes)
    # The same process as the contracting download publishes it.
    records = {r["ocid"]: r for r in json.loads(downloads[("contracting", "record")])["records"]}
    for process in from_procurement:
        record = records[process["id"]]
        assert process["summary"]["ocid"] == record["ocid"]
        assert [r["id"] for r in process["releases"]] == [r["id"] for r in record["releases"]]
        contracts = record["compiledRelease"].get("contracts")
        if contracts:
            assert process["summary"]["contractValue"] == contracts[-1]["value"]
    # Every organization referenced is a party of its project, with the role.
    for project in projects.values():
        roles = {party["id"]: set(party["roles"]) for party in project["parties"]}
        for process in project.get("contractingProcesses", []):
            tender = process["summary"].get("tender", {})
            for ref, role in [
                *((t, "tenderer") for t in tender.get("tenderers", [])),
                *((s, "supplier") for s in process["summary"].get("suppliers", [])),
                *(
                    [(tender["procuringEntity"], "procuringEntity")]
                    if "procuringEntity" in tender
                    else []
                ),
            ]:
                assert role in roles[ref["id"]], (project["id"], ref, role)
    # A procurement contract recorded as an agreement too appears once, as the process.
    ids = [c["id"] for c in projects[linked["code"]]["contractingProcesses"]]
    assert linked["ocid"] in ids
    assert f"contract-{linked['agreement']}" not in ids


def test_published_ocds_passes_libcoveocds(downloads, monkeypatch):
    import jsonref

    from tests.procurement.test_ocds import _ShippedSchemas, cove

    monkeypatch.setattr(jsonref, "requests", _ShippedSchemas())
    for package in ("release", "record"):
        data = json.loads(downloads[("contracting", package)])
        assert data["releases" if package == "release" else "records"]
        result = cove(data)
        assert result["validation_errors"] == [], result["validation_errors"][:3]
        assert not result.get("json_deref_error")
        assert data["publisher"]["name"]
        assert data["uri"].endswith(f"/open-data/contracting.json?package={package}")
    ocids = {r["ocid"] for r in json.loads(downloads[("contracting", "release")])["releases"]}
    assert all(ocid.startswith("ocds-xxdemo-") for ocid in ocids)


def test_the_checkers_do_fail_on_bad_files(downloads):
    """Not vacuous: a wrong code, a bad URI and an overlong period are each caught."""
    xml = downloads[("", "xml", "projects")].replace(
        b'<activity-status code="', b'<activity-status code="9', 1
    )
    assert iati_codelist_errors(xml)
    package = _package(downloads)
    package["projects"][0]["transactions"] = [{"id": "x", "source": "IATI"}]
    assert review(package)["validation_errors"]
    assert oc4ids_errors(package)
    organisation = downloads["organisation"].replace(b'-12-31"', b'-12-31" x="', 0)
    assert iati_organisation_rule_errors(
        organisation.replace(b'period-end iso-date="20', b'period-end iso-date="21', 1)
    )


# --- money that adds up --------------------------------------------------------------


def _dec(value) -> Decimal:
    return Decimal(str(value))


def _iati_money(xml: bytes):
    budgets, money = {}, Counter()
    prefix = f"{FUND_ID}-"
    for activity in etree.fromstring(xml).iter("iati-activity"):
        code = activity.findtext("iati-identifier").removeprefix(prefix)
        values = activity.findall("budget/value")
        if values:
            assert len({v.get("currency") for v in values}) == 1
            budgets[code] = (sum(_dec(v.text) for v in values), values[0].get("currency"))
        else:
            assert activity.get("budget-not-provided")
            budgets[code] = None
        for t in activity.findall("transaction"):
            kind = IATI_TYPE[t.find("transaction-type").get("code")]
            value = t.find("value")
            money[(code, kind, value.get("currency"))] += _dec(value.text)
    return budgets, money


def _oc4ids_money(package: dict):
    budgets, money = {}, Counter()
    for project in package["projects"]:
        code = project["identifiers"][1]["id"]
        budget = project.get("budget")
        budgets[code] = budget and (_dec(budget["amount"]["amount"]), budget["amount"]["currency"])
        for breakdowns in (budget or {}).get("budgetBreakdowns", []):
            for commitment in breakdowns["budgetBreakdown"]:
                amount = commitment["amount"]
                money[(code, "commitment", amount["currency"])] += _dec(amount["amount"])
        for payment in project.get("transactions", []):
            assert payment["payer"]["id"] and payment["payee"]["id"]
            money[(code, "payment", payment["value"]["currency"])] += _dec(
                payment["value"]["amount"]
            )
    return budgets, money


def _rows_csv(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def _rows_xlsx(data: bytes) -> list[dict]:
    sheet = load_workbook(io.BytesIO(data), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    return [
        {h: ("" if v is None else v) for h, v in zip(header, row, strict=True)} for row in rows[1:]
    ]


def _table_money(projects: list[dict], transactions: list[dict]):
    budgets = {
        row["code"]: (_dec(row["budget"]), row["currency"])
        if row["budget"] not in ("", None)
        else None
        for row in projects
    }
    money = Counter()
    for row in transactions:
        money[(row["project_code"], row["kind"], row["currency"])] += _dec(row["amount"])
    return budgets, money


def _payments(money: Counter, receivers: dict) -> Counter:
    """Commitments as they are; disbursements and expenditures as one "payment" kind, counted
    when they name a receiver (OC4IDS transactions need a payee)."""
    merged = Counter()
    for (code, kind, currency), amount in money.items():
        if kind == "commitment":
            merged[(code, kind, currency)] += amount
    for (code, _kind, currency), amount in receivers.items():
        merged[(code, "payment", currency)] += amount
    return merged


@pytest.mark.parametrize("query", FILTERS)
def test_budgets_and_transactions_add_up_the_same_in_every_format_and_the_api(downloads, query):
    csv_projects = _rows_csv(downloads[(query, "csv", "projects")])
    csv_transactions = _rows_csv(downloads[(query, "csv", "transactions")])
    codes = {row["code"] for row in csv_projects}
    assert codes, query

    budgets, money = _table_money(csv_projects, csv_transactions)
    # XLSX: the same rows.
    assert _table_money(
        _rows_xlsx(downloads[(query, "xlsx", "projects")]),
        _rows_xlsx(downloads[(query, "xlsx", "transactions")]),
    ) == (budgets, money)
    # GeoJSON: the same budgets.
    features = json.loads(downloads[(query, "geojson", "projects")])["features"]
    assert {
        f["id"]: (_dec(f["properties"]["budget"]), f["properties"]["currency"])
        if f["properties"]["budget"] is not None
        else None
        for f in features
    } == budgets
    # The public API: the same budgets and transactions.
    api_projects = downloads[(query, "api", "projects")]
    assert {
        p["code"]: (_dec(p["budget"]), p["currency"]) if p["budget"] is not None else None
        for p in api_projects
    } == budgets
    api_money = Counter()
    for t in downloads[("", "api", "transactions")]:
        if t["project"] in codes:
            api_money[(t["project"], t["kind"], t["currency"])] += _dec(t["amount"])
    assert api_money == money

    # IATI: the same, for every project it holds, and it leaves out only projects with no
    # start date (the IATI rules need one; none is invented).
    iati_budgets, iati_money = _iati_money(downloads[(query, "xml", "projects")])
    startless = {
        row["code"] for row in csv_projects if not (row["planned_start"] or row["actual_start"])
    }
    assert set(iati_budgets) == codes - startless
    assert iati_budgets == {code: budgets[code] for code in iati_budgets}
    assert iati_money == Counter({k: v for k, v in money.items() if k[0] in iati_budgets})

    # OC4IDS: the same budgets; commitments as budget sources; payments with a payee.
    oc4ids_budgets, oc4ids_money = _oc4ids_money(_package(downloads, query))
    assert oc4ids_budgets == budgets
    with_receiver = Counter()
    for row in csv_transactions:
        if row["kind"] in PAYMENTS and row["receiver"]:
            with_receiver[(row["project_code"], row["kind"], row["currency"])] += _dec(
                row["amount"]
            )
    assert oc4ids_money == _payments(money, with_receiver)
    # Not vacuous: the demo has money of every kind and in more than one currency.
    assert {k[1] for k in money} == {"commitment", "disbursement", "expenditure"} or query
    assert len({k[2] for k in money}) > 1 or query


def test_every_budgeted_project_publishes_its_budget_and_the_others_say_not_provided(downloads):
    root = etree.fromstring(downloads[("", "xml", "projects")])
    for activity in root.iter("iati-activity"):
        budgets = activity.findall("budget")
        assert bool(budgets) != bool(activity.get("budget-not-provided"))


def test_no_invented_activity_dates(downloads):
    projects = {row["code"]: row for row in _rows_csv(downloads[("", "csv", "projects")])}
    root = etree.fromstring(downloads[("", "xml", "projects")])
    names = {"1": "planned_start", "2": "actual_start", "3": "planned_end", "4": "actual_end"}
    for activity in root.iter("iati-activity"):
        code = activity.findtext("iati-identifier").removeprefix(f"{FUND_ID}-")
        for element in activity.iter("activity-date"):
            assert element.get("iso-date") == projects[code][names[element.get("type")]]


# --- one identity, real references ---------------------------------------------------


def test_the_fund_is_one_organization_with_one_identity(downloads):
    package = _package(downloads)
    fund_names = set()
    for project in package["projects"]:
        parties = {p["id"]: p for p in project["parties"]}
        assert len(parties) == len(project["parties"])
        fund = parties[FUND_ID]
        assert fund["identifier"] == {"scheme": "XX-TEST", "id": "FUND"}
        fund_names |= {p["name"] for p in project["parties"] if "Reconstruction Fund" in p["name"]}
        assert project["publicAuthority"]["id"] == FUND_ID
    assert fund_names == {"Development and Reconstruction Fund of Libya"}
    root = etree.fromstring(downloads[("", "xml", "projects")])
    for org in root.xpath("//participating-org | //provider-org | //receiver-org"):
        if "Reconstruction Fund" in "".join(org.xpath("narrative/text()")):
            assert org.get("ref") == FUND_ID


def test_real_donors_carry_their_organisation_identifiers_everywhere(downloads):
    """Every ref written is the one the demo's real-world partner has in the org-id lists,
    on the right organization; and refs reach participants, providers and receivers."""
    names = {row[0]: row[3] for row in demo_organizations.PUBLIC_BODIES}
    expected = {ref: names[acronym] for acronym, ref in demo_organizations.IATI_IDENTIFIERS.items()}
    expected[FUND_ID] = "Development and Reconstruction Fund of Libya"
    root = etree.fromstring(downloads[("", "xml", "projects")])
    english = "narrative[@{http://www.w3.org/XML/1998/namespace}lang='en']"
    written = Counter()
    for org in root.xpath(
        "//participating-org[@ref] | //provider-org[@ref] | //receiver-org[@ref]"
    ):
        assert expected[org.get("ref")] == org.findtext(english), org.get("ref")
        written[org.tag] += 1
    assert set(written) == {"participating-org", "provider-org", "receiver-org"}
    # Some real donor (not only the fund) is referenced.
    assert set(root.xpath("//participating-org[@role='1']/@ref")) - {FUND_ID}
    parties = [p for project in _package(downloads)["projects"] for p in project["parties"]]
    for party in parties:
        if "identifier" in party:
            identifier = party["identifier"]
            assert party["id"] in expected and party["name"] == expected[party["id"]]
            # The identifier is the ref split into its list and the id in it (a bare DAC
            # number, the World Bank's 44000, is in the DAC list).
            assert party["id"] in (f"{identifier['scheme']}-{identifier['id']}", identifier["id"])


def test_disbursements_name_their_receiver(downloads):
    root = etree.fromstring(downloads[("", "xml", "projects")])
    disbursements = root.xpath("//transaction[transaction-type/@code='3']")
    assert disbursements
    assert all(t.find("receiver-org") is not None for t in disbursements)


# --- the same bytes whoever asks -----------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/open-data/projects.xml",
        "/open-data/projects.json",
        "/open-data/projects.csv",
        "/open-data/projects.geojson",
        "/open-data/organisation.xml",
    ],
)
def test_open_data_does_not_depend_on_the_visitors_language(downloads, path):
    assert downloads[("ar", path)] == downloads[("en", path)]


def test_oc4ids_english_fields_hold_no_arabic_where_english_exists(downloads):
    for project in _package(downloads)["projects"]:
        for party in project["parties"]:
            country = party["address"]["countryName"]
            assert not any("\u0600" <= ch <= "\u06ff" for ch in country), country
