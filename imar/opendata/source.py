"""Which projects an export holds (the public ones, through the portal's filters), and the
identifiers every export builds from the publisher's settings.

Exporters read the projects as typed records built from plain rows in chunks (`records.py`),
so memory stays flat whatever the number of projects.

Identifiers, once published, cannot be taken back (every IATI activity and OC4IDS project id
is built from them), so there are no invented defaults: until the fund's IATI organisation
identifier (`IMAR_FUND_IATI_ID`) is set, publication refuses to run and says why
(`publication_problems`); the OC4IDS project package needs its registered prefix
(`IMAR_OC4IDS_PREFIX`) too.
"""

import re

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from imar.organizations.identifiers import ORG_ID
from imar.portfolio.filters import filter_public_projects
from imar.portfolio.models import Project

# An OC4IDS prefix as registered with the Open Contracting Partnership: six characters.
OC4IDS_PREFIX = re.compile(r"^[a-z0-9]{6}$")
# An OCDS ocid prefix as the Open Contracting Partnership registers them: "ocds-" and six
# characters (https://standard.open-contracting.org/latest/en/schema/identifiers/).
OCID_PREFIX = re.compile(r"^ocds-[a-z0-9]{6}$")


class ExportFilterError(ValueError):
    """The filters are wrong; `errors` maps each field to its messages."""

    def __init__(self, errors: dict[str, list[str]]):
        self.errors = errors
        super().__init__("; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in errors.items()))


class PublicationNotConfigured(RuntimeError):
    """The publisher's identifiers are not set; `problems` says which and why."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(" ".join(problems))


def publication_problems(*, oc4ids: bool = False, ocds: bool = False) -> list[str]:
    """Why open data cannot be published yet (translated); empty when it can.

    `oc4ids` adds the OC4IDS prefix, which only the project package needs; `ocds` the OCDS
    ocid prefix, which only the contracting data (`/open-data/contracting.json`) needs."""
    problems = []
    fund_id = settings.IMAR_FUND_IATI_ID
    if not fund_id:
        problems.append(
            _(
                "The fund's IATI organisation identifier (IMAR_FUND_IATI_ID) is not set. "
                "Every published identifier is built from it, so open data is published "
                "only once the fund has its own registered identifier."
            )
        )
    elif not ORG_ID.match(fund_id):
        problems.append(
            _(
                "The fund's IATI organisation identifier (IMAR_FUND_IATI_ID) is not a valid "
                "organisation identifier: a registration agency prefix and an id, such as "
                "XM-DAC-12345."
            )
        )
    if oc4ids:
        prefix = settings.IMAR_OC4IDS_PREFIX
        if not prefix:
            problems.append(
                _(
                    "The OC4IDS project id prefix (IMAR_OC4IDS_PREFIX) is not set: register "
                    "one with the Open Contracting Partnership before publishing OC4IDS."
                )
            )
        elif not OC4IDS_PREFIX.match(prefix):
            problems.append(
                _(
                    "The OC4IDS project id prefix (IMAR_OC4IDS_PREFIX) must be the six "
                    "lowercase letters or digits the Open Contracting Partnership registered."
                )
            )
    if ocds:
        problems += contracting_problems()
    return problems


def contracting_problems() -> list[str]:
    """Why the OCDS contracting data cannot be published yet (translated); empty when it can.
    Every ocid is built from the prefix and, once published, cannot be taken back."""
    prefix = settings.IMAR_OCID_PREFIX
    if not prefix:
        return [
            _(
                "The OCDS ocid prefix (IMAR_OCID_PREFIX) is not set: every contracting "
                "process id is built from it, so register one with the Open Contracting "
                "Partnership before publishing the contracting data."
            )
        ]
    if not OCID_PREFIX.match(prefix):
        return [
            _(
                "The OCDS ocid prefix (IMAR_OCID_PREFIX) must be “ocds-” followed by the six "
                "lowercase letters or digits the Open Contracting Partnership registered."
            )
        ]
    return []


def require_publication(*, oc4ids: bool = False) -> None:
    """Raise `PublicationNotConfigured` unless the identifiers are set."""
    if problems := publication_problems(oc4ids=oc4ids):
        raise PublicationNotConfigured(problems)


def export_projects(params=None) -> QuerySet[Project]:
    """Public projects matching the portal's filters, in code order."""
    queryset, filterset = filter_public_projects(Project.objects.public(), params or {})
    if filterset.errors:
        raise ExportFilterError({k: [str(m) for m in v] for k, v in filterset.errors.items()})
    return queryset.order_by("code")


def fund_identifier() -> str:
    """The fund's IATI organisation identifier; refuses when it is not set (exporters call
    `require_publication` first, which also checks its form; this runs once per element)."""
    identifier = settings.IMAR_FUND_IATI_ID
    if not identifier:
        require_publication()
    return identifier


def identifier_of(code: str) -> str:
    """The globally unique IATI activity identifier: `<fund IATI id>-<project code>`."""
    return f"{fund_identifier()}-{code}"


def project_identifier(project) -> str:
    return identifier_of(project.code)


def oc4ids_prefix() -> str:
    prefix = settings.IMAR_OC4IDS_PREFIX
    if not prefix:
        require_publication(oc4ids=True)
    return prefix


def oc4ids_project_id(code: str) -> str:
    """The OC4IDS project id: `oc4ids-<registered prefix>-<project code>`."""
    return f"oc4ids-{oc4ids_prefix()}-{code}"
