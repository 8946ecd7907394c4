"""Arabic for the staff project pages, forms, filters and the lifecycle.

Run: .venv/bin/python scripts/translations/portfolio_ui.py && .venv/bin/imar compilemessages_imar
"""

from catalogue import apply

MESSAGES = {
    "Search": "بحث",
    "All": "الكل",
    "%s (descending)": "%s (تنازليًا)",
    "Region": "الإقليم",
    "District": "الشعبية",
    "Municipality": "البلدية",
    "Sector": "القطاع",
    "Status": "الحالة",
    "Program": "البرنامج",
    "Organization": "الجهة",
    "Sort by": "الترتيب حسب",
    "Code": "الرمز",
    "Title": "العنوان",
    "Budget": "الميزانية",
    "Planned start": "البدء المخطط",
    "Planned end": "الانتهاء المخطط",
    "Last updated": "آخر تحديث",
    "Reason for the change": "سبب التعديل",
    "Recorded in the project's history, e.g. “budget revised after appraisal”.": (
        "يُسجَّل في سجل المشروع، مثلًا «عُدّلت الميزانية بعد التقييم»."
    ),
    "The planned end must not be before the planned start.": "يجب ألا تسبق نهاية المخطط بدايته.",
    "The actual end must not be before the actual start.": "يجب ألا يسبق الانتهاء الفعلي البدء الفعلي.",
    "A project that ended must have started.": "المشروع المنتهي لا بد أن يكون قد بدأ.",
    "The budget cannot be negative.": "لا يمكن أن تكون الميزانية سالبة.",
    "Give both latitude and longitude, or neither.": "أدخل خط العرض وخط الطول معًا، أو اتركهما فارغين.",
    "Role": "الدور",
    "Reason": "السبب",
    "Appraisal needs a description of the project.": "يتطلب التقييم وصفًا للمشروع.",
    "Approval needs a budget greater than zero.": "تتطلب الموافقة ميزانية أكبر من الصفر.",
    "Approval needs planned start and end dates.": "تتطلب الموافقة تاريخي البدء والانتهاء المخططين.",
    "Procurement needs an implementing organization.": "يتطلب التعاقد جهة منفذة.",
    "Implementation needs a contractor.": "يتطلب التنفيذ مقاولًا.",
    "“%(status)s” is not a project status.": "«%(status)s» ليست حالة مشروع.",
    "A project cannot go from “%(from)s” to “%(to)s”.": "لا يمكن نقل مشروع من «%(from)s» إلى «%(to)s».",
    "Give a reason to suspend or cancel a project.": "اذكر سببًا لإيقاف المشروع أو إلغائه.",
    "private": "خاص",
    "No project matches these filters.": "لا يوجد مشروع يطابق هذه المرشحات.",
    "Pages": "الصفحات",
    "Previous": "السابق",
    "Page %(number)s of %(total)s": "الصفحة %(number)s من %(total)s",
    "Next": "التالي",
    "Breadcrumb": "مسار التنقل",
    "Projects": "المشاريع",
    "Edit": "تعديل",
    "About the project": "عن المشروع",
    "Project type": "نوع المشروع",
    "Location": "الموقع",
    "approximate: the municipality's point": "تقريبي: موقع البلدية",
    "Beneficiaries": "المستفيدون",
    "Planned": "المخطط",
    "Actual": "الفعلي",
    "Public": "عام",
    "Yes: shown on the public portal": "نعم: يظهر في البوابة العامة",
    "No: staff only": "لا: للموظفين فقط",
    "Change history": "سجل التعديلات",
    "Every change to this project: who, when, what it was before and after, and why. The trail is append-only and sealed by a hash chain.": (
        "كل تعديل على هذا المشروع: من أجراه، ومتى، وما كانت القيمة قبله وبعده، ولماذا. "
        "السجل لا يقبل إلا الإضافة، ومختوم بسلسلة تجزئة."
    ),
    "system": "النظام",
    "No change recorded yet.": "لم يُسجَّل أي تعديل بعد.",
    "Lifecycle": "دورة حياة المشروع",
    "Move to “%(status)s”": "نقل إلى «%(status)s»",
    "Organizations involved": "الجهات المشاركة",
    "None recorded yet.": "لم يُسجَّل شيء بعد.",
    "Lifecycle history": "تاريخ المراحل",
    "No transition recorded yet.": "لم يُسجَّل أي انتقال بعد.",
    "Edit project": "تعديل المشروع",
    "New project": "مشروع جديد",
    "Please correct the errors below.": "يرجى تصحيح الأخطاء أدناه.",
    "Save": "حفظ",
    "Cancel": "إلغاء",
    "Code or title, in Arabic or English": "الرمز أو العنوان، بالعربية أو الإنجليزية",
    "Filter": "تصفية",
    "Clear": "مسح",
    "Loading…": "جارٍ التحميل…",
    "No project with this code, or you may not see it.": "لا يوجد مشروع بهذا الرمز، أو لا يحق لك الاطلاع عليه.",
    "Project %(code)s created.": "أُنشئ المشروع %(code)s.",
    "Project %(code)s saved.": "حُفظ المشروع %(code)s.",
    "Choose a status to move the project to.": "اختر الحالة التي يُنقل إليها المشروع.",
    "Project moved to “%(status)s”.": "نُقل المشروع إلى «%(status)s».",
}
PLURALS = {
    ("%(counter)s project", "%(counter)s projects"): [
        "لا مشاريع",
        "مشروع واحد",
        "مشروعان",
        "%(counter)s مشاريع",
        "%(counter)s مشروعًا",
        "%(counter)s مشروع",
    ],
}

if __name__ == "__main__":
    apply("portfolio", MESSAGES, PLURALS)
