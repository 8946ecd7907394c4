"""The catalogue of standard indicators the fund reuses across projects.

Plain data, loaded by a data migration (and again by `catalogue_sync` when it grows). Each
indicator names the PDNA sector whose damage records it answers: `DamageRecord.units_damaged`
of that sector counts damage in the indicator's unit (dwellings for housing, kilometres of
road for transport, schools, health facilities, people cut off from water or power).

IATI codes: every indicator is published with the fund's own code (vocabulary 99, the
reporting organisation) and, where a close one exists, an indicator of the UN Sustainable
Development Goals (vocabulary 9) from the IndicatorVocabulary codelist
(codelists/IndicatorVocabulary.xml). None of the SDG indicators is the same measure as a
reconstruction output: they are the outcome the output serves, and named as such.
"""

from dataclasses import dataclass

from imar.core.text import normalize_search

SDG = "9"
REPORTING_ORGANISATION = "99"


@dataclass(frozen=True)
class Standard:
    code: str
    name_en: str
    name_ar: str
    unit: str
    measure: str
    damage_sector: str = ""
    iati_vocabulary: str = ""
    iati_code: str = ""
    result_type: str = "1"


CATALOGUE: tuple[Standard, ...] = (
    Standard(
        "housing-units-rebuilt",
        "Housing units rebuilt or repaired",
        "الوحدات السكنية المعاد بناؤها أو ترميمها",
        "housing_units",
        "count",
        "housing",
        SDG,
        "11.1.1",
    ),
    Standard(
        "road-km-reopened",
        "Kilometres of road reopened",
        "كيلومترات الطرق المعاد فتحها",
        "km",
        "length",
        "transport_telecom",
        SDG,
        "9.1.1",
    ),
    Standard(
        "bridges-reopened",
        "Bridges rebuilt and reopened",
        "الجسور المعاد بناؤها وفتحها",
        "bridges",
        "count",
    ),
    Standard(
        "schools-reopened",
        "Schools reopened",
        "المدارس المعاد افتتاحها",
        "schools",
        "count",
        "education",
        SDG,
        "4.a.1",
    ),
    Standard(
        "classrooms-reopened",
        "Classrooms reopened",
        "الفصول الدراسية المعاد افتتاحها",
        "classrooms",
        "count",
    ),
    Standard(
        "health-facilities-functional",
        "Health facilities functional again",
        "المرافق الصحية العاملة من جديد",
        "facilities",
        "count",
        "health",
        SDG,
        "3.8.1",
    ),
    Standard(
        "people-water-restored",
        "People with restored water supply",
        "السكان الذين أعيدت إليهم إمدادات المياه",
        "people",
        "count",
        "water_sanitation",
        SDG,
        "6.1.1",
        "2",
    ),
    Standard(
        "people-power-restored",
        "People with restored electricity",
        "السكان الذين أعيدت إليهم الكهرباء",
        "people",
        "count",
        "electricity",
        SDG,
        "7.1.1",
        "2",
    ),
    Standard(
        "public-space-rehabilitated",
        "Public space rehabilitated",
        "الأماكن العامة المعاد تأهيلها",
        "m2",
        "area",
        "community_infrastructure",
    ),
    Standard(
        "households-back-home",
        "Share of displaced households back in their homes",
        "نسبة الأسر النازحة التي عادت إلى منازلها",
        "percent",
        "percentage",
        "",
        "",
        "",
        "2",
    ),
)


def catalogue_sync(model) -> int:
    """Create or update the catalogue's rows on `model` (StandardIndicator, or its
    historical model in a migration); returns how many rows it wrote."""
    written = 0
    for item in CATALOGUE:
        fields = {
            "name_en": item.name_en,
            "name_ar": item.name_ar,
            "unit": item.unit,
            "measure": item.measure,
            "damage_sector": item.damage_sector,
            "iati_vocabulary": item.iati_vocabulary,
            "iati_code": item.iati_code,
            "result_type": item.result_type,
        }
        fields["search_text"] = normalize_search(" ".join([item.code, item.name_ar, item.name_en]))
        # Through the queryset, not save(): a migration's historical model has no methods.
        if not model.objects.filter(code=item.code).update(**fields):
            model.objects.bulk_create([model(code=item.code, **fields)])
        written += 1
    return written
