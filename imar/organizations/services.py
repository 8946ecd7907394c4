"""Writes of organizations and their contacts. Each runs in a transaction and records an
audit event."""

from django.db import transaction
from django.utils.translation import gettext as _

from imar.accounts.audit import apply_edit, diff_fields, record_event, snapshot, snapshot_codes
from imar.core.image_uploads import clean_image_upload
from imar.core.versioning import adopt, lock_current
from imar.organizations.models import Contact, Organization

ORGANIZATION_FIELDS = [
    "name_ar", "name_en", "kind", "country", "acronym", "iati_identifier",
    "website", "sectors", "notes",
]  # fmt: skip
CONTACT_FIELDS = ["name", "name_latin", "role", "role_en", "email", "phone"]
LOGO_MAX_SIDE = 800


@transaction.atomic
def organization_save(
    *,
    by,
    fields: dict,
    organization: Organization | None = None,
    logo=None,
    expected_version: int | None = None,
) -> Organization:
    """Create, or change the given fields of the organization as stored now; with
    `expected_version`, one saved elsewhere since is refused (`StaleVersion`)."""
    if organization is None or organization.pk is None:
        current = organization or Organization()
    else:
        current = lock_current(organization, expected_version=expected_version)
    creating = current.pk is None
    before = apply_edit(current, fields, ORGANIZATION_FIELDS)
    if logo is not None:
        # Shown on public pages: rebuilt from its pixels, so no metadata or payload is served.
        current.logo = clean_image_upload(
            logo, field="logo", label=_("Logo"), max_side=LOGO_MAX_SIDE, output="PNG"
        )
    current.full_clean()
    changes = diff_fields(before, snapshot_codes(current, ORGANIZATION_FIELDS))
    if creating or changes or logo is not None:
        current.save()
        record_event(
            action="organization.create" if creating else "organization.update",
            instance=current,
            actor=by,
            changes=changes,
        )
    return adopt(organization, current) if organization is not None else current


@transaction.atomic
def contact_save(*, by, organization: Organization, fields: dict, contact=None) -> Contact:
    contact = contact or Contact(organization=organization)
    creating = contact.pk is None
    before = apply_edit(contact, fields, CONTACT_FIELDS)
    contact.full_clean()
    contact.save()
    record_event(
        action="contact.create" if creating else "contact.update",
        instance=contact,
        actor=by,
        changes=diff_fields(before, snapshot(contact, CONTACT_FIELDS)),
    )
    return contact


@transaction.atomic
def contact_delete(*, by, contact: Contact) -> None:
    record_event(action="contact.delete", instance=contact, actor=by)
    contact.delete()
