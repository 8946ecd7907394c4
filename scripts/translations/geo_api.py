"""Arabic for the geo app (gazetteer models and API filters), written into its catalogue.

Run: .venv/bin/python scripts/translations/geo_api.py && .venv/bin/imar compilemessages_imar
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from portfolio_api import apply  # noqa: E402

CATALOGUE = Path(__file__).resolve().parents[2] / "imar/geo/locale/ar/LC_MESSAGES/django.po"

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
    added, updated = apply(CATALOGUE, MESSAGES)
    print(f"{CATALOGUE}: {added} added, {updated} updated")
