"""Checks shared by the services, forms and API: values, periods and disaggregation."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from imar.results.enums import DIMENSION_CATEGORIES, Dimension, Measure

MAX_VALUE = Decimal("99999999999999.99")


def refuse(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def clean_value(value, field: str, *, required: bool = False) -> Decimal | None:
    """A finite, non-negative number with two decimals, or None when empty."""
    if value is None or value == "":
        if required:
            raise refuse(field, _("Enter a value."))
        return None
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise refuse(field, _("Enter a number.")) from None
    if not number.is_finite():
        raise refuse(field, _("Enter a number."))
    if number < 0:
        raise refuse(field, _("A value cannot be negative."))
    if number > MAX_VALUE:
        raise refuse(field, _("This value is too large."))
    return number.quantize(Decimal("0.01"))


def check_period_dates(start, end) -> None:
    if start is None:
        raise refuse("period_start", _("Enter the first day of the period."))
    if end is None:
        raise refuse("period_end", _("Enter the last day of the period."))
    if end < start:
        raise refuse("period_end", _("The period must not end before it starts."))


def check_actual(measure: str, actual, numerator, denominator) -> None:
    """A percentage is reported as numerator and denominator; the others as a value."""
    if measure == Measure.PERCENTAGE:
        if actual is not None:
            raise refuse(
                "actual_value",
                _("A percentage is reported as a numerator and a denominator, not a value."),
            )
        if (numerator is None) != (denominator is None):
            raise refuse("actual_denominator", _("Give both the numerator and the denominator."))
        if denominator is not None and denominator <= 0:
            raise refuse("actual_denominator", _("The denominator must be greater than zero."))
        if numerator is not None and numerator > denominator:
            raise refuse(
                "actual_numerator", _("The numerator cannot be larger than the denominator.")
            )
    elif numerator is not None or denominator is not None:
        raise refuse("actual_numerator", _("Only a percentage has a numerator and a denominator."))


def check_target(measure: str, target) -> None:
    if measure == Measure.PERCENTAGE and target is not None and target > 100:
        raise refuse("target_value", _("A percentage target is at most 100."))


def clean_disaggregations(rows, *, actual, district_codes: set[str]) -> list[tuple]:
    """[(dimension, category, value)] checked: known categories, no repeats, and no
    dimension adding up to more than the actual (a part cannot exceed the whole)."""
    cleaned, seen, totals = [], set(), {}
    for number, row in enumerate(rows, start=1):
        dimension, category, value = row
        label = _("Disaggregation row %(n)s") % {"n": number}
        if dimension not in Dimension.values:
            raise refuse("disaggregations", _("%(row)s: unknown dimension.") % {"row": label})
        allowed = (
            district_codes if dimension == Dimension.DISTRICT else DIMENSION_CATEGORIES[dimension]
        )
        if category not in allowed:
            raise refuse(
                "disaggregations",
                _("%(row)s: “%(category)s” is not a category of this dimension.")
                % {"row": label, "category": str(category)[:40]},
            )
        if (dimension, category) in seen:
            raise refuse("disaggregations", _("%(row)s repeats a category.") % {"row": label})
        seen.add((dimension, category))
        amount = clean_value(value, "disaggregations", required=True)
        totals[dimension] = totals.get(dimension, Decimal(0)) + amount
        cleaned.append((dimension, category, amount))
    if cleaned and actual is None:
        raise refuse("disaggregations", _("Give the actual value before breaking it down."))
    for dimension, total in totals.items():
        if total > actual:
            raise refuse(
                "disaggregations",
                _(
                    "The %(dimension)s breakdown adds up to %(total)s, more than the actual %(actual)s."
                )
                % {
                    "dimension": Dimension(dimension).label,
                    "total": f"{total.normalize():f}",
                    "actual": f"{actual.normalize():f}",
                },
            )
    return cleaned
