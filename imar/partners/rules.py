"""The rules an agreement and an action item must meet, checked in one place.

Forms, the API and the services all ask these functions, so every entry point refuses
the same bad input with the same translated message, naming the field.
"""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from imar.partners.enums import KINDS_WITH_VALUE, AgreementStatus


def agreement_problems(
    *,
    kind: str,
    status: str,
    signed_on: date | None,
    effective_from: date | None,
    ends_on: date | None,
    value: Decimal | None,
    currency: str,
    party_ids: Iterable[int] | None,
) -> dict[str, list[str]]:
    """{field: [message]} for every rule the agreement breaks (empty when it is fine).

    `party_ids` None means "parties not given here" (e.g. a partial update)."""
    problems: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        problems.setdefault(field, []).append(message)

    start = effective_from or signed_on
    if ends_on and start and ends_on < start:
        add("ends_on", _("The end date cannot be before the start of the agreement."))
    if value is not None and not currency:
        add("currency", _("Give the currency of the agreement's value."))
    if value is not None and value < 0:
        add("value", _("The value cannot be negative."))
    if value is None and kind in KINDS_WITH_VALUE:
        add("value", _("A contract, grant or loan needs its value."))
    if status == AgreementStatus.EXPIRED:
        add("status", _("“Expired” follows from the end date; choose the status as signed."))
    if status not in (AgreementStatus.DRAFT, "") and signed_on is None:
        add("signed_on", _("A signed agreement needs its signing date."))
    if party_ids is not None:
        ids = [pk for pk in party_ids if pk]
        if len(set(ids)) != len(ids):
            add("parties", _("The same organization is listed twice as a party."))
        if len(set(ids)) < 2:
            add("parties", _("An agreement needs at least two parties."))
    return problems


def check_agreement(**fields) -> None:
    problems = agreement_problems(**fields)
    if problems:
        raise ValidationError(problems)


def action_problems(*, owner_user, owner_organization) -> dict[str, list[str]]:
    if owner_user is None and owner_organization is None:
        return {"owner_user": [_("Give the action an owner: a staff member or an organization.")]}
    return {}
