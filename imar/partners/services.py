"""Writes of the partners app. Each one runs in a transaction and records an audit event.
Organizations and contacts are written by imar.organizations.services."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from imar.accounts.audit import apply_edit, diff_fields, record_event, snapshot
from imar.core import public_version
from imar.core.versioning import adopt, bump_version, lock_current
from imar.organizations.models import Organization
from imar.partners.enums import ActionStatus, PartyRole
from imar.partners.models import (
    ActionItem,
    Agreement,
    AgreementDocument,
    AgreementParty,
    Engagement,
    EngagementPerson,
)
from imar.partners.rules import action_problems, check_agreement

AGREEMENT_FIELDS = [
    "kind", "reference", "title_ar", "title_en", "signed_on", "signed_place",
    "effective_from", "ends_on", "value", "currency", "status", "is_public", "engagement",
]  # fmt: skip
ENGAGEMENT_FIELDS = [
    "kind", "title_ar", "title_en", "starts_on", "ends_on", "place_ar", "place_en",
    "topics_ar", "topics_en", "summary_ar", "summary_en", "decisions_ar", "decisions_en",
]  # fmt: skip
ACTION_FIELDS = [
    "description_ar", "description_en", "owner_user", "owner_organization", "due_on",
    "status", "agreement", "project",
]  # fmt: skip


@dataclass(frozen=True)
class Party:
    organization: Organization
    role: str


def _stored(instance, expected_version: int | None):
    """The record as stored now (locked), or a new one; refuses a stale expected version."""
    if instance is None or instance.pk is None:
        return instance
    return lock_current(instance, expected_version=expected_version)


# Agreements ------------------------------------------------------------------------------


def _check(agreement: Agreement, parties: Sequence[Party] | None) -> None:
    check_agreement(
        kind=agreement.kind,
        status=agreement.status,
        signed_on=agreement.signed_on,
        effective_from=agreement.effective_from,
        ends_on=agreement.ends_on,
        value=agreement.value,
        currency=agreement.currency,
        party_ids=None if parties is None else [p.organization.pk for p in parties],
    )


def _save_agreement(
    *,
    by,
    agreement: Agreement,
    fields: dict,
    parties: Sequence[Party] | None,
    projects: Iterable | None,
) -> Agreement:
    creating = agreement.pk is None
    before = apply_edit(agreement, fields, AGREEMENT_FIELDS)
    _check(agreement, parties)
    agreement.full_clean()
    changes = diff_fields(before, snapshot(agreement, AGREEMENT_FIELDS))
    saved = creating or bool(changes)
    if saved:
        agreement.save()
    if parties is not None:
        old = sorted(f"{p.organization_id}:{p.role}" for p in agreement.parties.all())
        agreement.parties.all().delete()
        AgreementParty.objects.bulk_create(
            AgreementParty(agreement=agreement, organization=p.organization, role=p.role)
            for p in parties
        )
        new = sorted(f"{p.organization.pk}:{p.role}" for p in parties)
        if old != new:
            changes["parties"] = [old, new]
            public_version.changed()  # bulk_create sends no signal
    if projects is not None:
        old_codes = sorted(agreement.projects.values_list("code", flat=True))
        agreement.projects.set(projects)
        new_codes = sorted(p.code for p in projects)
        if old_codes != new_codes:
            changes["projects"] = [old_codes, new_codes]
    if changes and not saved:
        bump_version(agreement)  # its parties or projects changed: a new version too
    if creating or changes:
        record_event(
            action="agreement.create" if creating else "agreement.update",
            instance=agreement,
            actor=by,
            changes=changes,
        )
    return agreement


@transaction.atomic
def agreement_create(
    *, by, fields: dict, parties: Sequence[Party], projects: Iterable = ()
) -> Agreement:
    return _save_agreement(
        by=by, agreement=Agreement(), fields=fields, parties=parties, projects=list(projects)
    )


@transaction.atomic
def agreement_update(
    *,
    by,
    agreement: Agreement,
    fields: dict,
    parties: Sequence[Party] | None = None,
    projects: Iterable | None = None,
    expected_version: int | None = None,
) -> Agreement:
    """Change the given fields (and parties, projects) of the agreement as stored now; with
    `expected_version`, one saved elsewhere since is refused (`StaleVersion`)."""
    current = _stored(agreement, expected_version)
    saved = _save_agreement(
        by=by,
        agreement=current,
        fields=fields,
        parties=parties,
        projects=None if projects is None else list(projects),
    )
    return adopt(agreement, saved)


class BatchError(Exception):
    """A batch refused as a whole: [(row number from 1, field, message)]."""

    def __init__(self, errors: list[tuple[int, str, str]]):
        super().__init__(errors)
        self.errors = errors


@transaction.atomic
def agreement_batch_create(
    *,
    by,
    fund: Organization,
    partner: Organization,
    signed_on,
    signed_place: str = "",
    engagement: Engagement | None = None,
    rows: Sequence[dict],
) -> list[Agreement]:
    """Many agreements with one partner signed on one day: all saved, or none."""
    errors: list[tuple[int, str, str]] = []
    created: list[Agreement] = []
    if not rows:
        raise BatchError([(0, "rows", _("Enter at least one agreement."))])
    parties = [Party(fund, PartyRole.FIRST_PARTY), Party(partner, PartyRole.SECOND_PARTY)]
    for number, row in enumerate(rows, start=1):
        projects = row.pop("projects", [])
        fields = {
            "status": row.pop("status", "signed"),
            "signed_on": signed_on,
            "signed_place": signed_place,
            "engagement": engagement,
            **row,
        }
        try:
            with transaction.atomic():
                created.append(
                    _save_agreement(
                        by=by,
                        agreement=Agreement(),
                        fields=fields,
                        parties=parties,
                        projects=projects,
                    )
                )
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.extend((number, field, message) for message in messages)
    if errors:
        raise BatchError(errors)  # leaving the atomic block by an exception undoes every row
    return created


@transaction.atomic
def document_add(*, by, agreement: Agreement, file, title: str = "") -> AgreementDocument:
    document = AgreementDocument(agreement=agreement, file=file, title=title, uploaded_by=by)
    document.full_clean()
    document.save()
    record_event(
        action="agreement.document_add",
        instance=agreement,
        actor=by,
        changes={"document": [None, document.file.name]},
    )
    return document


# Engagements and actions -----------------------------------------------------------------


@transaction.atomic
def engagement_save(
    *,
    by,
    fields: dict,
    organizations: Iterable[Organization] | None = None,
    people: Sequence[dict] | None = None,
    engagement: Engagement | None = None,
    expected_version: int | None = None,
) -> Engagement:
    current = _stored(engagement, expected_version) or Engagement()
    creating = current.pk is None
    before = apply_edit(current, fields, ENGAGEMENT_FIELDS)
    current.full_clean()
    changes = diff_fields(before, snapshot(current, ENGAGEMENT_FIELDS))
    saved = creating or bool(changes)
    if saved:
        current.save()
    related_changed = False
    if organizations is not None:
        organizations = list(organizations)
        old = sorted(current.organizations.values_list("pk", flat=True))
        current.organizations.set(organizations)
        related_changed |= old != sorted(o.pk for o in organizations)
    if people is not None:
        old_people = sorted(
            current.people.values_list(
                "name", "name_latin", "title", "title_en", "organization_id"
            ),
            key=str,
        )
        current.people.all().delete()
        EngagementPerson.objects.bulk_create(
            EngagementPerson(engagement=current, **person) for person in people
        )
        new_people = sorted(
            current.people.values_list(
                "name", "name_latin", "title", "title_en", "organization_id"
            ),
            key=str,
        )
        related_changed |= old_people != new_people
    if related_changed and not saved:
        bump_version(current)  # its organizations or people changed: a new version too
    if creating or changes or related_changed:
        record_event(
            action="engagement.create" if creating else "engagement.update",
            instance=current,
            actor=by,
            changes=changes,
        )
    return adopt(engagement, current) if engagement is not None else current


def _check_action(action: ActionItem) -> None:
    problems = action_problems(
        owner_user=action.owner_user, owner_organization=action.owner_organization
    )
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def action_save(
    *,
    by,
    fields: dict,
    engagement: Engagement | None = None,
    action: ActionItem | None = None,
    expected_version: int | None = None,
) -> ActionItem:
    current = _stored(action, expected_version) or ActionItem(engagement=engagement)
    creating = current.pk is None
    before = apply_edit(current, fields, ACTION_FIELDS)
    _check_action(current)
    _stamp_completion(current)
    current.full_clean()
    changes = diff_fields(before, snapshot(current, ACTION_FIELDS))
    if creating or changes:
        current.save()
        record_event(
            action="action_item.create" if creating else "action_item.update",
            instance=current,
            actor=by,
            changes=changes,
        )
    return adopt(action, current) if action is not None else current


@transaction.atomic
def action_set_status(
    *, by, action: ActionItem, status: str, expected_version: int | None = None
) -> ActionItem:
    if status not in ActionStatus.values:
        raise ValidationError({"status": [_("Choose a valid status.")]})
    return action_save(
        by=by, action=action, fields={"status": status}, expected_version=expected_version
    )


def _stamp_completion(action: ActionItem) -> None:
    if action.status == ActionStatus.DONE and action.completed_on is None:
        action.completed_on = timezone.localdate()
    elif action.status != ActionStatus.DONE:
        action.completed_on = None
