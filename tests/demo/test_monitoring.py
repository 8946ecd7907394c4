"""The demo's money: every disbursement names who receives it (the project's implementer,
else its contractor), so open data's receiver columns are filled."""

from io import StringIO

from django.core.management import call_command
from django.db.models import Q

from imar.monitoring.models import Transaction
from imar.organizations.models import Organization
from imar.portfolio.models import ProjectOrganization


def test_every_demo_disbursement_names_its_receiver(gazetteer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    steps = ["imar.demo.accounts", "imar.demo.organizations", "imar.demo.portfolio",
             "imar.demo.monitoring"]  # fmt: skip
    call_command("demo", projects=60, seed=7, only=steps, stdout=StringIO())
    disbursements = Transaction.objects.filter(kind="disbursement")
    assert disbursements.count() > 10
    assert not disbursements.filter(receiver=None).exists()
    fund_ids = set(Organization.objects.filter(acronym="DRF").values_list("pk", flat=True))
    for transaction in disbursements.select_related("project"):
        if transaction.provider_id not in fund_ids | {None}:
            # Another funder pays the fund, which pays the works.
            assert transaction.receiver_id in fund_ids
            continue
        parties = ProjectOrganization.objects.filter(project=transaction.project).filter(
            Q(role="implementer") | Q(role="contractor")
        )
        assert parties.filter(organization_id=transaction.receiver_id).exists()
        implementer = parties.filter(role="implementer").order_by("-id").first()
        if implementer is not None:
            assert transaction.receiver_id == implementer.organization_id
