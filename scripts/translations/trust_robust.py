"""Arabic for issue 10's robustness work: versioned edits (stale saves), SQLite concurrency,
image uploads, spreadsheet imports and stuck allocation runs.

Run: .venv/bin/python scripts/translations/trust_robust.py
     && .venv/bin/imar compilemessages_imar
"""

from catalogue import apply

CORE = {
    # imar/core/versioning.py
    "Someone else saved this record (%(record)s) after you opened it (version %(expected)s, "
    "now %(current)s). Nothing was saved: check their changes and save again.": (
        "حفظ شخص آخر هذا السجل (%(record)s) بعد أن فتحته (الإصدار %(expected)s، وهو الآن "
        "%(current)s). لم يُحفظ شيء: راجع تغييراته ثم احفظ مرة أخرى."
    ),
    "version": "الإصدار",
    "Increases by one each time the record is saved.": "يزداد بواحد في كل مرة يُحفظ فيها السجل.",
    # imar/accounts/versioning_forms.py and core/_versioned.html
    "This form does not say which version of the record it started from. Reload the page and "
    "make your changes again.": (
        "لا يذكر هذا النموذج إصدار السجل الذي بدأ منه. أعد تحميل الصفحة وأدخل تغييراتك مرة أخرى."
    ),
    "the system": "النظام",
    "Yes": "نعم",
    "No": "لا",
    "Someone else saved this record while you were editing it: nothing was saved.": (
        "حفظ شخص آخر هذا السجل أثناء تعديلك له: لم يُحفظ شيء."
    ),
    'Last saved by <bdi>%(who)s</bdi> at <bdi class="num text-nowrap" dir="ltr">%(when)s</bdi>.': (
        'آخر من حفظه <bdi>%(who)s</bdi> في <bdi class="num text-nowrap" dir="ltr">%(when)s</bdi>.'
    ),
    "What they changed is below. Fields you had not touched now hold their value; where you "
    "both changed a field, yours is kept: check it.": (
        "تجد أدناه ما غيّره. الحقول التي لم تلمسها تحمل الآن قيمته، وحيث غيّرتما الحقل نفسه "
        "بقيت قيمتك: راجعها."
    ),
    "Their value": "قيمته",
    "Your value": "قيمتك",
    "You both changed it: yours is in the form.": "غيّرتماه كلاكما: قيمتك هي التي في النموذج.",
    "Theirs is in the form.": "قيمته هي التي في النموذج.",
    "None of the fields on this form differ from what they saved.": (
        "لا يختلف أي حقل في هذا النموذج عمّا حفظه."
    ),
    "Your other changes are kept. Save again to apply them on top of theirs.": (
        "بقيت تغييراتك الأخرى. احفظ مرة أخرى لتطبيقها فوق تغييراته."
    ),
    # imar/core/versioning_api.py
    "Someone else saved this record since you read it.": "حفظ شخص آخر هذا السجل منذ قرأته.",
    'PUT replaces the whole record: send If-Match: "<row_version>" (from the ETag of a GET) or '
    "row_version in the body, or use PATCH to change some fields.": (
        'PUT يستبدل السجل كله: أرسل If-Match: "<row_version>" (من ETag في طلب GET) أو '
        "row_version في متن الطلب، أو استخدم PATCH لتغيير بعض الحقول."
    ),
    'If-Match must be one ETag as given by a GET, e.g. "3" (or *): got %(value)s.': (
        'يجب أن يكون If-Match وسم ETag واحدًا كما يعطيه طلب GET، مثل "3" (أو *): وصل %(value)s.'
    ),
    "row_version must be a whole number.": "يجب أن يكون row_version عددًا صحيحًا.",
    "The record's version, increased by every save. Send it back (or the ETag as If-Match) to "
    "be refused with 409 (412) if someone saved in between.": (
        "إصدار السجل، يزداد مع كل حفظ. أعِده (أو وسم ETag في If-Match) ليُرفض الطلب بالرمز 409 "
        "(أو 412) إن حفظ أحد السجل في الأثناء."
    ),
    "Field": "الحقل",
    # imar/core/image_uploads.py
    "%(field)s: “%(name)s” is %(width)s × %(height)s pixels; an image may have at most "
    "%(limit)s megapixels. Send a smaller copy.": (
        "%(field)s: الملف «%(name)s» أبعاده %(width)s × %(height)s نقطة، والحد الأقصى للصورة "
        "%(limit)s ميغابكسل. أرسل نسخة أصغر."
    ),
    "%(field)s: “%(name)s” has too many pixels; an image may have at most %(limit)s "
    "megapixels. Send a smaller copy.": (
        "%(field)s: الملف «%(name)s» فيه عدد كبير جدًا من النقاط، والحد الأقصى للصورة "
        "%(limit)s ميغابكسل. أرسل نسخة أصغر."
    ),
    "%(field)s: “%(name)s” is not an image that can be read (JPEG or PNG).": (
        "%(field)s: الملف «%(name)s» ليس صورة يمكن قراءتها (JPEG أو PNG)."
    ),
    "the file": "الملف",
}

PORTFOLIO = {
    "Photo": "الصورة",
    "%(field)s: “%(name)s” is larger than 15 MB.": (
        "%(field)s: الملف «%(name)s» أكبر من 15 ميغابايت."
    ),
}

NEEDS = {
    # imar/needs/runs.py
    "The run stopped: the process running it has ended (for example, the server was "
    "restarted). Run the scenario again.": (
        "توقف التشغيل: انتهت العملية التي كانت تشغّله (مثلًا أُعيد تشغيل الخادم). شغّل "
        "السيناريو مرة أخرى."
    ),
    "The run stopped: its worker has given no sign of life since %(when)s. Run the scenario "
    "again.": (
        "توقف التشغيل: لم يصدر عن العامل الذي يشغّله أي إشارة منذ %(when)s. شغّل السيناريو مرة أخرى."
    ),
    "The run stopped on an unexpected error, which has been logged. Run the scenario again; if "
    "it happens again, tell an administrator.": (
        "توقف التشغيل بسبب خطأ غير متوقع سُجّل في سجل الخادم. شغّل السيناريو مرة أخرى، وإن "
        "تكرر ذلك فأبلغ المسؤول."
    ),
    # imar/needs/imports.py
    "Row %(row)s, column %(column)s (%(header)s): the formula %(formula)s has no saved "
    "result. Open the file in Excel or LibreOffice, let it calculate, save it, and import it "
    "again.": (
        "السطر %(row)s، العمود %(column)s (%(header)s): الصيغة %(formula)s ليس لها ناتج "
        "محفوظ. افتح الملف في Excel أو LibreOffice ودعه يحسب، ثم احفظه واستورده مرة أخرى."
    ),
    "Row %(row)s, column %(column)s: the formula %(formula)s has no saved result. Open the "
    "file in Excel or LibreOffice, let it calculate, save it, and import it again.": (
        "السطر %(row)s، العمود %(column)s: الصيغة %(formula)s ليس لها ناتج محفوظ. افتح الملف "
        "في Excel أو LibreOffice ودعه يحسب، ثم احفظه واستورده مرة أخرى."
    ),
    "… and %(more)s more formula cells without a saved result.": (
        "… و%(more)s خلية أخرى فيها صيغة بلا ناتج محفوظ."
    ),
    "The file is not in a text encoding that can be read. Save it as CSV in UTF-8 (in Excel: "
    "“CSV UTF-8”), in UTF-16 (in Excel: “Unicode Text”) or in Windows-1256 (Arabic Windows), "
    "and import it again.": (
        "ترميز الملف غير مقروء. احفظه بصيغة CSV بترميز UTF-8 (في Excel: «CSV UTF-8») أو "
        "UTF-16 (في Excel: «نص Unicode») أو Windows-1256 (ويندوز العربي)، ثم استورده مرة أخرى."
    ),
    "CSV in UTF-8 (with or without BOM), UTF-16 or Windows-1256 (Arabic); in an XLSX file, "
    "formulas must have been calculated (saved by Excel or LibreOffice).": (
        "ملف CSV بترميز UTF-8 (مع BOM أو بدونه) أو UTF-16 أو Windows-1256 (العربي)؛ وفي ملف "
        "XLSX يجب أن تكون الصيغ محسوبة (محفوظة من Excel أو LibreOffice)."
    ),
    "Row %(row)s, %(column)s: this number is required; the cell is empty.": (
        "السطر %(row)s، %(column)s: هذا الرقم مطلوب، والخلية فارغة."
    ),
}

PARTNERS = {
    "Someone else changed this action meanwhile; this is its status now. Choose again if "
    "needed.": "غيّر شخص آخر هذا الإجراء في الأثناء؛ هذه حالته الآن. اختر من جديد إن لزم.",
    "Someone else changed this action meanwhile; its status was not changed.": (
        "غيّر شخص آخر هذا الإجراء في الأثناء؛ لم تتغير حالته."
    ),
    "Logo": "الشعار",
    "People": "الأشخاص",
}

if __name__ == "__main__":
    apply("core", CORE)
    apply("portfolio", PORTFOLIO)
    apply("partners", PARTNERS)
    apply("needs", NEEDS)
