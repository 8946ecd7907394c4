"""Choices of the results framework."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Measure(models.TextChoices):
    """How an indicator's values add up: counts, lengths and areas sum; a percentage is
    the sum of its numerators over the sum of its denominators."""

    COUNT = "count", _("Count")
    LENGTH = "length", _("Length")
    AREA = "area", _("Area")
    PERCENTAGE = "percentage", _("Percentage")


class Unit(models.TextChoices):
    HOUSING_UNITS = "housing_units", _("housing units")
    KM = "km", _("km")
    SQUARE_METRES = "m2", _("m²")
    SCHOOLS = "schools", _("schools")
    CLASSROOMS = "classrooms", _("classrooms")
    FACILITIES = "facilities", _("facilities")
    PEOPLE = "people", _("people")
    HOUSEHOLDS = "households", _("households")
    BRIDGES = "bridges", _("bridges")
    PERCENT = "percent", pgettext_lazy("unit", "%")
    OTHER = "other", pgettext_lazy("unit", "units")


# The measure a unit implies when an indicator does not say (the form offers it first).
UNIT_MEASURE = {
    Unit.KM: Measure.LENGTH,
    Unit.SQUARE_METRES: Measure.AREA,
    Unit.PERCENT: Measure.PERCENTAGE,
}


class PeriodStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")


EDITABLE_STATUSES = frozenset({PeriodStatus.DRAFT, PeriodStatus.RETURNED})


class Dimension(models.TextChoices):
    """What an actual value may be broken down by."""

    SEX = "sex", _("Sex")
    AGE = "age", _("Age group")
    DISTRICT = "district", _("District")


# Categories of the fixed dimensions; a district's categories are the districts' ISO codes.
DIMENSION_CATEGORIES = {
    Dimension.SEX: {"female": _("Female"), "male": _("Male")},
    Dimension.AGE: {
        "0-17": _("0–17 years"),
        "18-59": _("18–59 years"),
        "60+": _("60 years and over"),
    },
}


class EvidenceKind(models.TextChoices):
    PHOTO = "photo", _("Photo")
    DOCUMENT = "document", _("Document")


class ResultType(models.TextChoices):
    """IATI ResultType codes."""

    OUTPUT = "1", _("Output")
    OUTCOME = "2", _("Outcome")
    IMPACT = "3", _("Impact")
