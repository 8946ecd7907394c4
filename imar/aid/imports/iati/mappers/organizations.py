"""An IATI organisation ref and type to an Organization's country and kind, for the
organizations an import creates (a person reviews them afterwards)."""

from django_countries import countries

from imar.organizations.enums import OrganizationKind as K

# OrganisationType codes
_KINDS = {
    "10": K.FOREIGN_GOVERNMENT, "11": K.FOREIGN_GOVERNMENT, "15": K.FOREIGN_GOVERNMENT,
    "21": K.NGO, "22": K.NGO, "23": K.NGO, "24": K.NGO,
    "30": K.NGO, "40": K.MULTILATERAL, "60": K.NGO, "70": K.COMPANY, "71": K.COMPANY,
    "72": K.COMPANY, "73": K.COMPANY, "80": K.NGO, "90": K.DEVELOPMENT_AGENCY,
}  # fmt: skip

# Headquarters of multilaterals publishing under XM-DAC/XI-IATI prefixes.
_MULTILATERAL_SEATS = {
    "XM-DAC-41114": "US",  # UNDP
    "XM-DAC-41122": "US",  # UNICEF
    "XM-DAC-41121": "CH",  # UNHCR
    "XM-DAC-41301": "IT",  # FAO
    "XM-DAC-41140": "IT",  # WFP
    "XM-DAC-928": "CH",  # WHO
    "XM-DAC-44000": "US",  # World Bank
    "XM-OCHA-CERF": "US",
    "XI-IATI-EC_INTPA": "BE",
    "XI-IATI-EC_NEAR": "BE",
    "XI-IATI-EC_ECHO": "BE",
    "XM-DAC-918-3": "BE",  # EU institutions (EIB publishes from LU: see its own ref)
    "XI-IATI-EBRD": "GB",
    "XM-DAC-46004": "PH",  # AsDB
    "XM-DAC-46002": "CI",  # AfDB
}


def kind_of(org_type: str) -> str:
    return str(_KINDS.get(org_type, K.DEVELOPMENT_AGENCY))


def country_of(ref: str) -> str | None:
    """The country an org-id ref names ("US-GOV-1" -> US, "CH-4" -> CH), or None."""
    if ref in _MULTILATERAL_SEATS:
        return _MULTILATERAL_SEATS[ref]
    for prefix, seat in _MULTILATERAL_SEATS.items():
        if ref.startswith(prefix + "-"):
            return seat
    head = ref.split("-", 1)[0].upper()
    if len(head) == 2 and head in dict(countries):
        return head
    return None
