"""Demo step: the partner organizations of a fund like Libya's (synthetic demo data).

Public institutions (the fund, Libyan ministries and public companies, foreign governments,
multilaterals) carry their real names; development agencies marked "(demo)" and every
company are fictitious. Later demo steps look organizations up by these stable acronyms:

- the fund: DRF
- Libyan public bodies: MHU (housing and utilities), MOH (health), MOE (education),
  MOT (transport), GECOL (electricity), MWR (water resources), GCWW (water and wastewater
  company), MLG (local government), MOP (planning), MOF (finance), MCI (communications),
  MOA (agriculture), MYS (youth and sports), HIB (housing and infrastructure board),
  ODAC (administrative centres), DMC / BMC / MMC / SMC / TMC (municipal councils of Derna,
  Al Bayda, Al Marj, Shahhat and Tripoli)
- foreign governments: GOV-GR, GOV-US, GOV-EG, GOV-TR, GOV-IT, GOV-DE, GOV-CN, GOV-FR, GOV-AE
- development agencies (fictitious): HDA, ADP, NPA, ACA, MCA, RDA, SRDA
- multilaterals: WB, UNDP, EU, UNHABITAT, UNICEF, WHO, ISDB, AFDB
- NGOs: LRC (Libyan Red Crescent), DRV (fictitious volunteers' network)
- contractors (fictitious): see CONTRACTORS; engineering consultants: see ENGINEERS
"""

from imar.organizations.enums import OrganizationKind
from imar.organizations.models import Organization
from imar.portfolio.sectors import Sector

K = OrganizationKind
S = Sector
SYNTHETIC_NOTE = "Synthetic demo data."

# fmt: off
# (acronym, kind, country, English name, Arabic name, sectors)
PUBLIC_BODIES = [
    ("DRF", K.GOVERNMENT_BODY, "LY", "Development and Reconstruction Fund of Libya",
     "صندوق التنمية وإعادة إعمار ليبيا", []),
    ("MHU", K.GOVERNMENT_BODY, "LY", "Ministry of Housing and Utilities",
     "وزارة الإسكان والمرافق", [S.HOUSING, S.WATER_SANITATION, S.URBAN_REHABILITATION]),
    ("MOH", K.GOVERNMENT_BODY, "LY", "Ministry of Health", "وزارة الصحة", [S.HEALTH]),
    ("MOE", K.GOVERNMENT_BODY, "LY", "Ministry of Education", "وزارة التعليم", [S.EDUCATION]),
    ("MOT", K.GOVERNMENT_BODY, "LY", "Ministry of Transport", "وزارة المواصلات",
     [S.ROADS_BRIDGES, S.PORTS, S.AIRPORTS]),
    ("GECOL", K.GOVERNMENT_BODY, "LY", "General Electricity Company of Libya",
     "الشركة العامة للكهرباء", [S.ELECTRICITY, S.RENEWABLE_ENERGY]),
    ("MWR", K.GOVERNMENT_BODY, "LY", "Ministry of Water Resources", "وزارة الموارد المائية",
     [S.WATER_SANITATION, S.FLOOD_PROTECTION]),
    ("GCWW", K.GOVERNMENT_BODY, "LY", "General Company for Water and Wastewater",
     "الشركة العامة للمياه والصرف الصحي", [S.WATER_SANITATION]),
    ("MLG", K.GOVERNMENT_BODY, "LY", "Ministry of Local Government", "وزارة الحكم المحلي",
     [S.URBAN_REHABILITATION, S.SOLID_WASTE, S.PUBLIC_BUILDINGS]),
    ("MOP", K.GOVERNMENT_BODY, "LY", "Ministry of Planning", "وزارة التخطيط", []),
    ("MOF", K.GOVERNMENT_BODY, "LY", "Ministry of Finance", "وزارة المالية", []),
    ("MCI", K.GOVERNMENT_BODY, "LY", "Ministry of Communications and Informatics",
     "وزارة الاتصالات والمعلوماتية", [S.TELECOMMUNICATIONS]),
    ("MOA", K.GOVERNMENT_BODY, "LY", "Ministry of Agriculture, Livestock and Marine Wealth",
     "وزارة الزراعة والثروة الحيوانية والبحرية", [S.AGRICULTURE_IRRIGATION]),
    ("MYS", K.GOVERNMENT_BODY, "LY", "Ministry of Youth and Sports", "وزارة الشباب والرياضة",
     [S.CULTURE_SPORTS]),
    ("HIB", K.GOVERNMENT_BODY, "LY", "Housing and Infrastructure Board",
     "جهاز تنفيذ مشروعات الإسكان والمرافق", [S.HOUSING, S.ROADS_BRIDGES]),
    ("ODAC", K.GOVERNMENT_BODY, "LY", "Organization for Development of Administrative Centres",
     "جهاز تنمية وتطوير المراكز الإدارية", [S.PUBLIC_BUILDINGS, S.URBAN_REHABILITATION]),
    ("DMC", K.GOVERNMENT_BODY, "LY", "Derna Municipal Council", "المجلس البلدي درنة", []),
    ("BMC", K.GOVERNMENT_BODY, "LY", "Al Bayda Municipal Council", "المجلس البلدي البيضاء", []),
    ("MMC", K.GOVERNMENT_BODY, "LY", "Al Marj Municipal Council", "المجلس البلدي المرج", []),
    ("SMC", K.GOVERNMENT_BODY, "LY", "Shahhat Municipal Council", "المجلس البلدي شحات", []),
    ("TMC", K.GOVERNMENT_BODY, "LY", "Tripoli Municipal Council", "المجلس البلدي طرابلس", []),
    ("GOV-GR", K.FOREIGN_GOVERNMENT, "GR", "Government of Greece", "حكومة اليونان", []),
    ("GOV-US", K.FOREIGN_GOVERNMENT, "US", "Government of the United States",
     "حكومة الولايات المتحدة", []),
    ("GOV-EG", K.FOREIGN_GOVERNMENT, "EG", "Government of Egypt", "حكومة مصر", []),
    ("GOV-TR", K.FOREIGN_GOVERNMENT, "TR", "Government of Türkiye", "حكومة تركيا", []),
    ("GOV-IT", K.FOREIGN_GOVERNMENT, "IT", "Government of Italy", "حكومة إيطاليا", []),
    ("GOV-DE", K.FOREIGN_GOVERNMENT, "DE", "Government of Germany", "حكومة ألمانيا", []),
    ("GOV-CN", K.FOREIGN_GOVERNMENT, "CN", "Government of China", "حكومة الصين", []),
    ("GOV-FR", K.FOREIGN_GOVERNMENT, "FR", "Government of France", "حكومة فرنسا", []),
    ("GOV-AE", K.FOREIGN_GOVERNMENT, "AE", "Government of the United Arab Emirates",
     "حكومة الإمارات العربية المتحدة", []),
    ("HDA", K.DEVELOPMENT_AGENCY, "GR", "Hellenic Development Agency (demo)",
     "الوكالة الهيلينية للتنمية (تجريبية)", [S.HOUSING, S.HEALTH]),
    ("ADP", K.DEVELOPMENT_AGENCY, "US", "American Development Partnership (demo)",
     "الشراكة الأمريكية للتنمية (تجريبية)", [S.WATER_SANITATION, S.EDUCATION]),
    ("NPA", K.DEVELOPMENT_AGENCY, "EG", "Nile Partnership Agency (demo)",
     "وكالة النيل للشراكة (تجريبية)", [S.ROADS_BRIDGES, S.HOUSING]),
    ("ACA", K.DEVELOPMENT_AGENCY, "TR", "Anatolian Cooperation Agency (demo)",
     "وكالة الأناضول للتعاون (تجريبية)", [S.HEALTH, S.EDUCATION]),
    ("MCA", K.DEVELOPMENT_AGENCY, "IT", "Mediterranean Cooperation Agency (demo)",
     "وكالة المتوسط للتعاون (تجريبية)", [S.URBAN_REHABILITATION, S.CULTURE_SPORTS]),
    ("RDA", K.DEVELOPMENT_AGENCY, "DE", "Rhine Development Agency (demo)",
     "وكالة الراين للتنمية (تجريبية)", [S.ELECTRICITY, S.RENEWABLE_ENERGY]),
    ("SRDA", K.DEVELOPMENT_AGENCY, "CN", "Silk Road Development Agency (demo)",
     "وكالة طريق الحرير للتنمية (تجريبية)", [S.ROADS_BRIDGES, S.PORTS]),
    ("WB", K.MULTILATERAL, "US", "World Bank", "البنك الدولي", []),
    ("UNDP", K.MULTILATERAL, "US", "United Nations Development Programme",
     "برنامج الأمم المتحدة الإنمائي", []),
    ("EU", K.MULTILATERAL, "BE", "European Union", "الاتحاد الأوروبي", []),
    ("UNHABITAT", K.MULTILATERAL, "KE", "UN-Habitat",
     "برنامج الأمم المتحدة للمستوطنات البشرية", [S.HOUSING, S.URBAN_REHABILITATION]),
    ("UNICEF", K.MULTILATERAL, "US", "UNICEF", "منظمة الأمم المتحدة للطفولة (يونيسف)",
     [S.EDUCATION, S.WATER_SANITATION]),
    ("WHO", K.MULTILATERAL, "CH", "World Health Organization", "منظمة الصحة العالمية",
     [S.HEALTH]),
    ("ISDB", K.MULTILATERAL, "SA", "Islamic Development Bank", "البنك الإسلامي للتنمية", []),
    ("AFDB", K.MULTILATERAL, "CI", "African Development Bank", "بنك التنمية الأفريقي", []),
    ("LRC", K.NGO, "LY", "Libyan Red Crescent", "الهلال الأحمر الليبي", [S.HEALTH]),
    ("DRV", K.NGO, "LY", "Derna Relief Volunteers (demo)", "متطوعو إغاثة درنة (تجريبية)",
     [S.HOUSING]),
]

R, H, W, E, P = S.ROADS_BRIDGES, S.HOUSING, S.WATER_SANITATION, S.ELECTRICITY, S.PUBLIC_BUILDINGS
# Fictitious contractors: (acronym, country, English name, Arabic name, sectors).
CONTRACTORS = [
    ("JABC", "LY", "Jabal Akhdar Building Company", "شركة الجبل الأخضر للبناء", [H, P]),
    ("WDRC", "LY", "Wadi Derna Roads Company", "شركة وادي درنة للطرق", [R, S.FLOOD_PROTECTION]),
    ("SBCC", "LY", "Sirte Bay Contracting", "شركة خليج سرت للمقاولات", [R, H, P]),
    ("FZBC", "LY", "Fezzan Builders", "شركة فزان للبناء", [H, S.EDUCATION, P]),
    ("NLWW", "LY", "Nafusa Water Works", "شركة نفوسة لأعمال المياه", [W]),
    ("TRPC", "LY", "Tripoli Reconstruction Partners", "شركة طرابلس لشركاء الإعمار",
     [H, S.URBAN_REHABILITATION]),
    ("CYCW", "LY", "Cyrene Civil Works", "شركة قورينا للأعمال المدنية", [R, H, S.CULTURE_SPORTS]),
    ("BRQC", "LY", "Barqa Contracting", "شركة برقة للمقاولات", [H, S.HEALTH, S.EDUCATION]),
    ("MSRB", "LY", "Misrata Steel and Roads", "شركة مصراتة للصلب والطرق", [R, S.PORTS]),
    ("GHHC", "LY", "Gharyan Heights Construction", "شركة مرتفعات غريان للإنشاءات", [H, P]),
    ("ZWEC", "LY", "Zawiya Electrical Contractors", "شركة الزاوية للمقاولات الكهربائية",
     [E, S.RENEWABLE_ENERGY]),
    ("OASI", "LY", "Oasis Infrastructure", "شركة الواحة للبنية التحتية", [W, R]),
    ("SBHB", "LY", "Sabha Desert Builders", "شركة سبها الصحراوية للبناء", [S.EDUCATION, P, H]),
    ("KFDR", "LY", "Kufra Desert Roads", "شركة الكفرة للطرق الصحراوية", [R, S.AIRPORTS]),
    ("SLTC", "LY", "Silphium Telecom Works", "شركة السلفيوم لأعمال الاتصالات",
     [S.TELECOMMUNICATIONS]),
    ("GRNC", "LY", "Green Coast Sanitation", "شركة الساحل الأخضر للنظافة",
     [S.SOLID_WASTE, W]),
    ("AEGC", "GR", "Aegean Constructions", "شركة إيجه للإنشاءات", [H, R, S.PORTS]),
    ("PELC", "GR", "Peloponnese Civil Engineering", "شركة البيلوبونيز للهندسة المدنية",
     [R, S.FLOOD_PROTECTION]),
    ("HLTB", "GR", "Helios Technical Builders", "شركة هيليوس للبناء التقني",
     [S.HEALTH, S.RENEWABLE_ENERGY]),
    ("IONH", "GR", "Ionian Hydraulic Works", "شركة أيونيا للأعمال الهيدروليكية",
     [W, S.FLOOD_PROTECTION]),
    ("PRIB", "US", "Prairie Infrastructure Builders", "شركة براري لبناء البنية التحتية",
     [R, W]),
    ("MDGS", "US", "Midland Grid Services", "شركة ميدلاند لخدمات الشبكات", [E]),
    ("NDCC", "EG", "Nile Delta Contracting", "شركة دلتا النيل للمقاولات", [H, R, P]),
    ("PYRB", "EG", "Pyramids Building Company", "شركة الأهرامات للبناء", [H, S.EDUCATION]),
    ("SNRB", "EG", "Sinai Roads and Bridges", "شركة سيناء للطرق والكباري", [R]),
    ("ANTY", "TR", "Anatolia Yapı Construction", "شركة الأناضول للإنشاءات",
     [H, S.HEALTH, S.AIRPORTS]),
    ("BSPI", "TR", "Bosphorus Infrastructure", "شركة البوسفور للبنية التحتية",
     [R, W, S.PORTS]),
    ("KPCW", "TR", "Kapadokya Concrete Works", "شركة كبادوكيا لأعمال الخرسانة",
     [H, S.FLOOD_PROTECTION]),
    ("TYRC", "IT", "Tirreno Costruzioni", "شركة تيرينو للإنشاءات",
     [S.URBAN_REHABILITATION, S.CULTURE_SPORTS, P]),
    ("VNTI", "IT", "Veneto Idraulica", "شركة فينيتو للهيدروليكا", [W, S.FLOOD_PROTECTION]),
    ("SCEL", "IT", "Sicula Elettrica", "شركة صقلية للكهرباء", [E]),
    ("RHNB", "DE", "Rheinland Bau", "شركة راينلاند للبناء", [S.HEALTH, S.EDUCATION, P]),
    ("SWGT", "DE", "Schwarzwald Grid Technik", "شركة شفارتسفالد لتقنيات الشبكات",
     [E, S.RENEWABLE_ENERGY]),
    ("JDRC", "CN", "Jade River Construction", "شركة نهر اليشم للإنشاءات", [H, R]),
    ("LTBE", "CN", "Lotus Bridge Engineering", "شركة جسر اللوتس للهندسة", [R, S.PORTS]),
    ("CRTH", "TN", "Carthage Travaux", "شركة قرطاج للأشغال", [H, S.SOLID_WASTE, P]),
    ("FLGC", "AE", "Falcon Gulf Contracting", "شركة صقر الخليج للمقاولات",
     [H, S.AIRPORTS, S.AGRICULTURE_IRRIGATION]),
    ("HNRP", "KR", "Han River Plant Engineering", "شركة نهر هان لهندسة المحطات",
     [E, W]),
]
# Fictitious engineering consultants (supervising engineers), same shape.
ENGINEERS = [
    ("LMEC", "LY", "Libyan Mediterranean Engineering Consultants",
     "المكتب الليبي المتوسطي للاستشارات الهندسية", []),
    ("SLEC", "LY", "Silphium Engineering Consultancy", "مكتب السلفيوم للاستشارات الهندسية", []),
    ("BNEO", "LY", "Benghazi Engineering Office", "مكتب بنغازي الهندسي", []),
    ("TPDS", "LY", "Tripoli Design and Supervision", "مكتب طرابلس للتصميم والإشراف", []),
    ("ACRE", "GR", "Acropolis Engineering Consultants", "أكروبوليس للاستشارات الهندسية", []),
    ("CSTE", "US", "Coastline Engineering Group", "مجموعة كوستلاين الهندسية", []),
    ("HBPM", "US", "Harbor Bridge Program Management", "هاربر بريدج لإدارة البرامج", []),
    ("ALXE", "EG", "Alexandria Engineering Office", "مكتب الإسكندرية الهندسي", []),
    ("TRSE", "TR", "Taurus Engineering and Supervision", "طوروس للهندسة والإشراف", []),
    ("APNI", "IT", "Appennini Ingegneria", "أبينيني للهندسة", []),
    ("ELBC", "DE", "Elbe Consulting Engineers", "إلبه للاستشارات الهندسية", []),
    ("DJES", "TN", "Djerba Engineering Studies", "جربة للدراسات الهندسية", []),
]
# fmt: on

# Real organisation identifiers (IATI / org-id.guide) of the real-world partners above, from
# the official lists: 44000 is the World Bank's own IATI identifier; XI-IATI-EC_NEAR the IATI
# Secretariat's list (the European Commission's DG NEAR, which covers Libya); XM-DAC-* the
# OECD DAC codes (DAC member countries: Greece 40, United States 302, Türkiye 55, Italy 6,
# Germany 5, France 4, United Arab Emirates 576; multilateral agencies: UNDP 41114,
# UN-Habitat 41120, UNICEF 41122, WHO 928); 46002 the African Development Bank's own IATI
# identifier (its DAC code). Partners without a registered identifier (Libyan bodies, Egypt,
# China, the Islamic Development Bank, NGOs, the fictitious agencies and companies) have none:
# an invented one would be worse than none. The fund's own identifier is a setting
# (IMAR_FUND_IATI_ID), not an organization field.
IATI_IDENTIFIERS = {
    "WB": "44000",
    "EU": "XI-IATI-EC_NEAR",
    "AFDB": "46002",
    "UNDP": "XM-DAC-41114",
    "UNHABITAT": "XM-DAC-41120",
    "UNICEF": "XM-DAC-41122",
    "WHO": "XM-DAC-928",
    "GOV-GR": "XM-DAC-40",
    "GOV-US": "XM-DAC-302",
    "GOV-TR": "XM-DAC-55",
    "GOV-IT": "XM-DAC-6",
    "GOV-DE": "XM-DAC-5",
    "GOV-FR": "XM-DAC-4",
    "GOV-AE": "XM-DAC-576",
}

CONTRACTOR_ACRONYMS = [row[0] for row in CONTRACTORS]
ENGINEER_ACRONYMS = [row[0] for row in ENGINEERS]


def _rows():
    for acronym, kind, country, name_en, name_ar, sectors in PUBLIC_BODIES:
        yield acronym, kind, country, name_en, name_ar, sectors
    for acronym, country, name_en, name_ar, sectors in CONTRACTORS + ENGINEERS:
        yield acronym, K.COMPANY, country, name_en, name_ar, sectors


def load(*, rng, options, log):
    """Create the demo organizations that do not exist yet (matched by acronym)."""
    existing = set(Organization.objects.values_list("acronym", flat=True))
    new = [
        Organization(
            acronym=acronym,
            kind=kind,
            country=country,
            name_en=name_en,
            name_ar=name_ar,
            sectors=[str(sector) for sector in sectors],
            iati_identifier=IATI_IDENTIFIERS.get(acronym, ""),
            notes=SYNTHETIC_NOTE,
        )
        for acronym, kind, country, name_en, name_ar, sectors in _rows()
        if acronym not in existing
    ]
    for organization in new:
        organization.refresh_search_text()  # bulk_create skips save()
    Organization.objects.bulk_create(new)
    log(f"  {len(new)} organizations")
