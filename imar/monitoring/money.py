"""Recording money: transactions, with the commitment ceiling, and exchange rates."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction as db_transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from imar.accounts.audit import record_event
from imar.accounts.models import AuditEvent
from imar.core.money import Currency
from imar.core.text import parse_iso_date
from imar.monitoring.errors import refuse
from imar.monitoring.figures import refresh_figures
from imar.monitoring.models import Transaction, TransactionKind
from imar.portfolio.currency import BASE, ConversionError, rate_on, transaction_value
from imar.portfolio.models import ExchangeRate, Project

# Nothing the fund pays is worth a trillion dinars: bigger is a typing error.
ABSURD_AMOUNT = Decimal("1000000000000")
ABSURD_RATE = Decimal("1000000")


def clean_amount(value, field: str = "amount") -> Decimal:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise refuse(field, _("Enter a number.")) from None
    if not amount.is_finite():
        raise refuse(field, _("Enter a number."))
    if amount <= 0:
        raise refuse(field, _("The amount must be greater than zero."))
    if amount >= ABSURD_AMOUNT:
        raise refuse(field, _("The amount is too large to be real; check the digits."))
    if amount != amount.quantize(Decimal("0.01")):
        raise refuse(field, _("Use at most two decimal places."))
    return amount


def _committed_and_disbursed(project: Project) -> tuple[Decimal, Decimal]:
    totals = dict(
        Transaction.objects.filter(
            project=project,
            kind__in=[TransactionKind.COMMITMENT, TransactionKind.DISBURSEMENT],
        )
        .values_list("kind")
        .annotate(total=Sum("amount_lyd"))
        .order_by()
    )
    zero = Decimal(0)
    return (
        totals.get(TransactionKind.COMMITMENT, zero),
        totals.get(TransactionKind.DISBURSEMENT, zero),
    )


@db_transaction.atomic
def transaction_create(
    *,
    by,
    project: Project,
    kind: str,
    date: dt.date,
    amount,
    currency: str,
    provider=None,
    receiver=None,
    reference: str = "",
    override_reason: str = "",
    pays: Transaction | None = None,
) -> Transaction:
    """Record a commitment, disbursement or expenditure, converted to LYD at its date.

    A disbursement that would take the project's disbursements above its commitments is
    refused unless `override_reason` says why; the override and its author are recorded.
    """
    if kind not in TransactionKind.values:
        raise refuse("kind", _("Choose commitment, disbursement or expenditure."))
    if date is None:
        raise refuse("date", _("Enter the date."))
    if date > timezone.localdate():
        raise refuse("date", _("The date cannot be in the future."))
    amount = clean_amount(amount)
    if currency not in Currency.values:
        raise refuse("currency", _("“%(code)s” is not a known currency.") % {"code": currency})
    try:
        amount_lyd = transaction_value(amount, currency, date)
    except ConversionError as error:
        raise refuse("currency", str(error)) from None
    override_reason = (override_reason or "").strip()
    if override_reason and kind != TransactionKind.DISBURSEMENT:
        raise refuse("override_reason", _("Only a disbursement can override commitments."))
    if pays is not None:
        if kind != TransactionKind.DISBURSEMENT:
            raise refuse("pays", _("Only a disbursement pays a commitment."))
        if pays.project_id != project.pk or pays.kind != TransactionKind.COMMITMENT:
            raise refuse("pays", _("Choose one of this project's commitments."))
    # Lock the project so two disbursements cannot both pass the ceiling check.
    Project.objects.select_for_update().filter(pk=project.pk).first()
    if pays is not None and not override_reason:
        paid = pays.payments.aggregate(total=Sum("amount_lyd"))["total"] or Decimal(0)
        if paid + amount_lyd > pays.amount_lyd:
            raise refuse(
                "pays",
                _(
                    "This payment would bring what was paid on that commitment to %(paid)s LYD, "
                    "above its %(committed)s LYD. Record an override reason to allow it."
                )
                % {"paid": f"{paid + amount_lyd:,.2f}", "committed": f"{pays.amount_lyd:,.2f}"},
            )
    if kind == TransactionKind.DISBURSEMENT:
        committed, disbursed = _committed_and_disbursed(project)
        if disbursed + amount_lyd > committed and not override_reason:
            raise refuse(
                "amount",
                _(
                    "This disbursement would bring the total paid to %(paid)s LYD, above the "
                    "%(committed)s LYD committed. Record an override reason to allow it."
                )
                % {"paid": f"{disbursed + amount_lyd:,.2f}", "committed": f"{committed:,.2f}"},
            )
        if disbursed + amount_lyd <= committed:
            override_reason = ""  # no override needed, so none is recorded
    row = Transaction(
        project=project,
        kind=kind,
        date=date,
        amount=amount,
        currency=currency,
        amount_lyd=amount_lyd,
        provider=provider,
        receiver=receiver,
        reference=reference.strip(),
        pays=pays,
        override_reason=override_reason,
        override_by=by if override_reason else None,
        recorded_by=by if by is not None and by.is_authenticated else None,
    )
    row.full_clean(exclude=["amount_lyd", "override_by", "recorded_by"])
    row.save()
    record_event(
        action="create",
        instance=row,
        actor=by,
        changes={
            "project": [None, project.code],
            "project_id": [None, project.pk],
            "kind": [None, kind],
            "amount": [None, f"{amount} {currency}"],
            "amount_lyd": [None, str(amount_lyd)],
            # The rate used, as it stood: a later correction of the rate does not change it.
            "rate_to_lyd": [None, str(rate_on(currency, date))],
            **({"pays": [None, pays.pk]} if pays is not None else {}),
        },
        reason=override_reason,
    )
    refresh_figures(project_ids=[project.pk])
    return row


@db_transaction.atomic
def exchange_rate_set(
    *, by, currency: str, date: dt.date, rate_to_lyd, reason: str = ""
) -> ExchangeRate:
    """Enter the rate of a currency from a date on, or correct it.

    A correction keeps the old value in the audit trail (with its reason); transactions
    already converted keep their dinar amounts, and their own events record the rate used.
    """
    if currency not in Currency.values or currency == BASE:
        raise refuse("currency", _("Choose a foreign currency."))
    rate = _clean_rate(rate_to_lyd)
    row = ExchangeRate.objects.select_for_update().filter(currency=currency, date=date).first()
    if row is not None and row.rate_to_lyd == rate:
        return row  # nothing changes, nothing to record
    old = None if row is None else str(row.rate_to_lyd)
    if row is None:
        row = ExchangeRate(currency=currency, date=date)
    row.rate_to_lyd, row.entered_by = rate, by if getattr(by, "is_authenticated", False) else None
    row.save()
    record_event(
        action="create" if old is None else "update",
        instance=row,
        actor=by,
        changes={"rate_to_lyd": [old, str(rate)]},
        reason=(reason or "").strip(),
    )
    return row


def rate_corrections(limit: int = 20) -> list[dict]:
    """The latest corrections of exchange rates, from the audit trail (old and new value)."""
    events = AuditEvent.objects.filter(
        object_type=ExchangeRate._meta.label_lower, action="update"
    ).order_by("-sequence")[:limit]
    return [
        {
            "at": event.at,
            "rate": event.object_repr.split(":")[0],  # "USD 2025-01-01"
            "old": event.changes.get("rate_to_lyd", [None, None])[0],
            "new": event.changes.get("rate_to_lyd", [None, None])[1],
            "by": event.actor_name,
            "reason": event.reason,
        }
        for event in events
    ]


def _clean_rate(value) -> Decimal:
    try:
        rate = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise refuse("rate_to_lyd", _("Enter a number.")) from None
    if not rate.is_finite() or rate <= 0 or rate >= ABSURD_RATE:
        raise refuse("rate_to_lyd", _("The rate must be a positive number of dinars."))
    return rate.quantize(Decimal("0.000001"))


def transaction_preview(*, project: Project, data) -> dict:
    """What saving `data` (the transaction form's fields) would record, without saving: the
    rate and the LYD amount, and for a disbursement the project's committed and paid totals
    after it. Fields not filled yet give an empty preview; a missing rate says so."""
    currency = data.get("currency", "")
    day = parse_iso_date(data.get("date", ""))
    try:  # the save's own amount rule; an amount it would refuse previews as none yet
        amount = clean_amount(str(data.get("amount", "")).replace(",", ""))
    except ValidationError:
        amount = None
    preview = {"ready": False, "currency": currency, "date": day, "amount": amount}
    if currency not in Currency.values or day is None:
        return preview
    try:
        rate = rate_on(currency, day)
    except ConversionError as error:
        return {**preview, "missing_rate": str(error)}
    preview.update(ready=True, rate=rate)
    if amount is None:
        return preview
    amount_lyd = transaction_value(amount, currency, day)
    preview["amount_lyd"] = amount_lyd
    if data.get("kind") == TransactionKind.DISBURSEMENT:
        committed, disbursed = _committed_and_disbursed(project)
        preview.update(
            committed=committed,
            paid_after=disbursed + amount_lyd,
            above_committed=disbursed + amount_lyd > committed,
        )
    return preview
