"""No lost updates: every edited record carries a version, and a stale save is refused.

A `Versioned` model turns every UPDATE into a conditional one::

    UPDATE … SET …, row_version = n + 1 WHERE id = … AND row_version = n

so two writers who read the same version cannot both win, whatever the database and its
isolation level: the second matches no row and gets `StaleVersion`. It is not
read-then-compare-then-write; the database decides in one statement.

Services call `lock_current()` before applying a change: it locks and re-reads the row, and
refuses it when the caller said which version it started from and the row has moved on
(an edit form, an API `If-Match` or `row_version`). A write that names only some fields and
no version (an API PATCH) then lands on the latest row, so concurrent changes to different
fields both survive. Forms (`imar.accounts.versioning_forms`) and the API
(`imar.core.versioning_api`) carry the version; this module holds the rule.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class StaleVersion(ValidationError):
    """The record changed since the caller read it. `current` is the row as stored now."""

    def __init__(self, *, current: models.Model, expected: int | None):
        self.current = current
        self.expected = expected
        message = _(
            "Someone else saved this record (%(record)s) after you opened it (version "
            "%(expected)s, now %(current)s). Nothing was saved: check their changes and save again."
        ) % {
            "record": current._meta.verbose_name,
            "expected": expected if expected is not None else "?",
            "current": current.row_version,
        }
        super().__init__({NON_FIELD_ERRORS: [message]}, code="stale_version")


class Versioned(models.Model):
    """Adds `row_version` (1 on insert, +1 on every saved change) and makes saves conditional."""

    row_version = models.PositiveIntegerField(
        gettext_lazy("version"),
        default=1,
        editable=False,
        help_text=gettext_lazy("Increases by one each time the record is saved."),
    )

    class Meta:
        abstract = True

    def _do_update(self, base_qs, using, pk_val, values, update_fields, forced_update):
        if self._state.adding:  # an explicit primary key on a new object: Django's own rules
            return super()._do_update(base_qs, using, pk_val, values, update_fields, forced_update)
        field = self._meta.get_field("row_version")
        expected = self.row_version
        values = [v for v in values if v[0] is not field] + [(field, None, expected + 1)]
        updated = super()._do_update(
            base_qs.filter(row_version=expected),
            using,
            pk_val,
            values,
            update_fields,
            forced_update,
        )
        if updated:
            self.row_version = expected + 1
            return True
        current = base_qs.filter(pk=pk_val).first()
        if current is not None:
            raise StaleVersion(current=current, expected=expected)
        return False


def check_version(current: Versioned, expected: int | None) -> None:
    """Refuse `current` when the caller started from another version (None: no claim)."""
    if expected is not None and current.row_version != expected:
        raise StaleVersion(current=current, expected=expected)


def lock_current(instance: Versioned, *, expected_version: int | None = None) -> Versioned:
    """The stored row, locked until the transaction ends (call inside one).

    PostgreSQL holds the row lock; SQLite runs write transactions one at a time
    (`transaction_mode` IMMEDIATE), so the row read here is the one the UPDATE will meet.
    """
    current = type(instance)._base_manager.select_for_update().get(pk=instance.pk)
    check_version(current, expected_version)
    return current


def bump_version(instance: Versioned) -> None:
    """A change stored outside the row (its parties, organizations, people) is a new version
    of the record too, so a form opened before it goes stale."""
    model = type(instance)
    updated = model._base_manager.filter(pk=instance.pk, row_version=instance.row_version).update(
        row_version=F("row_version") + 1
    )
    if not updated:
        raise StaleVersion(
            current=model._base_manager.get(pk=instance.pk), expected=instance.row_version
        )
    instance.row_version += 1


def adopt(target: models.Model, source: models.Model) -> models.Model:
    """Give the caller's instance the state a service saved from its own fresh copy."""
    if target is not source:
        for field in source._meta.concrete_fields:
            setattr(target, field.attname, getattr(source, field.attname))
    return target
