from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "imar.portal"
    label = "portal"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # What the cached public pages and the map clusters read: any write to one of these
        # bumps the public data version (imar.core.public_version), dropping them at once.
        from imar.core import public_version
        from imar.geo.models import District, Municipality, Region
        from imar.monitoring.models import (
            Milestone,
            ProgressReport,
            ProjectFigures,
            ReportPhoto,
            Transaction,
        )
        from imar.needs.models import Assessment, DamageRecord
        from imar.organizations.models import Organization
        from imar.partners.models import Agreement, AgreementParty
        from imar.portfolio.models import (
            ExchangeRate,
            Program,
            Project,
            ProjectOrganization,
        )

        public_version.watch(
            Project, Program, ProjectOrganization, ExchangeRate, Organization, Agreement,
            AgreementParty, ProgressReport, ReportPhoto, Milestone, Transaction,
            ProjectFigures, Assessment, DamageRecord, District, Municipality, Region,
        )  # fmt: skip
