"""Export records: one typed record per project, shared by every export format.

`ProjectRecord` and the records nested in it (places, figures, organizations and their
roles, transactions, milestones, documents) are frozen dataclasses built here and only
here; the IATI, OC4IDS, CSV, XLSX and GeoJSON exporters read them by attribute name.
Building model instances costs more than serializing them, so the records come from
named `values_list` rows read per chunk of `CHUNK_SIZE` projects: one query for the
projects and one per related table and chunk, so memory stays flat and the number of
queries does not grow with the number of projects. Everything comes from the public
querysets (`.public()`), like the rest of the open data.

The fund is one organization with one identity everywhere: its own organization row (if
any: recognised as `organizations.selectors.the_fund` does, by the fund's identifier or
English name, on the rows already read) and every transaction without a named provider are
the `fund_record()`, whose
identifier is the setting `IMAR_FUND_IATI_ID`; a funder's disbursement with no named
receiver went to the fund that runs the project.

A format asks only for the related rows it writes (`related=`); a collection it did not ask
for is `None` on the record, never an empty tuple, so an exporter reading it fails loudly
instead of writing nothing.
"""

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.db.models import QuerySet
from django_countries.fields import Country

from imar.geo.points import is_location_sensitive, public_point, sensitive_districts
from imar.monitoring.models import Milestone, Transaction
from imar.organizations.models import Organization
from imar.partners.enums import AgreementKind
from imar.partners.models import Agreement
from imar.portfolio.models import ProjectDocument, ProjectOrganization

CHUNK_SIZE = 2000

PARTICIPATIONS = "participations"
TRANSACTIONS = "transactions"
MILESTONES = "milestones"
DOCUMENTS = "documents"
CONTRACTS = "contracts"
PROCUREMENT = "procurement"
ALL_RELATED = frozenset(
    {PARTICIPATIONS, TRANSACTIONS, MILESTONES, DOCUMENTS, CONTRACTS, PROCUREMENT}
)
# How the procurement's OCDS names an organization it knows (`procurement.exports.ocds`).
OCDS_PARTY_ID = re.compile(r"^IMAR-ORG-(\d+)$")


@dataclass(frozen=True, slots=True)
class OrganizationRecord:
    pk: int
    name_ar: str
    name_en: str
    kind: str
    country: Country
    iati_identifier: str
    is_fund: bool = False

    @property
    def name(self) -> str:
        """The English name, else the Arabic one (what one-language formats write)."""
        return self.name_en or self.name_ar


@dataclass(frozen=True, slots=True)
class ParticipationRecord:
    """An organization's public role in a project (funder, implementer, ...)."""

    role: str
    organization: OrganizationRecord


@dataclass(frozen=True, slots=True)
class TransactionRecord:
    pk: int
    project_code: str
    kind: str
    date: date
    amount: Decimal
    currency: str
    amount_lyd: Decimal
    provider: OrganizationRecord | None
    receiver: OrganizationRecord | None


@dataclass(frozen=True, slots=True)
class MilestoneRecord:
    pk: int
    name_ar: str
    name_en: str
    planned_date: date
    actual_date: date | None


@dataclass(frozen=True, slots=True)
class DocumentRecord:
    pk: int
    title_ar: str
    title_en: str
    category: str
    content_type: str
    document_date: date | None
    uploaded_at: datetime


@dataclass(frozen=True, slots=True)
class ContractRecord:
    """A public agreement of kind contract that names the project."""

    pk: int
    reference: str
    title_ar: str
    title_en: str
    status: str
    signed_on: date | None
    effective_from: date | None
    ends_on: date | None
    value: Decimal | None
    currency: str


@dataclass(frozen=True, slots=True)
class ProcurementRecord:
    """A public contracting process of the project, as the procurement publishes it: its OCDS
    record (`ocid`, the stored `releases`, the `compiled` release, all plain dicts as
    published), the organizations its parties name (by OCDS party id, for those the fund
    knows) and the partners agreement its contract is recorded as, if any."""

    ocid: str
    releases: tuple[dict, ...]
    compiled: dict
    organizations: dict[str, OrganizationRecord]
    agreement_id: int | None


@dataclass(frozen=True, slots=True)
class FiguresRecord:
    """The project's kept figures (`monitoring.ProjectFigures`), as of a date."""

    as_of: date
    progress_percent: Decimal
    budget_lyd: Decimal
    spent_lyd: Decimal


@dataclass(frozen=True, slots=True)
class DistrictRecord:
    iso_code: str
    name_en: str
    region_code: str


@dataclass(frozen=True, slots=True)
class MunicipalityRecord:
    pcode: str
    name_ar: str
    name_en: str
    district: DistrictRecord


@dataclass(frozen=True, slots=True)
class PointRecord:
    """Where the public may see the project on the map (`geo.points.public_point`): the
    municipality's point, approximate, for a location-sensitive project."""

    latitude: float
    longitude: float
    approximate: bool


@dataclass(frozen=True, slots=True)
class ProjectSummary:
    """What every format writes of a project: who it is, its status, sector, budget and
    place. GeoJSON writes only this (`iter_summaries`), and skips the rest of the row."""

    id: int
    code: str
    title_ar: str
    title_en: str
    status: str
    sector: str
    currency: str
    budget: Decimal | None
    point: PointRecord
    municipality: MunicipalityRecord


@dataclass(frozen=True, slots=True)
class ProjectRecord(ProjectSummary):
    """The whole project record (`iter_records`): the summary and the rest of the row, the
    figures, and the related collections the format asked for."""

    description_ar: str
    description_en: str
    suspended_from: str
    project_type: str
    planned_start: date | None
    planned_end: date | None
    actual_start: date | None
    actual_end: date | None
    updated_at: datetime
    beneficiaries: int | None
    figures: FiguresRecord | None
    # None when the format did not ask for them (see the module's docstring).
    participations: tuple[ParticipationRecord, ...] | None
    transactions: tuple[TransactionRecord, ...] | None
    milestones: tuple[MilestoneRecord, ...] | None
    documents: tuple[DocumentRecord, ...] | None
    contracts: tuple[ContractRecord, ...] | None = None
    procurement: tuple[ProcurementRecord, ...] | None = None


@dataclass(frozen=True, slots=True)
class TableRecord(ProjectSummary):
    """What a CSV or XLSX row holds (`iter_table_records`): the summary, the row's dates and
    codes, and the public roles; no descriptions, figures or other collections, so a
    spreadsheet row costs little more than its cells."""

    project_type: str
    program_code: str | None
    beneficiaries: int | None
    planned_start: date | None
    planned_end: date | None
    actual_start: date | None
    actual_end: date | None
    updated_at: datetime
    participations: tuple[ParticipationRecord, ...]


RECORD_TYPES = (
    ProjectSummary,
    ProjectRecord,
    TableRecord,
    PointRecord,
    MunicipalityRecord,
    DistrictRecord,
    FiguresRecord,
    ParticipationRecord,
    OrganizationRecord,
    TransactionRecord,
    MilestoneRecord,
    DocumentRecord,
    ContractRecord,
    ProcurementRecord,
)

SUMMARY_FIELDS = [
    "id",
    "code",
    "title_ar",
    "title_en",
    "status",
    "sector",
    "currency",
    "budget",
    "latitude",
    "longitude",
    "location_sensitive",
    "municipality__pcode",
    "municipality__name_ar",
    "municipality__name_en",
    "municipality__latitude",
    "municipality__longitude",
    "municipality__district__iso_code",
    "municipality__district__name_en",
    "municipality__district__region__code",
]
PROJECT_FIELDS = [
    *SUMMARY_FIELDS,
    "description_ar",
    "description_en",
    "suspended_from",
    "project_type",
    "planned_start",
    "planned_end",
    "actual_start",
    "actual_end",
    "updated_at",
    "beneficiaries",
    "figures__as_of",
    "figures__progress_percent",
    "figures__budget_lyd",
    "figures__spent_lyd",
]
TABLE_FIELDS = [
    *SUMMARY_FIELDS,
    "project_type",
    "program__code",
    "beneficiaries",
    "planned_start",
    "planned_end",
    "actual_start",
    "actual_end",
    "updated_at",
]
ORGANIZATION_FIELDS = ["id", "name_ar", "name_en", "kind", "country", "iati_identifier"]
TRANSACTION_FIELDS = ["id", "kind", "date", "amount", "currency", "amount_lyd"]


def fund_record() -> OrganizationRecord:
    """The fund as an organization, with the identity of the settings (name and IATI
    identifier) whatever its own organization row says."""
    return OrganizationRecord(
        pk=0,
        name_ar=settings.IMAR_FUND_NAME_AR,
        name_en=settings.IMAR_FUND_NAME_EN,
        kind="government_body",
        country=Country(code="LY"),
        iati_identifier=settings.IMAR_FUND_IATI_ID,
        is_fund=True,
    )


def _is_fund(row: tuple, prefix: str) -> bool:
    identifier = getattr(row, prefix + "iati_identifier")
    return (bool(identifier) and identifier == settings.IMAR_FUND_IATI_ID) or getattr(
        row, prefix + "name_en"
    ) == settings.IMAR_FUND_NAME_EN


def _chunks(rows, size: int) -> Iterator[list]:
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _organization(row: tuple, prefix: str, known: dict) -> OrganizationRecord | None:
    """The organization in `row` under `prefix` (e.g. "provider__"), None when absent; one
    record per organization in `known` (a `Country` costs more than the rest of a row)."""
    pk = getattr(row, prefix + "id")
    if pk is None:
        return None
    organization = known.get(pk)
    if organization is None and _is_fund(row, prefix):
        organization = known[pk] = known["fund"]
    if organization is None:
        organization = known[pk] = OrganizationRecord(
            pk=pk,
            name_ar=getattr(row, prefix + "name_ar"),
            name_en=getattr(row, prefix + "name_en"),
            kind=getattr(row, prefix + "kind"),
            country=Country(code=getattr(row, prefix + "country")),
            iati_identifier=getattr(row, prefix + "iati_identifier"),
        )
    return organization


def _organizations(ids: set[int], known: dict) -> None:
    """Add these organizations to `known` (one query, even for those already in it)."""
    for row in Organization.objects.filter(pk__in=ids).values_list(
        *ORGANIZATION_FIELDS, named=True
    ):
        _organization(row, "", known)


def _grouped(rows) -> dict[int, list[tuple]]:
    """Named rows by their project_id."""
    grouped: dict[int, list[tuple]] = {}
    for row in rows:
        grouped.setdefault(row.project_id, []).append(row)
    return grouped


def _roles(ids: list[int], known: dict) -> dict[int, tuple[ParticipationRecord, ...]]:
    """Each project's public roles as shared records: plain (project, role, organization)
    rows, and one query for the organizations not yet in `known`."""
    rows = (
        ProjectOrganization.objects.public()
        .filter(project_id__in=ids)
        .order_by("id")
        .values_list("project_id", "role", "organization_id")
    )
    grouped: dict[int, list[tuple[str, int]]] = {}
    for project_id, role, organization_id in rows:
        grouped.setdefault(project_id, []).append((role, organization_id))
    missing = {pk for roles in grouped.values() for _, pk in roles if pk not in known}
    if missing:
        _organizations(missing, known)
    result = {}
    for project_id, roles in grouped.items():
        records = []
        for role, pk in roles:
            record = known.get((role, pk))
            if record is None:
                record = known[(role, pk)] = ParticipationRecord(role=role, organization=known[pk])
            records.append(record)
        result[project_id] = tuple(records)
    return result


def _transactions(ids: list[int]) -> dict[int, list[tuple]]:
    return _grouped(
        Transaction.objects.public()
        .filter(project_id__in=ids)
        .order_by("date", "id")
        .values_list("project_id", *TRANSACTION_FIELDS, "provider_id", "receiver_id", named=True)
    )


def _milestones(ids: list[int]) -> dict[int, list[tuple]]:
    return _grouped(
        Milestone.objects.public()
        .filter(project_id__in=ids)
        .order_by("planned_date", "id")
        .values_list(
            "project_id", "id", "name_ar", "name_en", "planned_date", "actual_date", named=True
        )
    )


def _contracts(ids: list[int]) -> dict[int, list[tuple]]:
    through = Agreement.projects.through
    return _grouped(
        through.objects.filter(
            project_id__in=ids,
            agreement__in=Agreement.objects.public().filter(kind=AgreementKind.CONTRACT),
        )
        .order_by("agreement__signed_on", "agreement_id")
        .values_list(
            "project_id",
            "agreement_id",
            "agreement__reference",
            "agreement__title_ar",
            "agreement__title_en",
            "agreement__status",
            "agreement__signed_on",
            "agreement__effective_from",
            "agreement__ends_on",
            "agreement__value",
            "agreement__currency",
            named=True,
        )
    )


def _procurement(ids: list[int], known: dict) -> dict[int, list[ProcurementRecord]]:
    """Each project's public contracting processes: one query for their published releases
    (the rows `procurement.exports.ocds.package.contracting_processes_of_project` reads for
    one project, here for a chunk) and one for the organizations their parties name; each
    process compiled into its OCDS record by that package's `records_of`."""
    from imar.procurement.exports.ocds.package import records_of
    from imar.procurement.models import Release

    rows = (
        Release.objects.public()
        .filter(process__project_id__in=ids)
        .order_by("ocid", "date", "id")
        .values_list("process__project_id", "process__contract__agreement", "data")
    )
    releases: dict[int, list[dict]] = {}
    agreements: dict[str, int | None] = {}
    for project_id, agreement_id, data in rows:
        releases.setdefault(project_id, []).append(data)
        agreements[data["ocid"]] = agreement_id
    records = {pk: records_of(found) for pk, found in releases.items()}
    organization_ids = {
        int(match.group(1))
        for found in records.values()
        for record in found
        for party in record["compiledRelease"].get("parties", ())
        if (match := OCDS_PARTY_ID.match(party.get("id", "")))
    }
    if organization_ids:
        _organizations(organization_ids, known)
    return {
        pk: [
            ProcurementRecord(
                ocid=record["ocid"],
                releases=tuple(record["releases"]),
                compiled=record["compiledRelease"],
                organizations={
                    party["id"]: known[int(match.group(1))]
                    for party in record["compiledRelease"].get("parties", ())
                    if (match := OCDS_PARTY_ID.match(party.get("id", "")))
                    and int(match.group(1)) in known
                },
                agreement_id=agreements.get(record["ocid"]),
            )
            for record in found
        ]
        for pk, found in records.items()
    }


def _documents(ids: list[int]) -> dict[int, list[tuple]]:
    return _grouped(
        ProjectDocument.objects.public()
        .filter(project_id__in=ids)
        .order_by("document_date", "id")
        .values_list(
            "project_id",
            "id",
            "title_ar",
            "title_en",
            "category",
            "content_type",
            "document_date",
            "uploaded_at",
            named=True,
        )
    )


def _figures(row: tuple) -> FiguresRecord | None:
    if row.figures__as_of is None:
        return None
    return FiguresRecord(
        as_of=row.figures__as_of,
        progress_percent=row.figures__progress_percent,
        budget_lyd=row.figures__budget_lyd,
        spent_lyd=row.figures__spent_lyd,
    )


def _transaction(
    row: tuple, project_code: str, provider, receiver, fund: OrganizationRecord
) -> TransactionRecord:
    """A transaction with no named provider is the fund's own; a funder's disbursement with
    no named receiver went to the fund (see the module's docstring)."""
    if provider is None:
        provider = fund
    if receiver is None and row.kind == "disbursement" and not provider.is_fund:
        receiver = fund
    return TransactionRecord(
        pk=row.id,
        project_code=project_code,
        kind=row.kind,
        date=row.date,
        amount=row.amount,
        currency=row.currency,
        amount_lyd=row.amount_lyd,
        provider=provider,
        receiver=receiver,
    )


def _municipality(row: tuple, places: dict[str, MunicipalityRecord]) -> MunicipalityRecord:
    """One record per municipality (a hundred or so), shared by its projects' records."""
    pcode = row.municipality__pcode
    municipality = places.get(pcode)
    if municipality is None:
        municipality = places[pcode] = MunicipalityRecord(
            pcode=pcode,
            name_ar=row.municipality__name_ar,
            name_en=row.municipality__name_en,
            district=DistrictRecord(
                iso_code=row.municipality__district__iso_code,
                name_en=row.municipality__district__name_en,
                region_code=row.municipality__district__region__code,
            ),
        )
    return municipality


def _summary(row: tuple, places: dict, districts: frozenset[str]) -> dict:
    """The `ProjectSummary` fields of a row, as keyword arguments."""
    latitude, longitude, approximate = public_point(
        row.latitude,
        row.longitude,
        row.municipality__latitude,
        row.municipality__longitude,
        sensitive=is_location_sensitive(
            row.location_sensitive, row.municipality__district__iso_code, districts
        ),
    )
    return {
        "id": row.id,
        "code": row.code,
        "title_ar": row.title_ar,
        "title_en": row.title_en,
        "status": row.status,
        "sector": row.sector,
        "currency": row.currency,
        "budget": row.budget,
        "point": PointRecord(latitude=latitude, longitude=longitude, approximate=approximate),
        "municipality": _municipality(row, places),
    }


def _project(
    row: tuple,
    places: dict,
    districts: frozenset[str],
    *,
    participations,
    transactions,
    milestones,
    documents,
    contracts,
    procurement,
) -> ProjectRecord:
    return ProjectRecord(
        **_summary(row, places, districts),
        description_ar=row.description_ar,
        description_en=row.description_en,
        suspended_from=row.suspended_from,
        project_type=row.project_type,
        planned_start=row.planned_start,
        planned_end=row.planned_end,
        actual_start=row.actual_start,
        actual_end=row.actual_end,
        updated_at=row.updated_at,
        beneficiaries=row.beneficiaries,
        figures=_figures(row),
        participations=participations,
        transactions=transactions,
        milestones=milestones,
        documents=documents,
        contracts=contracts,
        procurement=procurement,
    )


def iter_summaries(queryset: QuerySet) -> Iterator[ProjectSummary]:
    """One summary per project of `queryset` (already public and filtered), in its order:
    one query, read in chunks."""
    places: dict[str, MunicipalityRecord] = {}  # bounded by the gazetteer
    districts = sensitive_districts()
    rows = queryset.values_list(*SUMMARY_FIELDS, named=True)
    for row in rows.iterator(chunk_size=CHUNK_SIZE):
        yield ProjectSummary(**_summary(row, places, districts))


def iter_records(
    queryset: QuerySet, *, related: Collection[str] = ALL_RELATED
) -> Iterator[ProjectRecord]:
    """One record per project of `queryset` (already public and filtered), in its order.

    Per chunk of projects: one query for them, one for each related collection named in
    `related` (`PARTICIPATIONS`, `TRANSACTIONS`, `MILESTONES`, `DOCUMENTS`, `CONTRACTS`,
    `PROCUREMENT`), and one each for the organizations that transactions and contracting
    processes name.
    """
    unknown = set(related) - ALL_RELATED
    if unknown:
        raise ValueError(f"unknown related collections: {sorted(unknown)}")
    rows = queryset.values_list(*PROJECT_FIELDS, named=True).iterator(chunk_size=CHUNK_SIZE)
    places: dict[str, MunicipalityRecord] = {}  # bounded by the gazetteer
    districts = sensitive_districts()
    fund = fund_record()
    # Organizations and their roles as shared records, bounded by the organizations named.
    organizations: dict = {"fund": fund}
    for chunk in _chunks(rows, CHUNK_SIZE):
        ids = [row.id for row in chunk]
        participations = _roles(ids, organizations) if PARTICIPATIONS in related else None
        transactions = _transactions(ids) if TRANSACTIONS in related else None
        milestones = _milestones(ids) if MILESTONES in related else None
        documents = _documents(ids) if DOCUMENTS in related else None
        contracts = _contracts(ids) if CONTRACTS in related else None
        if transactions:
            organization_ids = {
                pk
                for rows in transactions.values()
                for row in rows
                for pk in (row.provider_id, row.receiver_id)
                if pk and pk not in organizations
            }
            if organization_ids:
                _organizations(organization_ids, organizations)
        procurement = _procurement(ids, organizations) if PROCUREMENT in related else None
        for row in chunk:
            pk = row.id
            yield _project(
                row,
                places,
                districts,
                participations=None if participations is None else participations.get(pk, ()),
                transactions=None
                if transactions is None
                else tuple(
                    _transaction(
                        t,
                        row.code,
                        organizations.get(t.provider_id),
                        organizations.get(t.receiver_id),
                        fund,
                    )
                    for t in transactions.get(pk, ())
                ),
                milestones=None
                if milestones is None
                else tuple(
                    MilestoneRecord(
                        pk=m.id,
                        name_ar=m.name_ar,
                        name_en=m.name_en,
                        planned_date=m.planned_date,
                        actual_date=m.actual_date,
                    )
                    for m in milestones.get(pk, ())
                ),
                documents=None
                if documents is None
                else tuple(
                    DocumentRecord(
                        pk=d.id,
                        title_ar=d.title_ar,
                        title_en=d.title_en,
                        category=d.category,
                        content_type=d.content_type,
                        document_date=d.document_date,
                        uploaded_at=d.uploaded_at,
                    )
                    for d in documents.get(pk, ())
                ),
                contracts=None
                if contracts is None
                else tuple(
                    ContractRecord(
                        pk=c.agreement_id,
                        reference=c.agreement__reference,
                        title_ar=c.agreement__title_ar,
                        title_en=c.agreement__title_en,
                        status=c.agreement__status,
                        signed_on=c.agreement__signed_on,
                        effective_from=c.agreement__effective_from,
                        ends_on=c.agreement__ends_on,
                        value=c.agreement__value,
                        currency=c.agreement__currency,
                    )
                    for c in contracts.get(pk, ())
                ),
                procurement=None if procurement is None else tuple(procurement.get(pk, ())),
            )


def iter_table_records(queryset: QuerySet) -> Iterator[TableRecord]:
    """One spreadsheet record per project of `queryset` (already public and filtered), in
    its order: per chunk, one query for the projects and one for their public roles."""
    rows = queryset.values_list(*TABLE_FIELDS, named=True).iterator(chunk_size=CHUNK_SIZE)
    places: dict[str, MunicipalityRecord] = {}  # bounded by the gazetteer
    districts = sensitive_districts()
    fund = fund_record()  # the fund has one identity in every format
    # Organizations and their roles as shared records, bounded by the organizations named.
    organizations: dict = {"fund": fund}
    for chunk in _chunks(rows, CHUNK_SIZE):
        participations = _roles([row.id for row in chunk], organizations)
        for row in chunk:
            yield TableRecord(
                **_summary(row, places, districts),
                project_type=row.project_type,
                program_code=row.program__code,
                beneficiaries=row.beneficiaries,
                planned_start=row.planned_start,
                planned_end=row.planned_end,
                actual_start=row.actual_start,
                actual_end=row.actual_end,
                updated_at=row.updated_at,
                participations=participations.get(row.id, ()),
            )


def iter_transactions(projects: QuerySet) -> Iterator[TransactionRecord]:
    """Every public transaction of these (already public, filtered) projects, by project
    code, date and id: one query, the project and both organizations joined."""
    parties = [
        f"{side}__{name}" for side in ("provider", "receiver") for name in ORGANIZATION_FIELDS
    ]
    rows = (
        Transaction.objects.public()
        .filter(project__in=projects.order_by().values("pk"))
        .order_by("project__code", "date", "id")
        .values_list(*TRANSACTION_FIELDS, "project__code", *parties, named=True)
    )
    fund = fund_record()
    # Bounded by the organizations named.
    organizations: dict = {"fund": fund}
    for row in rows.iterator(chunk_size=CHUNK_SIZE):
        yield _transaction(
            row,
            row.project__code,
            _organization(row, "provider__", organizations),
            _organization(row, "receiver__", organizations),
            fund,
        )
