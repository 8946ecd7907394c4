"""Arabic for project documents on the staff side (model, uploads, the documents card).

Run: .venv/bin/python scripts/translations/portfolio_documents.py
     && .venv/bin/imar compilemessages_imar
"""

from catalogue import apply

MESSAGES = {
    # categories
    "Feasibility study": "دراسة الجدوى",
    "Environmental impact assessment": "تقييم الأثر البيئي",
    "Design report": "تقرير التصميم",
    "Procurement notice": "إعلان المناقصة",
    "Contract": "العقد",
    "Completion certificate": "شهادة الإنجاز",
    "Evaluation": "التقييم",
    "Photos and illustrations": "صور ورسوم توضيحية",
    "Other": "أخرى",
    # model
    "file": "الملف",
    "file type": "نوع الملف",
    "Shown on the public portal and in open data.": "يظهر في البوابة العامة وفي البيانات المفتوحة.",
    "document date": "تاريخ الوثيقة",
    "uploaded by": "رفعه",
    "uploaded at": "تاريخ الرفع",
    "project document": "وثيقة مشروع",
    "project documents": "وثائق المشروع",
    # upload checks and service
    "A document may be at most 20 MB.": "لا يجوز أن يتجاوز حجم الوثيقة 20 ميغابايت.",
    "The file “%(name)s” is empty.": "الملف «%(name)s» فارغ.",
    "“%(name)s” is not an accepted type: use PDF, JPEG, PNG, XLSX or DOCX.": (
        "«%(name)s» ليس من الأنواع المقبولة: استخدم PDF أو JPEG أو PNG أو XLSX أو DOCX."
    ),
    "“%(name)s” does not contain what its extension says (%(ext)s).": (
        "الملف «%(name)s» لا يحتوي على ما يدل عليه امتداده (%(ext)s)."
    ),
    "You may not change this project's documents.": "لا يحق لك تعديل وثائق هذا المشروع.",
    "Give the document an Arabic title.": "أدخل عنوانًا عربيًا للوثيقة.",
    "Choose one of the listed categories.": "اختر إحدى الفئات المدرجة.",
    # form and views
    "Title (Arabic)": "العنوان (بالعربية)",
    "Title (English)": "العنوان (بالإنجليزية)",
    "Category": "الفئة",
    "Document date": "تاريخ الوثيقة",
    "File": "الملف",
    "PDF, JPEG, PNG, XLSX or DOCX; at most 20 MB.": "PDF أو JPEG أو PNG أو XLSX أو DOCX؛ 20 ميغابايت على الأكثر.",
    "Public: shown on the portal and in open data": "عامة: تظهر في البوابة وفي البيانات المفتوحة",
    "Document added.": "أُضيفت الوثيقة.",
    "Add a document": "إضافة وثيقة",
    "The document is now public.": "أصبحت الوثيقة عامة.",
    "The document is now staff only.": "أصبحت الوثيقة مقصورة على الموظفين.",
    "Document deleted.": "حُذفت الوثيقة.",
    # documents card
    "Documents": "الوثائق",
    "staff only": "للموظفين فقط",
    "Marked public, but the project is private": "معلَّمة عامة، لكن المشروع خاص",
    "public (project private)": "عامة (المشروع خاص)",
    "Make staff only": "قصرها على الموظفين",
    "Make public": "جعلها عامة",
    "Delete “%(title)s”": "حذف «%(title)s»",
    "Delete": "حذف",
    "No documents yet.": "لا توجد وثائق بعد.",
}

if __name__ == "__main__":
    apply("portfolio", MESSAGES)
