"""Arabic for the portfolio API, the project model's verbose names and choice labels, and the
partner and currency labels the API shows; written into the shared portfolio catalogue.

Run: .venv/bin/python scripts/translations/portfolio_api.py && .venv/bin/imar compilemessages_imar
Idempotent: adds missing entries and updates existing ones, leaves every other entry alone
(re-run it after a `makemessages --no-obsolete` that dropped strings from other apps).
"""

from catalogue import apply

MESSAGES = {
    # imar/portfolio/models/projects.py
    "code": "الرمز",
    "title (Arabic)": "العنوان (بالعربية)",
    "title (English)": "العنوان (بالإنجليزية)",
    "description (Arabic)": "الوصف (بالعربية)",
    "description (English)": "الوصف (بالإنجليزية)",
    "program": "البرنامج",
    "programs": "البرامج",
    "sector": "القطاع",
    "project type": "نوع المشروع",
    "municipality": "البلدية",
    "latitude": "خط العرض",
    "longitude": "خط الطول",
    "status": "الحالة",
    "planned start": "البدء المخطط",
    "planned end": "الانتهاء المخطط",
    "actual start": "البدء الفعلي",
    "actual end": "الانتهاء الفعلي",
    "budget": "الميزانية",
    "currency": "العملة",
    "beneficiaries": "المستفيدون",
    "public": "عام",
    "Shown on the public portal and in open data.": "يظهر في البوابة العامة وفي البيانات المفتوحة.",
    "project": "مشروع",
    "projects": "المشاريع",
    "organization": "الجهة",
    "organizations": "الجهات",
    "role": "الدور",
    "organization involved": "جهة مشاركة",
    "organizations involved": "الجهات المشاركة",
    "reason": "السبب",
    "status change": "تغيير الحالة",
    "status changes": "تغييرات الحالة",
    # imar/portfolio/enums.py
    "Identified": "محدد",
    "Appraised": "مُقيَّم",
    "Approved": "معتمد",
    "Procurement": "قيد التعاقد",
    "Implementation": "قيد التنفيذ",
    "Completed": "مكتمل",
    "Suspended": "موقوف",
    "Cancelled": "ملغى",
    "New construction": "إنشاء جديد",
    "Rehabilitation": "إعادة تأهيل",
    "Replacement": "استبدال",
    "Expansion": "توسعة",
    "Funder": "ممول",
    "Implementer": "جهة منفذة",
    "Contractor": "مقاول",
    "Supervising engineer": "مهندس مشرف",
    # imar/portfolio/sectors.py
    "Housing": "الإسكان",
    "Roads and bridges": "الطرق والجسور",
    "Water and sanitation": "المياه والصرف الصحي",
    "Electricity": "الكهرباء",
    "Renewable energy": "الطاقة المتجددة",
    "Health": "الصحة",
    "Education": "التعليم",
    "Urban rehabilitation": "إعادة التأهيل العمراني",
    "Public buildings": "المباني العامة",
    "Flood protection": "الحماية من الفيضانات",
    "Telecommunications": "الاتصالات",
    "Ports": "الموانئ",
    "Airports": "المطارات",
    "Solid waste": "النفايات الصلبة",
    "Agriculture and irrigation": "الزراعة والري",
    "Culture and sports": "الثقافة والرياضة",
    # filters.py labels and lifecycle.py reasons are translated by portfolio_ui.py (staff UI).
    # imar/portfolio/serializers.py and api.py
    "Unknown organization “{pk_value}”.": "الجهة «{pk_value}» غير معروفة.",
    "Unknown program “{value}”.": "البرنامج «{value}» غير معروف.",
    "Unknown municipality “{value}”.": "البلدية «{value}» غير معروفة.",
    "The budget cannot be negative.": "لا يمكن أن تكون الميزانية سالبة.",
    "The end date cannot be before the start date.": "لا يمكن أن يسبق تاريخ الانتهاء تاريخ البدء.",
    # Same msgid (and wording) as the staff form.
    "Give both latitude and longitude, or neither.": (
        "أدخل خط العرض وخط الطول معًا، أو اتركهما فارغين."
    ),
    "Only fund officers and administrators create projects.": (
        "إنشاء المشاريع مقصور على موظفي الصندوق والمسؤولين."
    ),
    "This municipality is outside your districts.": "هذه البلدية خارج الشعبيات المسندة إليك.",
    "You may not edit this project.": "لا يحق لك تعديل هذا المشروع.",
    "You may not move this project to that status.": "لا يحق لك نقل هذا المشروع إلى هذه الحالة.",
    # imar/partners/models.py: Organization and OrganizationKind (shown by the project API)
    "kind": "النوع",
    "country": "الدولة",
    "acronym": "الاختصار",
    "IATI organisation identifier": "معرّف الجهة في مبادرة IATI",
    "website": "الموقع الإلكتروني",
    "sectors of interest": "القطاعات محل الاهتمام",
    "logo": "الشعار",
    "notes (private)": "ملاحظات (داخلية)",
    "Government body": "جهة حكومية",
    "Foreign government": "حكومة أجنبية",
    "Development agency": "وكالة تنمية",
    "Company": "شركة",
    "NGO": "منظمة غير حكومية",
    "Multilateral organization": "منظمة متعددة الأطراف",
    # imar/core/money.py and imar/core/models.py
    "Libyan dinar": "دينار ليبي",
    "US dollar": "دولار أمريكي",
    "Euro": "يورو",
    "Pound sterling": "جنيه إسترليني",
    "Egyptian pound": "جنيه مصري",
    "Turkish lira": "ليرة تركية",
    "Chinese yuan": "يوان صيني",
    "UAE dirham": "درهم إماراتي",
    "name (Arabic)": "الاسم (بالعربية)",
    "name (English)": "الاسم (بالإنجليزية)",
}


if __name__ == "__main__":
    apply("portfolio", MESSAGES)
