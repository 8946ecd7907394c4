"""The demo's engagements, agreements and contacts (synthetic: invented people and figures).

Action rows: (what in Arabic, what in English, owner username or acronym, due in days from
today (negative = already past), status).
"""

# fmt: off
US_MEETING = {
    "days": 12,
    "kind": "meeting",
    "title_ar": "لقاء الصندوق مع المبعوث الأمريكي الخاص والقائم بأعمال السفارة الأمريكية",
    "title_en": "Meeting with the US Special Envoy and the US Embassy's Chargé d'Affaires",
    "place_ar": "مقر الصندوق، بنغازي",
    "place_en": "Fund headquarters, Benghazi",
    "organizations": ["DRF", "USSE", "EMB-US", "GOV-US"],
    "people": [
        ("Jonathan Reed (demo)", "Special Envoy for Libya", "USSE"),
        ("Margaret Ellison (demo)", "Chargé d'Affaires", "EMB-US"),
        ("Salem Al-Obeidi (demo)", "Director General of the Fund", "DRF"),
        ("Huda Ben Ali (demo)", "Head of Planning", "DRF"),
    ],
    "topics_ar": "مشروعات التنمية وإعادة الإعمار والبنية التحتية في مختلف المناطق.\n"
                 "التحضير للمنتدى الليبي الأمريكي الثاني في بنغازي في شهر مايو.",
    "topics_en": "Development, reconstruction and infrastructure projects across the regions.\n"
                 "Preparing the second Libyan–American Forum in Benghazi in May.",
    "summary_ar": "عرض الصندوق سير أعمال إعادة الإعمار في درنة والمناطق المتضررة ومحفظة "
                  "المشروعات الاستراتيجية، وبحث الجانبان فرص مشاركة الشركات الأمريكية.",
    "summary_en": "The fund presented progress on reconstruction in Derna and the affected "
                  "areas and its strategic project portfolio; both sides discussed how US "
                  "companies can take part.",
    "decisions_ar": "عقد المنتدى الليبي الأمريكي الثاني في بنغازي في شهر مايو.\n"
                    "تشكيل فريق عمل مشترك للتحضير للمنتدى.\n"
                    "إعداد قائمة بالمشروعات الاستراتيجية المعروضة على الشركات الأمريكية.",
    "decisions_en": "Hold the second Libyan–American Forum in Benghazi in May.\n"
                    "Form a joint working group to prepare the forum.\n"
                    "Prepare a list of strategic projects to present to US companies.",
    "actions": [
        ("إعداد قائمة المشروعات الاستراتيجية للمنتدى", "Prepare the forum's list of strategic projects", "officer", -3, "in_progress"),
        ("تسمية أعضاء فريق العمل المشترك", "Name the members of the joint working group", "director", -5, "open"),
        ("إرسال مسودة برنامج المنتدى إلى السفارة", "Send the draft forum programme to the embassy", "EMB-US", 10, "open"),
        ("تأكيد قائمة الشركات الأمريكية المدعوة", "Confirm the list of invited US companies", "EMB-US", 25, "open"),
        ("حجز قاعات المنتدى في بنغازي", "Book the forum venues in Benghazi", "officer", -1, "done"),
    ],
}

GREEK_VISIT = {
    "days": 40,
    "kind": "delegation",
    "title_ar": "زيارة الوفد اليوناني وتوقيع حزمة اتفاقيات",
    "title_en": "Greek delegation visit and signing of a package of agreements",
    "place_ar": "بنغازي",
    "place_en": "Benghazi",
    "organizations": ["DRF", "GOV-GR", "EMB-GR", "HDA", "AEGC", "PELC", "HLTB", "IONH", "ACRE"],
    "people": [
        ("Nikolaos Georgiou (demo)", "Deputy Minister, head of delegation", "GOV-GR"),
        ("Eleni Papadaki (demo)", "Ambassador", "EMB-GR"),
        ("Salem Al-Obeidi (demo)", "Director General of the Fund", "DRF"),
    ],
    "topics_ar": "الإسكان والموانئ والمياه والطاقة، ومشاركة الشركات اليونانية في إعادة الإعمار.",
    "topics_en": "Housing, ports, water and energy; Greek companies in the reconstruction.",
    "summary_ar": "وقّع الصندوق خلال الزيارة 21 اتفاقية ومذكرة تفاهم مع جهات وشركات يونانية.",
    "summary_en": "During the visit the fund signed 21 agreements and memoranda with Greek "
                  "public bodies and companies.",
    "decisions_ar": "متابعة تنفيذ الاتفاقيات الموقعة عبر لجنة مشتركة تجتمع كل ثلاثة أشهر.",
    "decisions_en": "Follow up the signed agreements through a joint committee meeting quarterly.",
    "actions": [
        ("عقد الاجتماع الأول للجنة المشتركة", "Hold the first joint committee meeting", "GOV-GR", -6, "open"),
        ("استلام الضمانات البنكية من الشركات", "Receive the companies' bank guarantees", "officer", 14, "open"),
        ("نشر الاتفاقيات العلنية على البوابة", "Publish the public agreements on the portal", "officer", -20, "done"),
    ],
}

_GR = [
    ("GOV-GR", "framework", "اتفاقية إطارية للتعاون في إعادة الإعمار", "Framework agreement on reconstruction cooperation", None, 5),
    ("GOV-GR", "mou", "مذكرة تفاهم في مجال الموانئ", "MoU on port development", None, 3),
    ("GOV-GR", "mou", "مذكرة تفاهم في مجال الطاقة المتجددة", "MoU on renewable energy", None, 3),
    ("HDA", "grant", "منحة دراسات الإسكان في درنة", "Grant for housing studies in Derna", "2500000", 2),
    ("HDA", "technical_cooperation", "تعاون فني في التخطيط العمراني", "Technical cooperation on urban planning", "800000", 2),
    ("HDA", "grant", "منحة تدريب المهندسين", "Grant for engineer training", "450000", 1),
    ("AEGC", "contract", "عقد إعادة تأهيل ميناء درنة", "Contract for rehabilitating Derna port", "38000000", 3),
    ("AEGC", "contract", "عقد إنشاء 400 وحدة سكنية في درنة", "Contract for 400 housing units in Derna", "52000000", 3),
    ("AEGC", "mou", "مذكرة تفاهم لتدريب العمالة المحلية", "MoU on training local workers", None, 2),
    ("PELC", "contract", "عقد إعادة بناء جسور وادي درنة", "Contract for rebuilding the Wadi Derna bridges", "24000000", 2),
    ("PELC", "contract", "عقد تأهيل طريق درنة – القبة", "Contract for the Derna–Al Qubbah road", "17500000", 2),
    ("PELC", "mou", "مذكرة تفاهم للطرق الريفية", "MoU on rural roads", None, 2),
    ("HLTB", "contract", "عقد إنشاء مدارس في الجبل الأخضر", "Contract for schools in Al Jabal Al Akhdar", "14000000", 2),
    ("HLTB", "contract", "عقد تأهيل مستشفى الهريش", "Contract for rehabilitating Al Haresh hospital", "21000000", 2),
    ("HLTB", "mou", "مذكرة تفاهم للمباني العامة", "MoU on public buildings", None, 2),
    ("IONH", "contract", "عقد حماية درنة من الفيضانات", "Contract for Derna flood protection works", "46000000", 4),
    ("IONH", "contract", "عقد محطة تحلية سوسة", "Contract for the Susah desalination plant", "33000000", 3),
    ("IONH", "technical_cooperation", "تعاون فني في إدارة السدود", "Technical cooperation on dam management", "1200000", 2),
    ("ACRE", "contract", "عقد الإشراف الهندسي على مشروعات درنة", "Contract for engineering supervision in Derna", "6500000", 3),
    ("ACRE", "contract", "عقد دراسات التربة والمسح", "Contract for soil and survey studies", "2100000", 1),
    ("ACRE", "mou", "مذكرة تفاهم لنقل الخبرة", "MoU on knowledge transfer", None, 2),
]
GREEK_AGREEMENTS = _GR

OTHER_ENGAGEMENTS = {
    "greek_visit": GREEK_VISIT,
    "egypt": {
        "days": 75, "kind": "visit",
        "title_ar": "زيارة وفد الصندوق إلى القاهرة", "title_en": "Fund delegation visit to Cairo",
        "place_ar": "القاهرة", "place_en": "Cairo",
        "organizations": ["DRF", "GOV-EG", "NPA", "NDCC"],
        "topics_ar": "الإسكان والطرق ومشاركة الشركات المصرية.",
        "topics_en": "Housing, roads and Egyptian companies.",
        "decisions_ar": "توقيع اتفاقية إطارية وإعداد قائمة مشروعات مشتركة.",
        "decisions_en": "Sign a framework agreement and prepare a list of joint projects.",
        "actions": [("إعداد قائمة المشروعات المشتركة", "Prepare the list of joint projects", "NPA", -15, "open")],
    },
    "turkiye": {
        "days": 18, "kind": "meeting",
        "title_ar": "اجتماع مع وكالة التعاون التركية", "title_en": "Meeting with the Turkish cooperation agency",
        "place_ar": "طرابلس", "place_en": "Tripoli",
        "organizations": ["DRF", "GOV-TR", "ACA", "ANTY"],
        "topics_ar": "المستشفيات والمدارس الجاهزة.", "topics_en": "Hospitals and prefabricated schools.",
        "decisions_ar": "دراسة تمويل مستشفيين ميدانيين.", "decisions_en": "Study funding for two field hospitals.",
        "actions": [("إرسال دراسة الجدوى للمستشفيين", "Send the feasibility study for the two hospitals", "ACA", 20, "open")],
    },
    "italy": {
        "days": 130, "kind": "workshop",
        "title_ar": "ورشة عمل حول إدارة مخاطر الفيضانات", "title_en": "Workshop on flood risk management",
        "place_ar": "روما", "place_en": "Rome",
        "organizations": ["DRF", "GOV-IT", "MCA", "VNTI"],
        "topics_ar": "أنظمة الإنذار المبكر وحماية الأودية.", "topics_en": "Early warning and wadi protection.",
        "actions": [("تسمية فريق الإنذار المبكر", "Name the early-warning team", "officer", -60, "done")],
    },
    "world_bank": {
        "days": 9, "kind": "meeting",
        "title_ar": "اجتماع مع البنك الدولي والاتحاد الأوروبي", "title_en": "Meeting with the World Bank and the EU",
        "place_ar": "تونس (عبر الاتصال المرئي)", "place_en": "Tunis (video call)",
        "organizations": ["DRF", "WB", "EU", "UNDP"],
        "topics_ar": "تقييم الأضرار والاحتياجات وخطة التعافي.",
        "topics_en": "Damage and needs assessment; the recovery plan.",
        "decisions_ar": "تحديث تقييم الاحتياجات قبل نهاية الربع.",
        "decisions_en": "Update the needs assessment before the end of the quarter.",
        "actions": [
            ("مشاركة بيانات الأضرار حسب البلدية", "Share damage data by municipality", "officer", -2, "open"),
            ("مراجعة مسودة خطة التعافي", "Review the draft recovery plan", "WB", 30, "open"),
        ],
    },
    "forum_prep": {
        "days": -21, "kind": "forum_session",
        "title_ar": "جلسة تحضيرية للمنتدى الليبي الأمريكي الثاني", "title_en": "Preparatory session for the second Libyan–American Forum",
        "place_ar": "بنغازي", "place_en": "Benghazi",
        "organizations": ["DRF", "EMB-US", "ADP"],
        "topics_ar": "برنامج المنتدى والمشروعات المعروضة.", "topics_en": "Forum programme and showcased projects.",
    },
}

# status, signed how many days ago (None for drafts), how long it runs, links
OTHER_AGREEMENTS = [
    {"partner": "GOV-EG", "kind": "framework", "reference": "DRF-EG-01", "status": "in_force",
     "title_ar": "اتفاقية إطارية مع الحكومة المصرية", "title_en": "Framework agreement with the Government of Egypt",
     "signed_days_ago": 75, "runs_days": 1800, "engagement": "egypt", "place": "Cairo", "projects": 0},
    {"partner": "NPA", "kind": "grant", "reference": "DRF-EG-02", "status": "in_force",
     "title_ar": "منحة مياه الشرب في البطنان", "title_en": "Drinking water grant for Al Butnan",
     "signed_days_ago": 70, "runs_days": 700, "value": "9000000", "currency": "EGP", "engagement": "egypt"},
    {"partner": "NDCC", "kind": "contract", "reference": "DRF-EG-03", "status": "signed",
     "title_ar": "عقد إنشاء طريق طبرق – البردي", "title_en": "Contract for the Tobruk–Bardiyah road",
     "signed_days_ago": 60, "runs_days": 540, "value": "61000000", "currency": "LYD"},
    {"partner": "ACA", "kind": "grant", "reference": "DRF-TR-01", "status": "signed",
     "title_ar": "منحة المستشفيات الميدانية", "title_en": "Field hospitals grant",
     "signed_days_ago": 18, "runs_days": 365, "value": "7500000", "currency": "USD", "engagement": "turkiye"},
    {"partner": "ANTY", "kind": "contract", "reference": "DRF-TR-02", "status": "in_force",
     "title_ar": "عقد المدارس الجاهزة في سوسة", "title_en": "Prefabricated schools in Susah",
     "signed_days_ago": 400, "runs_days": 450, "value": "19000000", "currency": "LYD"},
    {"partner": "MCA", "kind": "technical_cooperation", "reference": "DRF-IT-01", "status": "in_force",
     "title_ar": "تعاون فني في الإنذار المبكر", "title_en": "Technical cooperation on early warning",
     "signed_days_ago": 130, "runs_days": 200, "value": "2300000", "currency": "EUR", "engagement": "italy"},
    {"partner": "TYRC", "kind": "contract", "reference": "DRF-IT-02", "status": "signed",
     "title_ar": "عقد تأهيل كورنيش درنة", "title_en": "Derna corniche rehabilitation contract",
     "signed_days_ago": 900, "runs_days": 700, "value": "28000000", "currency": "EUR"},
    {"partner": "WB", "kind": "loan", "reference": "DRF-WB-01", "status": "draft",
     "title_ar": "قرض التعافي الحضري", "title_en": "Urban recovery loan", "signed_days_ago": None,
     "runs_days": 2500, "value": "150000000", "currency": "USD", "public": False, "engagement": "world_bank"},
    {"partner": "EU", "kind": "grant", "reference": "DRF-EU-01", "status": "in_force",
     "title_ar": "منحة الاتحاد الأوروبي لدعم البلديات", "title_en": "EU grant for municipal support",
     "signed_days_ago": 300, "runs_days": 360, "value": "12000000", "currency": "EUR", "with": ["UNDP"]},
    {"partner": "UNDP", "kind": "technical_cooperation", "reference": "DRF-UNDP-01", "status": "completed",
     "title_ar": "دعم فني لتقييم الأضرار", "title_en": "Technical support to the damage assessment",
     "signed_days_ago": 700, "runs_days": 300, "value": "1500000", "currency": "USD"},
    {"partner": "ADP", "kind": "grant", "reference": "DRF-US-02", "status": "in_force",
     "title_ar": "منحة إعادة تأهيل شبكة الكهرباء", "title_en": "Grant for electricity network rehabilitation",
     "signed_days_ago": 240, "runs_days": 900, "value": "18000000", "currency": "USD", "projects": 4},
    {"partner": "MDGS", "kind": "contract", "reference": "DRF-US-03", "status": "signed",
     "title_ar": "عقد محطات التحويل في الجبل الأخضر", "title_en": "Substations in Al Jabal Al Akhdar",
     "signed_days_ago": 150, "runs_days": 600, "value": "42000000", "currency": "USD", "public": False},
]

CONTACTS = [
    ("GOV-US", "Daniel Brooks (demo)", "Economic Officer", "d.brooks@example.org", "+1 202 555 0143"),
    ("EMB-US", "Margaret Ellison (demo)", "Chargé d'Affaires", "m.ellison@example.org", "+218 91 555 0101"),
    ("USSE", "Jonathan Reed (demo)", "Special Envoy for Libya", "j.reed@example.org", ""),
    ("GOV-GR", "Nikolaos Georgiou (demo)", "Deputy Minister", "n.georgiou@example.org", "+30 210 555 0177"),
    ("HDA", "Maria Konstantinou (demo)", "Programme Manager", "m.konst@example.org", "+30 210 555 0190"),
    ("AEGC", "Giorgos Dimitriou (demo)", "Regional Director", "g.dimitriou@example.org", "+30 210 555 0122"),
    ("NPA", "Ahmed Fathy (demo)", "Head of Cooperation", "a.fathy@example.org", "+20 2 5550 1234"),
    ("ACA", "Elif Yilmaz (demo)", "Country Coordinator", "e.yilmaz@example.org", "+90 312 555 0110"),
    ("WB", "Sarah Collins (demo)", "Task Team Leader", "s.collins@example.org", ""),
    ("EU", "Pierre Lambert (demo)", "Head of Cooperation", "p.lambert@example.org", ""),
]
# fmt: on

# Libyan people of the minutes, as written in Arabic (their Latin spelling is the key).
ARABIC_NAMES = {
    "Salem Al-Obeidi (demo)": "سالم العبيدي",
    "Huda Ben Ali (demo)": "هدى بن علي",
    "Ahmed Fathy (demo)": "أحمد فتحي",
}
# Titles and roles in Arabic (the English one is the key).
ARABIC_TITLES = {
    "Ambassador": "سفيرة",
    "Head of Planning": "رئيسة إدارة التخطيط",
    "Special Envoy for Libya": "المبعوث الخاص إلى ليبيا",
    "Chargé d'Affaires": "القائمة بالأعمال",
    "Deputy Minister, head of delegation": "نائب الوزير، رئيس الوفد",
    "Director General of the Fund": "المدير العام للصندوق",
    "Economic Officer": "مسؤول الشؤون الاقتصادية",
    "Deputy Minister": "نائب الوزير",
    "Programme Manager": "مديرة البرامج",
    "Regional Director": "المدير الإقليمي",
    "Head of Cooperation": "رئيس التعاون",
    "Country Coordinator": "المنسقة القُطرية",
    "Task Team Leader": "رئيسة فريق المهمة",
}


def person_fields(name: str, title: str) -> dict:
    """A person's name as written (Arabic for Libyans, with the Latin spelling kept) and
    their title in Arabic and English."""
    arabic = ARABIC_NAMES.get(name)
    return {
        "name": arabic or name,
        "name_latin": name if arabic else "",
        "title": ARABIC_TITLES.get(title, title),
        "title_en": title if title in ARABIC_TITLES else "",
    }


def contact_fields(name: str, role: str) -> dict:
    """The same for a contact, whose title is its role."""
    fields = person_fields(name, role)
    fields["role"], fields["role_en"] = fields.pop("title"), fields.pop("title_en")
    return fields
