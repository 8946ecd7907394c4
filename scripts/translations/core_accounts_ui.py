"""Arabic for the shared layout (core) and for logins, roles and the audit trail (accounts).

Run: .venv/bin/python scripts/translations/core_accounts_ui.py && .venv/bin/imar compilemessages_imar
"""

from catalogue import apply

CORE = {
    "Imar": "إعمار",
    "Skip to content": "انتقل إلى المحتوى",
    "Main navigation": "التنقل الرئيسي",
    "Menu": "القائمة",
    "Log out": "تسجيل الخروج",
    "Synthetic demonstration data: the projects, figures and people shown are invented.": (
        "بيانات تجريبية مصطنعة: المشاريع والأرقام والأشخاص المعروضون من نسج الخيال."
    ),
    "Imar, open-source software for reconstruction funds": "إعمار، برمجيات مفتوحة المصدر لصناديق إعادة الإعمار",
    "Projects": "المشاريع",
    "Partners": "الشركاء",
    "Audit trail": "سجل التدقيق",
    "Administration": "الإدارة",
    "Arabic": "العربية",
    "English": "الإنجليزية",
    "%s (descending)": "%s (تنازليًا)",
    "name (Arabic)": "الاسم (بالعربية)",
    "name (English)": "الاسم (بالإنجليزية)",
    "Libyan dinar": "دينار ليبي",
    "US dollar": "دولار أمريكي",
    "Euro": "يورو",
    "Pound sterling": "جنيه إسترليني",
    "Egyptian pound": "جنيه مصري",
    "Turkish lira": "ليرة تركية",
    "Chinese yuan": "يوان صيني",
    "UAE dirham": "درهم إماراتي",
    "Dashboard": "لوحة المتابعة",
    "Attention": "تحتاج متابعة",
    "Reports": "التقارير",
    "Needs and scenarios": "الاحتياجات والسيناريوهات",
    "Investment forum": "منتدى الاستثمار",
}
ACCOUNTS = {
    "Administrator": "مدير النظام",
    "Fund officer": "موظف الصندوق",
    "Regional engineer": "مهندس إقليمي",
    "Auditor (read only)": "مدقق (اطلاع فقط)",
    "Partner": "شريك",
    "role": "الدور",
    "districts": "الشعبيات",
    "organization": "الجهة",
    "For partner accounts: the organization they speak for.": "لحسابات الشركاء: الجهة التي يمثلونها.",
    "profile": "الملف الشخصي",
    "profiles": "الملفات الشخصية",
    "audit event": "حدث تدقيق",
    "audit events": "أحداث التدقيق",
    "Field": "الحقل",
    "Before": "قبل",
    "After": "بعد",
    "Audit trail": "سجل التدقيق",
    "Check the integrity of the trail": "التحقق من سلامة السجل",
    "The audit trail has been tampered with.": "تم العبث بسجل التدقيق.",
    "Event %(n)s": "الحدث %(n)s",
    "The audit trail is intact: %(n)s events, each sealed with the hash of the one before (head %(hash)s…).": (
        "سجل التدقيق سليم: %(n)s حدثًا، كلٌّ منها مختوم بتجزئة الحدث الذي قبله (الرأس %(hash)s…)."
    ),
    "When": "متى",
    "Who": "من",
    "Action": "الإجراء",
    "Object": "العنصر",
    "Changes and reason": "التعديلات والسبب",
    "system": "النظام",
    "Reason": "السبب",
    "No event recorded yet.": "لم يُسجَّل أي حدث بعد.",
    "Pages": "الصفحات",
    "Previous": "السابق",
    "Next": "التالي",
    "Log in": "تسجيل الدخول",
    "Log in to Imar": "تسجيل الدخول إلى إعمار",
    "Username": "اسم المستخدم",
    "Password": "كلمة المرور",
}

if __name__ == "__main__":
    apply("core", CORE)
    apply("accounts", ACCOUNTS)
