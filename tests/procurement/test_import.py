"""`imar import ocds FILE` on fixtures shaped like real publishers' files: Prozorro's (several
releases per ocid, Ukrainian country names, bid status "active", amounts with decimals) and
a record package like other national systems publish (only compiled releases)."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from imar.organizations.models import Organization
from imar.procurement import flags
from imar.procurement.models import Bid, Process
from imar.procurement.selectors import records_for

FIXTURES = __import__("pathlib").Path(__file__).parent / "fixtures"
OCID = "ocds-be6bcu-UA-2024-01-15-000123-a"
pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("import", "ocds", *map(str, args), stdout=out)
    return out.getvalue()


def test_without_a_mapping_nothing_is_written(make_project):
    out = run(FIXTURES / "prozorro_like.json")
    assert OCID in out and "Nothing imported" in out
    assert not Process.objects.exists()


def test_prozorro_shaped_releases_are_merged_and_imported(make_project):
    project = make_project(code="DRN-0001")
    out = run(FIXTURES / "prozorro_like.json", "--map", f"{OCID}=DRN-0001", "--country", "UA")
    assert "1 contracting processes imported" in out
    process = Process.objects.get(ocid=OCID)
    assert process.project == project and process.status == "contracted"
    assert process.contract.contractor.name_en == "Mostobud LLC"
    assert Bid.objects.filter(process=process).count() == 2
    assert Organization.objects.get(name_en="Kyiv city road service").country == "UA"
    # Our flags on the imported data: 7-day window, the runner-up 0.84% above the winner.
    (record,) = records_for([process])
    codes = {f.code for f in flags.record_flags(record, flags.Thresholds())}
    assert {"R003", "R024"} <= codes


def test_a_record_package_and_a_refused_currency_leave_nothing(make_project, tmp_path):
    make_project(code="P-1")
    package = json.loads((FIXTURES / "prozorro_like.json").read_text())
    releases = package.pop("releases")
    for release in releases:
        for section in ("tender", "bids", "awards", "contracts"):
            text = json.dumps(release.get(section, {})).replace('"EUR"', '"UAH"')
            if section in release:
                release[section] = json.loads(text)
    package["records"] = [{"ocid": OCID, "releases": releases}]
    path = tmp_path / "records.json"
    path.write_text(json.dumps(package))
    with pytest.raises(CommandError, match=OCID):
        run(path, "--map", f"{OCID}=P-1")
    assert not Process.objects.exists() and not Bid.objects.exists()


@pytest.mark.parametrize(
    "content, message",
    [
        ("not json", "not JSON"),
        ('{"releases": [{"ocid": "x"}]}', "no ocid or no date"),
        (
            '{"releases": [{"ocid": "x", "date": "2024-01-01", "tender": {"value": {"amount": NaN}}}]}',
            "does not allow",
        ),
        ("[1, 2]", "not an OCDS"),
    ],
)
def test_bad_files_are_refused_clearly(tmp_path, content, message, make_project):
    path = tmp_path / "bad.json"
    path.write_text(content)
    make_project(code="P-9")
    with pytest.raises(CommandError, match=message):
        run(path, "--map", "x=P-9")


def test_unknown_ocid_or_project_is_refused(make_project):
    with pytest.raises(CommandError, match="Not in the file"):
        run(FIXTURES / "prozorro_like.json", "--map", "ocds-nope-1=P-1")
    with pytest.raises(CommandError, match="No project"):
        run(FIXTURES / "prozorro_like.json", "--map", f"{OCID}=NOPE")
