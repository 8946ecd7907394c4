"""Turning a rule's refusal into a ValidationError that names the field."""

from django.core.exceptions import ValidationError


def refuse(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})
