"""Arabic for the partners app's printable country briefing.

Run: .venv/bin/python scripts/translations/partners_briefing.py && .venv/bin/imar compilemessages_imar
"""

from catalogue import apply

MESSAGES = {
    "Sector": "القطاع",
    "Region": "الإقليم",
    "Budget": "الميزانية",
    "Briefing for a country": "إحاطة عن دولة",
    "Choose a country": "اختر دولة",
    "Prepare briefing": "إعداد الإحاطة",
    "Printable briefing": "إحاطة قابلة للطباعة",
    "Briefing: %(country_name)s": "إحاطة: %(country_name)s",
    "Country briefing": "إحاطة عن دولة",
    "Print": "طباعة",
    "“%(requested)s” is not a partner country. Choose a country from the list.": (
        "«%(requested)s» ليست دولة شريكة. اختر دولة من القائمة."
    ),
    "Choose the partner country the briefing is about.": "اختر الدولة الشريكة التي تتناولها الإحاطة.",
    "Prepared on %(date)s by %(prepared_by)s.": "أُعدّت في %(date)s بواسطة %(prepared_by)s.",
    "Internal: not for distribution": "داخلي: غير مخصص للتوزيع",
    "Key figures": "أرقام رئيسية",
    "Value %(total)s %(currency)s": "القيمة %(total)s %(currency)s",
    "Money from %(country_name)s's organizations": "أموال جهات %(country_name)s",
    "Disbursed (LYD)": "المصروف (دينار ليبي)",
    "Strategic projects": "المشروعات الاستراتيجية",
    "Code": "الرمز",
    "District": "الشعبية",
    "Progress": "نسبة الإنجاز",
    "No project is covered by an agreement with this country's partners.": (
        "لا يشمل أيَّ مشروع اتفاقٌ مع شركاء هذه الدولة."
    ),
    "Money by sector (LYD)": "الأموال حسب القطاع (دينار ليبي)",
    "Money by region (LYD)": "الأموال حسب الإقليم (دينار ليبي)",
    "Signed on": "تاريخ التوقيع",
    "No agreement with this country's partners.": "لا توجد اتفاقيات مع شركاء هذه الدولة.",
    "Open follow-ups": "المتابعات المفتوحة",
    "Due date": "تاريخ الاستحقاق",
    "No open follow-up.": "لا توجد متابعات مفتوحة.",
    "Total": "المجموع",
}

if __name__ == "__main__":
    apply("partners", MESSAGES)
