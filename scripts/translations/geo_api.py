"""Arabic for the geo app (gazetteer models and API filters), written into its catalogue.

Run: .venv/bin/python scripts/translations/geo_api.py && .venv/bin/imar compilemessages_imar
"""

from catalogue import apply

MESSAGES = {
    "Region": "الإقليم",
    "District": "الشعبية",
    "Search": "بحث",
    "OCHA p-code": "رمز أوتشا (p-code)",
    "region": "الإقليم",
    "regions": "الأقاليم",
    "ISO 3166-2 code": "رمز ISO 3166-2",
    "latitude": "خط العرض",
    "longitude": "خط الطول",
    "boundary": "الحدود",
    "population": "عدد السكان",
    "district": "الشعبية",
    "districts": "الشعبيات",
    "approximate location": "موقع تقريبي",
    "True when the point is the district's, not the town's own.": (
        "يكون صحيحًا عندما تكون النقطة نقطة الشعبية لا نقطة المدينة نفسها."
    ),
    "municipality": "البلدية",
    "municipalities": "البلديات",
}

if __name__ == "__main__":
    apply("geo", MESSAGES)
