"""Bilingual title templates of the synthetic demo portfolio (used by imar.demo.portfolio).

Each template is (project type, English, Arabic, range of {n} or None). {p} is the place,
{q} a second place (roads), {name} a proper name from NAMES. Numbers are chosen so the
Arabic counted noun is grammatical (11 and more take the singular accusative).
"""

from imar.portfolio.enums import ProjectType
from imar.portfolio.sectors import Sector

T = ProjectType
S = Sector

NAMES = [
    ("Al-Shuhada", "الشهداء"),
    ("Omar Al-Mukhtar", "عمر المختار"),
    ("Al-Nasr", "النصر"),
    ("Al-Wahda", "الوحدة"),
    ("Al-Fajr", "الفجر"),
    ("Ibn Khaldun", "ابن خلدون"),
    ("Al-Jalaa", "الجلاء"),
    ("Al-Amal", "الأمل"),
    ("Al-Quds", "القدس"),
    ("Al-Mustaqbal", "المستقبل"),
    ("Al-Huriya", "الحرية"),
    ("Al-Andalus", "الأندلس"),
    ("Al-Salam", "السلام"),
    ("Al-Zuhur", "الزهور"),
]

# fmt: off
TEMPLATES: dict[str, list[tuple]] = {
    S.HOUSING: [
        (T.NEW_CONSTRUCTION, "Construction of {n} housing units in {p}",
         "إنشاء {n} وحدة سكنية في {p}", (20, 400)),
        (T.REHABILITATION, "Repair of {n} storm-damaged homes in {p}",
         "صيانة {n} منزلًا متضررًا من العاصفة في {p}", (11, 99)),
        (T.REHABILITATION, "Rehabilitation of the {name} housing estate in {p}",
         "إعادة تأهيل مشروع {name} السكني في {p}", None),
        (T.NEW_CONSTRUCTION, "Infrastructure for the new housing district of {p}",
         "البنية التحتية للحي السكني الجديد في {p}", None),
    ],
    S.ROADS_BRIDGES: [
        (T.REHABILITATION, "Rehabilitation of the {p} – {q} road ({n} km)",
         "إعادة تأهيل طريق {p} – {q} ({n} كم)", (12, 180)),
        (T.NEW_CONSTRUCTION, "Construction of the {p} ring road", "إنشاء الطريق الدائري في {p}",
         None),
        (T.REHABILITATION, "Repair of internal roads in {p} ({n} km)",
         "صيانة الطرق الداخلية في {p} ({n} كم)", (11, 60)),
        (T.REPLACEMENT, "Replacement of the {name} bridge in {p}", "استبدال جسر {name} في {p}",
         None),
    ],
    S.WATER_SANITATION: [
        (T.REHABILITATION, "Rehabilitation of the {p} water network ({n} km)",
         "إعادة تأهيل شبكة المياه في {p} ({n} كم)", (11, 120)),
        (T.NEW_CONSTRUCTION, "Construction of a wastewater treatment plant in {p}",
         "إنشاء محطة معالجة مياه الصرف الصحي في {p}", None),
        (T.NEW_CONSTRUCTION, "Drilling and equipping of {n} wells in {p}",
         "حفر وتجهيز {n} آبار في {p}", (3, 10)),
        (T.EXPANSION, "Expansion of the {p} sewerage network", "توسعة شبكة الصرف الصحي في {p}",
         None),
    ],
    S.ELECTRICITY: [
        (T.REHABILITATION, "Rehabilitation of the {p} power distribution network",
         "إعادة تأهيل شبكة توزيع الكهرباء في {p}", None),
        (T.NEW_CONSTRUCTION, "Construction of a 220/30 kV substation in {p}",
         "إنشاء محطة تحويل 220/30 ك.ف في {p}", None),
        (T.REPLACEMENT, "Replacement of {n} distribution transformers in {p}",
         "استبدال {n} محولًا كهربائيًا في {p}", (11, 90)),
    ],
    S.RENEWABLE_ENERGY: [
        (T.NEW_CONSTRUCTION, "Construction of a {n} MW solar plant in {p}",
         "إنشاء محطة طاقة شمسية بقدرة {n} ميغاواط في {p}", (11, 100)),
        (T.REPLACEMENT, "Solar street lighting in {p}", "إنارة الشوارع بالطاقة الشمسية في {p}",
         None),
    ],
    S.HEALTH: [
        (T.REHABILITATION, "Rehabilitation of {p} Medical Centre", "إعادة تأهيل مركز {p} الطبي",
         None),
        (T.NEW_CONSTRUCTION, "Construction of a {n}-bed hospital in {p}",
         "إنشاء مستشفى بسعة {n} سريرًا في {p}", (30, 99)),
        (T.REHABILITATION, "Rehabilitation of the {name} primary health care unit in {p}",
         "إعادة تأهيل وحدة {name} للرعاية الصحية الأولية في {p}", None),
        (T.EXPANSION, "Expansion of the emergency department of {p} General Hospital",
         "توسعة قسم الطوارئ بمستشفى {p} العام", None),
    ],
    S.EDUCATION: [
        (T.REHABILITATION, "Rehabilitation of {name} School in {p}",
         "إعادة تأهيل مدرسة {name} في {p}", None),
        (T.NEW_CONSTRUCTION, "Construction of a {n}-classroom school in {p}",
         "إنشاء مدرسة من {n} فصلًا دراسيًا في {p}", (12, 36)),
        (T.EXPANSION, "Expansion of the {name} secondary school in {p}",
         "توسعة مدرسة {name} الثانوية في {p}", None),
    ],
    S.URBAN_REHABILITATION: [
        (T.REHABILITATION, "Rehabilitation of the city centre of {p}",
         "إعادة تأهيل وسط مدينة {p}", None),
        (T.REHABILITATION, "Rehabilitation of public squares in {p}",
         "إعادة تأهيل الساحات العامة في {p}", None),
        (T.REHABILITATION, "Debris removal and site clearance in {p}",
         "إزالة الركام وتسوية المواقع في {p}", None),
    ],
    S.PUBLIC_BUILDINGS: [
        (T.REHABILITATION, "Rehabilitation of the {p} municipal building",
         "إعادة تأهيل مبنى بلدية {p}", None),
        (T.NEW_CONSTRUCTION, "Construction of the {p} courthouse", "إنشاء مجمع المحاكم في {p}",
         None),
        (T.REHABILITATION, "Rehabilitation of the {p} civil registry office",
         "إعادة تأهيل مكتب السجل المدني في {p}", None),
        (T.NEW_CONSTRUCTION, "Construction of a civil defence station in {p}",
         "إنشاء مركز للدفاع المدني في {p}", None),
    ],
    S.FLOOD_PROTECTION: [
        (T.NEW_CONSTRUCTION, "Flood protection works on the wadis of {p}",
         "أعمال الحماية من الفيضانات في أودية {p}", None),
        (T.NEW_CONSTRUCTION, "Construction of storm-water drainage in {p} ({n} km)",
         "إنشاء شبكة تصريف مياه الأمطار في {p} ({n} كم)", (11, 40)),
        (T.NEW_CONSTRUCTION, "Flood early warning system for {p}",
         "نظام الإنذار المبكر بالفيضانات في {p}", None),
    ],
    S.TELECOMMUNICATIONS: [
        (T.NEW_CONSTRUCTION, "Fibre-optic network in {p}", "شبكة الألياف البصرية في {p}", None),
        (T.REHABILITATION, "Rehabilitation of the {p} telephone exchange",
         "إعادة تأهيل مقسم الهاتف في {p}", None),
    ],
    S.PORTS: [
        (T.REHABILITATION, "Rehabilitation of the port of {p}", "إعادة تأهيل ميناء {p}", None),
        (T.EXPANSION, "Expansion of the fishing harbour of {p}", "توسعة ميناء الصيد في {p}",
         None),
    ],
    S.AIRPORTS: [
        (T.REHABILITATION, "Rehabilitation of the {p} airport runway",
         "إعادة تأهيل مدرج مطار {p}", None),
        (T.NEW_CONSTRUCTION, "Construction of a passenger terminal at {p} airport",
         "إنشاء صالة ركاب في مطار {p}", None),
    ],
    S.SOLID_WASTE: [
        (T.NEW_CONSTRUCTION, "Construction of a sanitary landfill for {p}",
         "إنشاء مكب نفايات صحي لبلدية {p}", None),
        (T.REPLACEMENT, "Waste collection equipment for {p}", "توفير معدات جمع النفايات لبلدية {p}",
         None),
    ],
    S.AGRICULTURE_IRRIGATION: [
        (T.REHABILITATION, "Rehabilitation of irrigation canals in {p}",
         "إعادة تأهيل قنوات الري في {p}", None),
        (T.NEW_CONSTRUCTION, "Construction of a {n}-hectare greenhouse complex in {p}",
         "إنشاء مجمع بيوت محمية بمساحة {n} هكتارًا في {p}", (11, 60)),
    ],
    S.CULTURE_SPORTS: [
        (T.REHABILITATION, "Rehabilitation of the {p} sports city",
         "إعادة تأهيل المدينة الرياضية في {p}", None),
        (T.REHABILITATION, "Rehabilitation of the {p} cultural centre",
         "إعادة تأهيل المركز الثقافي في {p}", None),
        (T.NEW_CONSTRUCTION, "Construction of a youth centre in {p}", "إنشاء مركز للشباب في {p}",
         None),
    ],
}

# Landmark projects of the Derna reconstruction: (sector, type, English, Arabic).
DERNA_LANDMARKS = [
    (S.ROADS_BRIDGES, T.REHABILITATION, "Rehabilitation of the Wadi Derna bridge",
     "إعادة تأهيل جسر وادي درنة"),
    (S.FLOOD_PROTECTION, T.REPLACEMENT, "Reconstruction of the Al-Bilad dam",
     "إعادة بناء سد البلاد"),
    (S.FLOOD_PROTECTION, T.REPLACEMENT, "Reconstruction of the Abu Mansour dam",
     "إعادة بناء سد أبو منصور"),
    (S.URBAN_REHABILITATION, T.REHABILITATION, "Rehabilitation of the Derna corniche",
     "إعادة تأهيل كورنيش درنة"),
    (S.URBAN_REHABILITATION, T.REHABILITATION, "Rehabilitation of the old city of Derna",
     "إعادة تأهيل المدينة القديمة في درنة"),
    (S.PORTS, T.REHABILITATION, "Rehabilitation of the port of Derna", "إعادة تأهيل ميناء درنة"),
    (S.HEALTH, T.REHABILITATION, "Rehabilitation of Al-Wahda Hospital in Derna",
     "إعادة تأهيل مستشفى الوحدة في درنة"),
]

# Reasons recorded on suspensions and cancellations (Arabic first, then English).
SUSPEND_REASONS = [
    "توقف التمويل بانتظار اعتماد الميزانية / Funding on hold until the budget is approved",
    "نزاع مع المقاول على الأعمال الإضافية / Dispute with the contractor over variations",
    "ظروف أمنية في موقع المشروع / Security conditions at the site",
]
CANCEL_REASONS = [
    "أعيد تخصيص التمويل لأولويات التعافي من العاصفة / Funding moved to storm recovery",
    "دُمج في مشروع آخر / Merged into another project",
    "لم تعد الحاجة قائمة بعد إعادة التقييم / No longer needed after reassessment",
]
# fmt: on
