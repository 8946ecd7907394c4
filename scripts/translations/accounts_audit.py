"""Arabic for the audit trail's seals, checkpoints and drift (accounts), the admin's
read-only notes, and exchange-rate corrections (portfolio).

Run: .venv/bin/python scripts/translations/accounts_audit.py && .venv/bin/imar compilemessages_imar
"""

from catalogue import apply

ACCOUNTS = {
    "SHA-256 (unkeyed, before keyed sealing)": "SHA-256 (بلا مفتاح، قبل الختم بالمفتاح)",
    "HMAC-SHA256 under the audit key": "HMAC-SHA256 بمفتاح التدقيق",
    # Problems found by the verification.
    "sealed without the key although keyed sealing had begun: a forgery": (
        "مختوم بلا مفتاح مع أن الختم بالمفتاح كان قد بدأ: تزوير"
    ),
    "sealed with a key this server does not hold (id %(id)s): list the old key in "
    "IMAR_AUDIT_OLD_KEYS": (
        "مختوم بمفتاح لا يملكه هذا الخادم (المعرّف %(id)s): أضف المفتاح القديم إلى "
        "IMAR_AUDIT_OLD_KEYS"
    ),
    "sealed in an unknown way (“%(seal)s”)": "مختوم بطريقة غير معروفة («%(seal)s»)",
    "its content does not match its seal: it was rewritten": ("لا يطابق محتواه ختمه: أُعيدت كتابته"),
    "the chain head is missing: the trail was emptied or its head removed": (
        "رأس السلسلة مفقود: أُفرغ السجل أو حُذف رأسه"
    ),
    "the head counts %(head)s events but the trail ends at %(last)s: the latest events were "
    "removed": ("يعدّ الرأس %(head)s حدثًا لكن السجل ينتهي عند %(last)s: حُذفت أحدث الأحداث"),
    "events after %(head)s are not covered by the head: they were added outside the application": (
        "الأحداث بعد %(head)s لا يشملها الرأس: أُضيفت من خارج التطبيق"
    ),
    "the head does not point at the last event": "لا يشير الرأس إلى آخر حدث",
    "the chain head was edited outside the application (bad signature)": (
        "عُدّل رأس السلسلة من خارج التطبيق (توقيع غير صحيح)"
    ),
    "event %(first)s is missing": "الحدث %(first)s مفقود",
    "events %(first)s to %(last)s are missing": "الأحداث من %(first)s إلى %(last)s مفقودة",
    "does not follow the event before it": "لا يتبع الحدث الذي قبله",
    "the database no longer refuses rewrites: its trigger %(name)s is missing or disabled": (
        "لم تعد قاعدة البيانات ترفض إعادة الكتابة: المُشغِّل %(name)s مفقود أو معطَّل"
    ),
    "the checkpoint of %(at)s was signed with a key this server does not hold": (
        "نقطة التحقق المؤرخة %(at)s موقَّعة بمفتاح لا يملكه هذا الخادم"
    ),
    "the checkpoint of %(at)s has a bad signature: it was edited, or not made by this fund": (
        "توقيع نقطة التحقق المؤرخة %(at)s غير صحيح: عُدّلت، أو لم يصدرها هذا الصندوق"
    ),
    "the checkpoint of %(at)s covers %(count)s events, but event %(count)s is gone: events "
    "were removed": (
        "تشمل نقطة التحقق المؤرخة %(at)s عدد %(count)s حدثًا، لكن الحدث %(count)s لم يعد "
        "موجودًا: حُذفت أحداث"
    ),
    "event %(count)s is not the one the checkpoint of %(at)s recorded: the trail up to it was "
    "rewritten": (
        "الحدث %(count)s ليس الذي سجّلته نقطة التحقق المؤرخة %(at)s: أُعيدت كتابة السجل حتى هذا الحدث"
    ),
    "exists, although the trail records its deletion": "موجود مع أن السجل يثبت حذفه",
    "is gone, although the trail never recorded its deletion": (
        "لم يعد موجودًا مع أن السجل لم يثبت حذفه قط"
    ),
    "%(field)s is “%(current)s” but the trail last recorded “%(recorded)s”": (
        "قيمة %(field)s هي «%(current)s» لكن آخر ما سجّله السجل «%(recorded)s»"
    ),
    "holds privileges the trail never recorded being granted": (
        "يحمل صلاحيات لم يسجّل السجل منحها قط"
    ),
    # The admin's read-only pages.
    "Read only here: these records change on the staff pages, which check the fund's rules "
    "and record every change in the audit trail.": (
        "للاطلاع فقط هنا: تُعدَّل هذه السجلات في صفحات الموظفين، التي تتحقق من قواعد "
        "الصندوق وتسجّل كل تغيير في سجل التدقيق."
    ),
    "Open the staff page": "افتح صفحة الموظفين",
    # The audit page.
    "A published checkpoint": "نقطة تحقق منشورة",
    "The file written by `imar audit checkpoint` (JSON, a few hundred bytes).": (
        "الملف الذي يكتبه الأمر `imar audit checkpoint` ‏(JSON، بضع مئات من البايتات)."
    ),
    "This file is not an Imar audit checkpoint.": "هذا الملف ليس نقطة تحقق من سجل تدقيق إعمار.",
    "The audit trail is intact: %(n)s events, each sealed with the audit key and the hash of "
    "the one before (head <bdi>%(hash)s</bdi>…).": (
        "سجل التدقيق سليم: %(n)s حدثًا، كلٌّ منها مختوم بمفتاح التدقيق وببصمة الحدث الذي "
        "قبله (الرأس <bdi>%(hash)s</bdi>…)."
    ),
    "Nothing up to the checkpoint of <bdi>%(at)s</bdi> (%(n)s events) was removed or rewritten "
    "since it was taken.": (
        "لم يُحذف ولم يُعَد كتابة شيء حتى نقطة التحقق المؤرخة <bdi>%(at)s</bdi> ‏(%(n)s حدثًا) منذ أُخذت."
    ),
    "Checkpoints": "نقاط التحقق",
    "Latest checkpoint: %(n)s events, taken <bdi>%(at)s</bdi> (hash <bdi>%(hash)s</bdi>…).": (
        "آخر نقطة تحقق: %(n)s حدثًا، أُخذت في <bdi>%(at)s</bdi> (البصمة <bdi>%(hash)s</bdi>…)."
    ),
    "No checkpoint has been taken yet.": "لم تؤخذ أي نقطة تحقق بعد.",
    "A checkpoint published outside Imar proves that nothing before it was later removed or "
    "rewritten, even by someone holding the database and the audit key. Upload a published "
    "copy to check it:": (
        "تثبت نقطة التحقق المنشورة خارج إعمار أن شيئًا مما قبلها لم يُحذف ولم تُعَد كتابته "
        "لاحقًا، حتى على يد من يملك قاعدة البيانات ومفتاح التدقيق. ارفع نسخة منشورة للتحقق "
        "منها:"
    ),
    "Check against this checkpoint": "تحقق مقارنةً بنقطة التحقق هذه",
}

PORTFOLIO = {
    "Reason for a correction": "سبب التصحيح",
    "When changing a rate already entered: the old value stays in the audit trail.": (
        "عند تغيير سعر سبق إدخاله: تبقى القيمة القديمة في سجل التدقيق."
    ),
    "Corrections": "التصحيحات",
    "A corrected rate keeps its old value in the audit trail. Transactions converted before "
    "the correction keep their dinar amounts and the rate they used.": (
        "يحتفظ السعر المصحَّح بقيمته القديمة في سجل التدقيق. وتحتفظ المعاملات المحوَّلة قبل "
        "التصحيح بمبالغها بالدينار وبالسعر الذي حُوّلت به."
    ),
    "When": "متى",
    "Rate": "السعر",
    "Was": "كان",
    "Now": "أصبح",
    "Who": "من",
}

if __name__ == "__main__":
    apply("accounts", ACCOUNTS)
    apply("portfolio", PORTFOLIO)
