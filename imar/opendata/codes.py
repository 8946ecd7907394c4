"""How Imar's own codes map onto the IATI 2.03 and OC4IDS 0.9 codelists: one table each.

IATI OrganisationRole (1 Funding, 2 Accountable, 3 Extending, 4 Implementing):
  the fund itself is listed as 2 Accountable (it answers for the activity and reports it);
  a funder is 1 Funding; an implementer and a contractor both physically carry out the work
  (4 Implementing); the supervising engineer carries out the supervision services, which
  IATI also counts as implementing (4). "Extending" (3) would mean managing the funder's
  money on its behalf, which the fund's partners do not do.

IATI ActivityStatus: identified, appraised, approved and procurement are all before works
  start (1 Pipeline/identification); implementation is 2; completed is 3 Finalisation
  (works handed over, accounts may still move, so not yet 4 Closed); cancelled 5;
  suspended 6.

OC4IDS projectStatus: identified → identification; appraised, approved and procurement
  → preparation (feasibility, financing and procurement of the main contract);
  implementation → implementation; completed → completion; cancelled → cancelled; a
  suspended project keeps the phase it was suspended in.
"""

import re
from functools import cache

from django.utils import translation
from django_countries import countries

from imar.organizations.enums import OrganizationKind
from imar.portfolio.enums import OrganizationRole, ProjectStatus

IATI_ACTIVITY_STATUS = {
    ProjectStatus.IDENTIFIED: "1",
    ProjectStatus.APPRAISED: "1",
    ProjectStatus.APPROVED: "1",
    ProjectStatus.PROCUREMENT: "1",
    ProjectStatus.IMPLEMENTATION: "2",
    ProjectStatus.COMPLETED: "3",
    ProjectStatus.CANCELLED: "5",
    ProjectStatus.SUSPENDED: "6",
}

IATI_FUND_ROLE = "2"  # Accountable
IATI_ORGANISATION_ROLE = {
    OrganizationRole.FUNDER: "1",
    OrganizationRole.IMPLEMENTER: "4",
    OrganizationRole.CONTRACTOR: "4",
    OrganizationRole.SUPERVISING_ENGINEER: "4",
}

# IATI OrganisationType; companies and NGOs depend on whether they are Libyan.
IATI_ORGANISATION_TYPE = {
    OrganizationKind.GOVERNMENT_BODY: "10",
    OrganizationKind.FOREIGN_GOVERNMENT: "10",
    OrganizationKind.DEVELOPMENT_AGENCY: "10",
    OrganizationKind.MULTILATERAL: "40",
}


def iati_organisation_type(kind: str, country: str) -> str:
    if kind == OrganizationKind.COMPANY:
        return "72" if country == "LY" else "70"
    if kind == OrganizationKind.NGO:
        return "22" if country == "LY" else "21"
    return IATI_ORGANISATION_TYPE.get(kind, "90")


# IATI CollaborationType from the funders' kinds: a foreign government or its agency funds
# bilaterally (1), a multilateral multilaterally (2); the fund's own money, Libyan bodies
# and mixed funding have no single type, and none is written.
def iati_collaboration_type(funders: list[tuple[str, bool]]) -> str | None:
    kinds = {
        "1"
        if kind in (OrganizationKind.FOREIGN_GOVERNMENT, OrganizationKind.DEVELOPMENT_AGENCY)
        else "2"
        if kind == OrganizationKind.MULTILATERAL
        else None
        for kind, is_fund in funders
        if not is_fund
    }
    return kinds.pop() if len(kinds) == 1 and None not in kinds else None


# IATI TransactionType
IATI_TRANSACTION_TYPE = {"commitment": "2", "disbursement": "3", "expenditure": "4"}

OC4IDS_PROJECT_STATUS = {
    ProjectStatus.IDENTIFIED: "identification",
    ProjectStatus.APPRAISED: "preparation",
    ProjectStatus.APPROVED: "preparation",
    ProjectStatus.PROCUREMENT: "preparation",
    ProjectStatus.IMPLEMENTATION: "implementation",
    ProjectStatus.COMPLETED: "completion",
    ProjectStatus.CANCELLED: "cancelled",
}


def oc4ids_status(status: str, suspended_from: str) -> str:
    if status == ProjectStatus.SUSPENDED:
        return OC4IDS_PROJECT_STATUS.get(suspended_from, "implementation")
    return OC4IDS_PROJECT_STATUS[status]


# OC4IDS partyRole: the fund owns and pays for the project (publicAuthority, buyer, funder;
# `publicAuthority` at project level names it); implementers are public bodies delivering
# the asset for the state (publicAuthority too); contractors and supervising engineers
# are suppliers of works and services.
OC4IDS_PARTY_ROLE = {
    OrganizationRole.FUNDER: "funder",
    OrganizationRole.IMPLEMENTER: "publicAuthority",
    OrganizationRole.CONTRACTOR: "supplier",
    OrganizationRole.SUPERVISING_ENGINEER: "supplier",
}
OC4IDS_FUND_ROLES = ["publicAuthority", "buyer", "funder"]


# Project documents → (OC4IDS documentType, IATI DocumentCategory). IATI has no code for
# designs, certificates or photos: A01 appraisal covers studies and impact assessments,
# A07 performance review covers progress and completion, A12 "activity web page" the rest.
# OC4IDS has no "other" type: such documents go out without a documentType.
DOCUMENT_CATEGORY_CODES = {
    "feasibility_study": ("feasibilityStudy", "A01"),
    "environmental_impact": ("environmentalImpact", "A01"),
    "design": ("designReport", "A02"),
    "procurement_notice": ("tenderNotice", "A10"),
    "contract": ("contractSigned", "A11"),
    "progress_report": ("physicalProgressReport", "A07"),
    "completion_certificate": ("completionCertificate", "A07"),
    "evaluation": ("projectEvaluation", "A07"),
    "photos": ("illustration", "A12"),
    "other": (None, "A12"),
}


def oc4ids_document_type(category: str) -> str | None:
    return DOCUMENT_CATEGORY_CODES[category][0]


def iati_document_category(category: str) -> str:
    return DOCUMENT_CATEGORY_CODES[category][1]


# OC4IDS contractingProcessStatus from an agreement's status.
OC4IDS_CONTRACT_STATUS = {
    "draft": "pre-award",
    "signed": "active",
    "in_force": "active",
    "completed": "closed",
    "terminated": "closed",
    "expired": "closed",
}


def oc4ids_contract_status(status: str) -> str:
    return OC4IDS_CONTRACT_STATUS.get(status, "active")


_ORG_ID = re.compile(r"^([A-Z]{2}-[A-Za-z0-9]+)-(.+)$")


def org_id_parts(identifier: str) -> tuple[str, str]:
    """An organisation identifier split into its org-id list (scheme) and the id within it:
    "XM-DAC-41114" → ("XM-DAC", "41114"), "XI-IATI-EC_NEAR" → ("XI-IATI", "EC_NEAR"). A
    bare number is a DAC code from before IATI had prefixes (the World Bank's 44000)."""
    match = _ORG_ID.match(identifier)
    if match:
        return match.group(1), match.group(2)
    return "XM-DAC", identifier


@cache
def country_name_en(code: str) -> str:
    """A country's English name from its ISO code, whatever the visitor's language."""
    with translation.override("en"):
        return str(countries.name(code)) or code
