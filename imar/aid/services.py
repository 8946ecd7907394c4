"""Writes of donors' activities: the import of a file, and the links to projects.

`activity_import` reads one file in one transaction: every activity it keeps is written,
or (the file refused as a whole) none is, and the import's report is kept either way.
`link_decide` and `link_counting` record a person's decision, each with its audit event.
"""

import hashlib
import os
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from imar.accounts.audit import record_event
from imar.aid import matching, places
from imar.aid.bulk import Inserter
from imar.aid.enums import COUNTED_TYPES, CountingSource, LinkStatus, Outcome, RunStatus
from imar.aid.imports.iati.activity import ActivityData, ActivityRefused, read_activity
from imar.aid.imports.iati.mappers.organizations import country_of, kind_of
from imar.aid.imports.iati.reader import FileRefused, iter_activities
from imar.aid.imports.iati.schema import schema_warnings
from imar.aid.models import ActivityLink, DonorActivity, DonorTransaction, ImportRun
from imar.geo.models import District, Municipality
from imar.organizations.models import Organization
from imar.organizations.services import organization_save


class _HashingReader:
    """A file wrapper that hashes what the parser reads and refuses past `limit` bytes."""

    def __init__(self, raw, limit: int):
        self.raw, self.limit, self.size = raw, limit, 0
        self.digest = hashlib.sha256()

    def read(self, n: int = -1) -> bytes:
        chunk = self.raw.read(n if n and n > 0 else 1 << 16)
        self.size += len(chunk)
        if self.size > self.limit:
            raise FileRefused(_too_big(self.limit))
        self.digest.update(chunk)
        return chunk


def _too_big(limit: int) -> str:
    return _("The file is larger than %(mb)s MB, the most one import reads.") % {
        "mb": limit // (1 << 20)
    }


def _size_of(file) -> int | None:
    size = getattr(file, "size", None)
    if size is not None:
        return size
    try:
        return os.fstat(file.fileno()).st_size
    except (AttributeError, OSError, ValueError):
        return None


@dataclass
class _Context:
    by: object
    run: ImportRun
    country: str
    now: object
    orgs: dict
    districts: places.DistrictIndex
    district_by_pcode: dict
    municipalities: dict  # district id -> [(id, lat, lon)]
    municipality_by_pcode: dict  # pcode -> (id, district id)
    seen: dict  # identifier -> last_updated kept in this file
    created_orgs: set  # ids of organizations this import created (to review)
    stored: dict  # identifier -> last_updated, of the activities already in the database


def _context(*, by, run) -> _Context:
    orgs = {o.iati_identifier: o for o in Organization.objects.exclude(iati_identifier="")}
    districts = list(District.objects.values_list("id", "geometry"))
    municipalities: dict = {}
    by_pcode = {}
    for mid, district_id, lat, lon, pcode in Municipality.objects.values_list(
        "id", "district_id", "latitude", "longitude", "pcode"
    ):
        municipalities.setdefault(district_id, []).append((mid, lat, lon))
        by_pcode[pcode.upper()] = (mid, district_id)
    return _Context(
        by=by,
        run=run,
        country=settings.IMAR_AID_COUNTRY,
        now=timezone.now(),
        orgs=orgs,
        districts=places.DistrictIndex(districts),
        district_by_pcode={p.upper(): i for i, p in District.objects.values_list("id", "pcode")},
        municipalities=municipalities,
        municipality_by_pcode=by_pcode,
        seen={},
        created_orgs=set(),
        stored=dict(DonorActivity.objects.values_list("iati_identifier", "last_updated")),
    )


def _place(ctx: _Context, data: ActivityData) -> set[int]:
    """Fill each location's district and municipality; the districts of the activity."""
    found: set[int] = set()
    for location in data.locations:
        district = municipality = None
        for admin in location["administrative"]:
            code = admin["code"].upper()
            if code in ctx.municipality_by_pcode:
                municipality, district = ctx.municipality_by_pcode[code]
            elif code in ctx.district_by_pcode and district is None:
                district = ctx.district_by_pcode[code]
        if district is None and location["point"]:
            lat, lon = location["point"]
            district = ctx.districts.district_of(lat, lon)
            if district is not None and municipality is None:
                municipality = places.nearest((lat, lon), ctx.municipalities.get(district, []))
        location["district"], location["municipality"] = district, municipality
        if district is not None:
            found.add(district)
    return found


def _reporting_org(ctx: _Context, data: ActivityData) -> tuple[Organization, bool]:
    ref, name = data.reporting_org["ref"], data.reporting_org["name"]
    if ref and ref in ctx.orgs:
        organization = ctx.orgs[ref]
        return organization, organization.pk in ctx.created_orgs
    country = country_of(ref)
    if country is None:
        country = ctx.country
        data.warnings.append(
            _("The reporting organization's country is unknown: set to %(country)s until reviewed.")
            % {"country": country}
        )
    organization = organization_save(
        by=ctx.by,
        fields={
            "name_en": (name or ref)[:255],
            "name_ar": (name or ref)[:255],
            "kind": kind_of(data.reporting_org["type"]),
            "country": country,
            "iati_identifier": ref[:100],
            "notes": _("Created by an IATI import; check it."),
        },
    )
    if ref:
        ctx.orgs[ref] = organization
    ctx.created_orgs.add(organization.pk)
    return organization, True


def _outcome(ctx: _Context, data: ActivityData, existing, xml: bytes) -> tuple[str, str]:
    """(outcome, reason) for an activity that is for the country."""
    new = data.last_updated
    ident = data.iati_identifier
    if ident in ctx.seen:
        kept = ctx.seen[ident]
        if new is not None and (kept is None or new > kept):
            return Outcome.UPDATED, _(
                "appears more than once in the file: this newer version (%(date)s) is kept"
            ) % {"date": new.isoformat()}
        return Outcome.SKIPPED, _(
            "appears more than once in the file: this version is not newer than the one kept"
        )
    if existing is None:
        return Outcome.CREATED, ""
    old = existing.last_updated
    if new is not None and old is not None:
        if new > old:
            return Outcome.UPDATED, ""
        if new == old:
            return Outcome.UNCHANGED, ""
        return Outcome.SKIPPED, _(
            "older than the stored version (last updated %(new)s, stored %(old)s)"
        ) % {"new": new.isoformat(), "old": old.isoformat()}
    if new is None and old is not None:
        return Outcome.SKIPPED, _(
            "has no last-updated-datetime while the stored version has one (%(old)s)"
        ) % {"old": old.isoformat()}
    if existing.original_xml == xml.decode("utf-8"):
        return Outcome.UNCHANGED, ""
    return Outcome.UPDATED, _("no last-updated-datetime: updated because its content changed")


_COPIED = (
    "titles", "descriptions", "status", "dates", "start_date", "end_date", "sectors",
    "recipient_countries", "locations", "participating_orgs", "budgets", "results",
    "documents", "humanitarian", "default_currency", "last_updated", "warnings",
)  # fmt: skip


def _values(ctx: _Context, data: ActivityData, xml: bytes, existing) -> dict:
    """The activity's columns ({attname: value}) as this import writes them."""
    organization, created = _reporting_org(ctx, data)
    values = {name: getattr(data, name) for name in _COPIED}
    values.update(
        iati_identifier=data.iati_identifier,
        reporting_org_id=organization.pk,
        reporting_org_ref=data.reporting_org["ref"],
        reporting_org_name=data.reporting_org["name"],
        reporting_org_needs_review=created
        or (existing is not None and existing.reporting_org_needs_review),
        run_id=ctx.run.pk,
        source_file_name=ctx.run.file_name,
        source_sha256=ctx.run.sha256 or "pending",
        imported_at=ctx.now,
        imported_by_id=ctx.by.pk if getattr(ctx.by, "is_authenticated", False) else None,
        original_xml=xml.decode("utf-8"),
    )
    return values


def _fill(ctx: _Context, data: ActivityData, xml: bytes, existing) -> DonorActivity:
    activity = existing or DonorActivity(iati_identifier=data.iati_identifier)
    for name, value in _values(ctx, data, xml, existing).items():
        setattr(activity, name, value)
    return activity


def _update(ctx: _Context, data: ActivityData, xml: bytes, existing, districts: set[int]):
    activity = _fill(ctx, data, xml, existing)
    activity.save()
    activity.districts.set(districts)
    activity.transactions.all().delete()  # replaced, never duplicated
    DonorTransaction.objects.bulk_create(
        DonorTransaction(activity=activity, **vars(tx)) for tx in data.transactions
    )
    return activity


BATCH = 250


class _Writer:
    """New activities, their districts and transactions, written in a few bulk inserts."""

    def __init__(self):
        self.activities = Inserter(DonorActivity)
        self.districts = Inserter(DonorActivity.districts.through)
        self.transactions = Inserter(DonorTransaction)

    def flush(self, pending: list, written: list) -> None:
        if not pending:
            return
        self.activities.insert(values for values, _tx, _d in pending)
        ids = dict(
            DonorActivity.objects.filter(
                iati_identifier__in=[values["iati_identifier"] for values, _tx, _d in pending]
            ).values_list("iati_identifier", "id")
        )
        self.districts.insert(
            {"donoractivity_id": ids[values["iati_identifier"]], "district_id": district}
            for values, _tx, districts in pending
            for district in sorted(districts)
        )
        self.transactions.insert(
            {**vars(tx), "activity_id": ids[values["iati_identifier"]]}
            for values, transactions, _d in pending
            for tx in transactions
        )
        written.extend(ids[values["iati_identifier"]] for values, _tx, _d in pending)
        pending.clear()


def _import_rows(ctx: _Context, stream, counts: dict, rows: list, written: list, tick=None) -> str:
    version = ""
    pending: list = []
    writer = _Writer()
    for header, elem, xml in iter_activities(stream):
        version = header.version
        if tick is not None:
            tick()
        try:
            data = read_activity(elem, file_lang=header.default_lang)
        except ActivityRefused as error:
            ident = _identifier_hint(elem)
            counts[Outcome.REFUSED] += 1
            rows.append({"identifier": ident, "outcome": Outcome.REFUSED, "reason": str(error)})
            continue
        data.warnings.extend(schema_warnings(elem, header.version))
        if not data.has_country(ctx.country):
            counts[Outcome.SKIPPED] += 1
            countries = ", ".join(c["code"] for c in data.recipient_countries) or "—"
            rows.append(
                {
                    "identifier": data.iati_identifier,
                    "outcome": Outcome.SKIPPED,
                    "reason": _("not for %(country)s (recipient countries: %(countries)s)")
                    % {"country": ctx.country, "countries": countries},
                }
            )
            continue
        data.keep_country(ctx.country)
        ident = data.iati_identifier
        existing = None
        if ident in ctx.seen:
            writer.flush(pending, written)  # the earlier version is written before it is compared
            existing = DonorActivity.objects.filter(iati_identifier=ident).first()
        elif ident in ctx.stored:
            existing = _stored(ctx, data)
        outcome, reason = _outcome(ctx, data, existing, xml)
        if outcome in (Outcome.CREATED, Outcome.UPDATED):
            districts = _place(ctx, data)
            if existing is None:
                pending.append((_values(ctx, data, xml, None), data.transactions, districts))
                if len(pending) >= BATCH:
                    writer.flush(pending, written)
            else:
                written.append(_update(ctx, data, xml, existing, districts).pk)
            ctx.seen[ident] = data.last_updated
        counts[outcome] += 1
        rows.append(
            {
                "identifier": data.iati_identifier,
                "outcome": outcome,
                "reason": reason,
                "warnings": data.warnings[:12],
            }
        )
    writer.flush(pending, written)
    return version


@dataclass
class _Known:
    """A stored activity known by its last update only (read with every identifier, once):
    enough for `_outcome` when this version is not newer, so the row is not read."""

    last_updated: object


def _stored(ctx: _Context, data: ActivityData):
    """The stored activity of `data`'s identifier, or what `_outcome` needs of it: a re-upload
    of unchanged or older versions reads no row."""
    old, new = ctx.stored[data.iati_identifier], data.last_updated
    if old is not None and new is not None and new <= old:
        return _Known(last_updated=old)
    return DonorActivity.objects.filter(iati_identifier=data.iati_identifier).first()


def _identifier_hint(elem) -> str:
    for child in elem:
        if isinstance(child.tag, str) and child.tag.endswith("iati-identifier"):
            return (child.text or "").strip()[:200]
    return ""


def activity_import(
    *, file, by, file_name: str = "", suggest: bool = True, progress=None
) -> ImportRun:
    """Import one IATI activity file (an open binary file, or a path); returns the kept
    report. One call, one file: what a background job runs as it is. `progress(done,
    total, message)` (a job's reporter or a terminal bar) hears the bytes read so far.

    The file is read once, streamed; a refused file (not XML, not IATI, 1.0x, hostile,
    too large) writes nothing but its report."""
    if isinstance(file, str | os.PathLike):
        with open(file, "rb") as handle:
            return activity_import(
                file=handle,
                by=by,
                file_name=file_name or os.fspath(file),
                suggest=suggest,
                progress=progress,
            )
    limit = settings.IMAR_AID_MAX_FILE_MB << 20
    counts = {outcome.value: 0 for outcome in Outcome}
    rows: list = []
    written: list[int] = []
    actor = by if getattr(by, "is_authenticated", False) else None
    run = ImportRun(file_name=os.path.basename(file_name)[:255], imported_by=actor)
    stream = _HashingReader(file, limit)
    try:
        size = _size_of(file)
        if size is not None and size > limit:
            raise FileRefused(_too_big(limit))
        with transaction.atomic():
            run.status, run.sha256 = RunStatus.DONE, ""
            run.save()
            ctx = _context(by=by, run=run)
            tick = None
            if progress is not None:
                total = size or None
                progress(0, total, _("Reading the activities"))

                def tick():
                    done = stream.size if total is None else min(stream.size, total)
                    progress(done, total)

            run.iati_version = _import_rows(ctx, stream, counts, rows, written, tick)
            while stream.read(1 << 16):  # hash whatever follows the root (whitespace)
                pass
            run.sha256, run.size = stream.digest.hexdigest(), stream.size
            run.counts, run.rows = counts, rows
            run.save()
            # every activity this import wrote names the run: one UPDATE, no list of ids
            DonorActivity.objects.filter(run=run).update(source_sha256=run.sha256)
            if suggest and written:
                if progress is not None:
                    progress(stream.size, stream.size, _("Suggesting matching projects"))
                refresh_suggestions(activity_ids=written)
            record_event(action="aid.import", instance=run, actor=by, changes=_summary(run))
    except FileRefused as error:
        run.pk = None
        run.status, run.error = RunStatus.FAILED, str(error)
        run.sha256, run.size = stream.digest.hexdigest(), stream.size
        run.counts = {outcome.value: 0 for outcome in Outcome}
        run.rows = []
        with transaction.atomic():
            run.save()
            record_event(action="aid.import_refused", instance=run, actor=by, reason=str(error))
    return run


def _summary(run: ImportRun) -> dict:
    return {key: [None, value] for key, value in run.counts.items() if value}


# ---- links --------------------------------------------------------------------------------


def _activity_facts(activity: DonorActivity) -> matching.ActivityFacts:
    from imar.core.text import normalize_search

    refs = {activity.reporting_org_ref} | {o["ref"] for o in activity.participating_orgs}
    names = {activity.reporting_org_name} | {o["name"] for o in activity.participating_orgs}
    return matching.ActivityFacts(
        titles=activity.titles,
        org_refs=frozenset(r for r in refs if r),
        org_names=frozenset(normalize_search(n) for n in names if n),
        districts=frozenset(d for d in (loc.get("district") for loc in activity.locations) if d),
        municipalities=frozenset(
            m for m in (loc.get("municipality") for loc in activity.locations) if m
        ),
        sectors=frozenset(s["sector"] for s in activity.sectors if s.get("sector")),
    )


def _project_facts() -> list[matching.ProjectFacts]:
    from imar.core.text import normalize_search
    from imar.partners.models import AgreementParty
    from imar.portfolio.models import Project, ProjectOrganization

    orgs: dict[int, tuple[set, set]] = {}
    for pid, ref, name in ProjectOrganization.objects.values_list(
        "project_id", "organization__iati_identifier", "organization__name_en"
    ):
        refs, names = orgs.setdefault(pid, (set(), set()))
        if ref:
            refs.add(ref)
        names.add(normalize_search(name))
    agreement_orgs: dict[int, tuple[set, set]] = {}
    for pid, ref, name in AgreementParty.objects.filter(
        agreement__projects__isnull=False
    ).values_list("agreement__projects", "organization__iati_identifier", "organization__name_en"):
        refs, names = agreement_orgs.setdefault(pid, (set(), set()))
        if ref:
            refs.add(ref)
        names.add(normalize_search(name))
    out = []
    for pid, en, ar, mid, did, sector in Project.objects.values_list(
        "id", "title_en", "title_ar", "municipality_id", "municipality__district_id", "sector"
    ):
        refs, names = orgs.get(pid, (set(), set()))
        arefs, anames = agreement_orgs.get(pid, (set(), set()))
        out.append(
            matching.ProjectFacts(
                project_id=pid,
                title_en=en,
                title_ar=ar,
                org_refs=frozenset(refs),
                org_names=frozenset(names),
                agreement_org_refs=frozenset(arefs),
                agreement_org_names=frozenset(anames),
                district=did,
                municipality=mid,
                sector=sector,
            )
        )
    return out


def refresh_suggestions(*, activity_ids: list[int]) -> int:
    """Suggested links for these activities, recomputed; confirmed and rejected links (a
    person's decisions) are kept as they are. Returns how many suggestions stand."""
    facts = _project_facts()
    if not facts:
        return 0
    projects = matching.ProjectIndex(facts)  # blocking: each activity scores its candidates
    made = 0
    for activity in DonorActivity.objects.filter(pk__in=activity_ids):
        decided = set(
            activity.links.exclude(status=LinkStatus.SUGGESTED).values_list("project_id", flat=True)
        )
        activity.links.filter(status=LinkStatus.SUGGESTED).delete()
        for suggestion in matching.suggest(_activity_facts(activity), projects):
            if suggestion.project_id in decided:
                continue
            ActivityLink.objects.create(
                activity=activity,
                project_id=suggestion.project_id,
                score=suggestion.score,
                reasons=suggestion.reasons,
            )
            made += 1
    return made


@transaction.atomic
def link_decide(*, by, activity: DonorActivity, project, status: str) -> ActivityLink:
    """Confirm or reject that a donor activity is a fund project (a suggestion or not)."""
    if status not in (LinkStatus.CONFIRMED, LinkStatus.REJECTED):
        raise ValueError(status)
    link, _created = ActivityLink.objects.select_for_update().get_or_create(
        activity=activity, project=project
    )
    before = link.status
    link.status = status
    link.decided_by = by if getattr(by, "is_authenticated", False) else None
    link.decided_at = timezone.now()
    if status == LinkStatus.CONFIRMED and not link.counting:
        link.counting = dict.fromkeys(COUNTED_TYPES, CountingSource.FUND.value)
    link.save()
    record_event(
        action=f"aid.link_{status}",
        instance=link,
        actor=by,
        changes={"status": [before if not _created else None, status]},
    )
    return link


@transaction.atomic
def link_counting(*, by, link: ActivityLink, type_code: str, source: str) -> ActivityLink:
    """Which record counts for one transaction type of a confirmed link."""
    if type_code not in COUNTED_TYPES or source not in CountingSource.values:
        raise ValueError((type_code, source))
    link = ActivityLink.objects.select_for_update().get(pk=link.pk)
    before = link.source_for(type_code)
    link.counting = {**link.counting, type_code: source}
    link.save(update_fields=["counting"])
    record_event(
        action="aid.link_counting",
        instance=link,
        actor=by,
        changes={f"counting.{type_code}": [before, source]},
    )
    return link
