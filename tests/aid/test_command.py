"""`imar import iati FILE…`, and the fund's IATI export never republishing donors' data."""

import pytest
from django.core.management import call_command, get_commands
from django.core.management.base import CommandError

from imar.aid.models import DonorActivity, ImportRun
from tests.aid import files

pytestmark = pytest.mark.django_db


def test_import_iati_imports_files_and_reports(gazetteer, capsys, tmp_path):
    other = tmp_path / "other.xml"
    other.write_bytes(files.iati_file(files.activity("US-GOV-1-LY-5")))
    call_command("import", "iati", str(files.SDC), str(other))
    out = capsys.readouterr().out
    assert "ly-sdc-activities.xml (IATI 2.03): created 6" in out
    assert "other.xml (IATI 2.03): created 1" in out
    assert DonorActivity.objects.count() == 7 and ImportRun.objects.count() == 2


def test_refused_file_fails_the_command_and_writes_nothing(gazetteer, capsys, tmp_path):
    bad = tmp_path / "old.xml"
    bad.write_bytes(files.iati_file(files.activity(), version="1.03"))
    with pytest.raises(CommandError):
        call_command("import", "iati", str(bad))
    assert "1.0x" in capsys.readouterr().err
    assert DonorActivity.objects.count() == 0


def test_missing_file_and_missing_subcommand(gazetteer):
    with pytest.raises(CommandError, match="no such file"):
        call_command("import", "iati", "/nonexistent.xml")
    with pytest.raises(CommandError):
        call_command("import")


def test_importer_is_recorded_with_user(gazetteer, officer):
    call_command("import", "iati", str(files.SDC), user=officer.username)
    assert ImportRun.objects.get().imported_by == officer


def test_existing_commands_are_still_there():
    """One `import` command (core) with a subcommand per standard, given by each app."""
    from imar.core import importers

    commands = get_commands()
    assert commands["import"] == "imar.core"
    assert {s.name for s in importers.standards()} >= {"iati", "ocds"}
    for name in ("export", "demo", "allocate", "schedule", "load_gazetteer"):
        assert name in commands


def test_the_funds_iati_export_has_no_donor_activity(do_import, water_project, officer):
    """Linked or not, a donor activity is never republished as the fund's."""
    from imar.aid import services
    from imar.opendata.exports.iati.activities import activities_xml
    from imar.opendata.source import export_projects

    do_import(files.SDC)
    do_import(files.iati_file(files.activity("US-GOV-1-LY-1")))
    donor = DonorActivity.objects.get(iati_identifier="US-GOV-1-LY-1")
    services.link_decide(by=officer, activity=donor, project=water_project, status="confirmed")
    xml = b"".join(activities_xml(export_projects(None))).decode()
    assert water_project.code in xml or "DRN-W-01" in xml
    for identifier in DonorActivity.objects.values_list("iati_identifier", flat=True):
        # never an activity of the file; the confirmed one only as a related activity
        assert f"<iati-identifier>{identifier}<" not in xml
        if identifier != "US-GOV-1-LY-1":
            assert identifier not in xml
    assert xml.count('<related-activity ref="US-GOV-1-LY-1" type="5"/>') == 1


def test_the_service_takes_a_path_as_well_as_a_stream(gazetteer, officer):
    from imar.aid.services import activity_import

    run = activity_import(file=files.SDC, by=officer)
    assert run.status == "done" and run.counts["created"] == 6
    assert run.file_name == files.SDC.name
