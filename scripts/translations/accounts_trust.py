"""Arabic for sign-in safety (issue 10): lockout, sessions, two-factor, tokens, password
change (accounts), delegate login links and registration limits (forum).

Run: .venv/bin/python scripts/translations/accounts_trust.py && .venv/bin/imar compilemessages_imar
"""

from catalogue import apply

ACCOUNTS = {
    "Enter the code from your authenticator app, or a backup code.": (
        "أدخل الرمز الذي يظهره تطبيق المصادقة، أو أحد الرموز الاحتياطية."
    ),
    "Set up two-factor sign-in on the website before using the API.": (
        "فعّل الدخول بخطوتين على الموقع قبل استخدام واجهة البرمجة."
    ),
    "The token has expired: ask for a new one.": "انتهت صلاحية الرمز: اطلب رمزًا جديدًا.",
    "Code": "الرمز",
    "Too many failed sign-in attempts for this account or from this address. Try again in %(minutes)d minutes.": (
        "محاولات تسجيل دخول فاشلة كثيرة لهذا الحساب أو من هذا العنوان. "
        "حاول مجددًا بعد %(minutes)d دقيقة."
    ),
    "You were signed out after %(minutes)d minutes without activity.": (
        "تم تسجيل خروجك بعد %(minutes)d دقيقة دون نشاط."
    ),
    "You were signed out: a session lasts at most %(hours)d hours.": (
        "تم تسجيل خروجك: لا تدوم الجلسة أكثر من %(hours)d ساعة."
    ),
    "Enter your two-factor code first.": "أدخل رمز الدخول بخطوتين أولًا.",
    "Your role requires two-factor sign-in: set it up first.": (
        "يتطلب دورك الدخول بخطوتين: فعّله أولًا."
    ),
    "Sign-in paused": "الدخول موقوف مؤقتًا",
    "If you did not make these attempts, tell the fund's administrator: someone may be guessing your password.": (
        "إن لم تكن أنت من قام بهذه المحاولات فأبلغ مدير النظام في الصندوق: "
        "ربما يحاول أحد تخمين كلمة مرورك."
    ),
    "Change your password": "غيّر كلمة المرور",
    "Your other sessions and your API tokens end when the password changes.": (
        "تنتهي جلساتك الأخرى ورموز واجهة البرمجة الخاصة بك عند تغيير كلمة المرور."
    ),
    "At least 8 characters, not only digits, not a common password and not like your name.": (
        "ثمانية أحرف على الأقل، ليست أرقامًا فقط، وليست كلمة مرور شائعة ولا تشبه اسمك."
    ),
    "Change password": "تغيير كلمة المرور",
    "Two-factor sign-in": "الدخول بخطوتين",
    "Your backup codes": "رموزك الاحتياطية",
    "Write these codes down or print them now: they are shown only this once. Each one signs you in once if you lose your phone.": (
        "دوّن هذه الرموز أو اطبعها الآن: لن تظهر إلا هذه المرة. "
        "كل رمز منها يُدخلك مرة واحدة إن فقدت هاتفك."
    ),
    "I have kept them": "احتفظت بها",
    "Set up two-factor sign-in": "تفعيل الدخول بخطوتين",
    "Your role requires two-factor sign-in. Set it up to continue.": (
        "يتطلب دورك الدخول بخطوتين. فعّله للمتابعة."
    ),
    "Install an authenticator app on your phone (for example FreeOTP, Aegis, Google Authenticator or Microsoft Authenticator).": (
        "ثبّت تطبيق مصادقة على هاتفك (مثل FreeOTP أو Aegis أو Google Authenticator "
        "أو Microsoft Authenticator)."
    ),
    "Scan this QR code with it, or type the key below.": (
        "امسح رمز الاستجابة السريعة هذا بالتطبيق، أو اكتب المفتاح أدناه."
    ),
    "Enter the 6-digit code the app shows.": "أدخل الرمز المكوّن من 6 أرقام الذي يظهره التطبيق.",
    "QR code to scan with the authenticator app": "رمز استجابة سريعة يُمسح بتطبيق المصادقة",
    "Key": "المفتاح",
    "Code from the app": "الرمز من التطبيق",
    "Turn on two-factor sign-in": "تفعيل الدخول بخطوتين",
    "Sign-in and security": "الدخول والأمان",
    "Two-factor sign-in is on: after your password, Imar asks for the code of your authenticator app.": (
        "الدخول بخطوتين مفعّل: بعد كلمة المرور يطلب إعمار رمز تطبيق المصادقة."
    ),
    "Make new backup codes": "إنشاء رموز احتياطية جديدة",
    "Turn off two-factor sign-in": "إيقاف الدخول بخطوتين",
    "Your role requires two-factor sign-in. If you lose your phone and your backup codes, an administrator can reset it.": (
        "يتطلب دورك الدخول بخطوتين. إن فقدت هاتفك ورموزك الاحتياطية فبإمكان مدير النظام إعادة ضبطه."
    ),
    "Two-factor code": "رمز الدخول بخطوتين",
    "Enter the 6-digit code your authenticator app shows for Imar, or one of your backup codes.": (
        "أدخل الرمز المكوّن من 6 أرقام الذي يظهره تطبيق المصادقة لإعمار، أو أحد رموزك الاحتياطية."
    ),
    "Continue": "متابعة",
    "Log out": "تسجيل الخروج",
    "You used a backup code; %(n)d are left. Make new ones on the two-factor page.": (
        "استخدمت رمزًا احتياطيًا؛ بقي %(n)d. أنشئ رموزًا جديدة من صفحة الدخول بخطوتين."
    ),
    "This code is not valid. Check the time on your phone, or use a backup code.": (
        "هذا الرمز غير صحيح. تحقق من الوقت في هاتفك، أو استخدم رمزًا احتياطيًا."
    ),
    "QR code": "رمز الاستجابة السريعة",
    "This code is not valid. Check the time on your phone and try again.": (
        "هذا الرمز غير صحيح. تحقق من الوقت في هاتفك وحاول مجددًا."
    ),
    "This code is not valid.": "هذا الرمز غير صحيح.",
    "Your role requires two-factor sign-in: it cannot be turned off.": (
        "يتطلب دورك الدخول بخطوتين: لا يمكن إيقافه."
    ),
    "Two-factor sign-in is off.": "تم إيقاف الدخول بخطوتين.",
    "Your password is changed. Other sessions and your API tokens have been ended.": (
        "تم تغيير كلمة المرور. أُنهيت جلساتك الأخرى ورموز واجهة البرمجة الخاصة بك."
    ),
}
ACCOUNTS_PLURALS = {
    ("%(n)s backup code left.", "%(n)s backup codes left."): [
        "لم يبق أي رمز احتياطي.",
        "بقي رمز احتياطي واحد.",
        "بقي رمزان احتياطيان.",
        "بقيت %(n)s رموز احتياطية.",
        "بقي %(n)s رمزًا احتياطيًا.",
        "بقي %(n)s رمز احتياطي.",
    ]
}
FORUM = {
    "login link": "رابط الدخول",
    "login links": "روابط الدخول",
    "Only approved delegates receive a login link.": "لا يتلقى رابط الدخول إلا المندوبون المقبولون.",
    "This delegate's account cannot log in by link.": "لا يمكن لحساب هذا المندوب الدخول برابط.",
    "Hello %(name)s,\n\nOpen your delegate space at %(event)s with this link. It works once, until %(expires)s; a newer link replaces it. Do not forward it.\n\n%(link)s\n": (
        "مرحبًا %(name)s،\n\nافتح مساحتك بصفتك مندوبًا في %(event)s بهذا الرابط. يعمل مرة واحدة "
        "حتى %(expires)s، ويحل محله أي رابط أحدث. لا تُعِد توجيهه لأحد.\n\n%(link)s\n"
    ),
    "Register at most %(n)d delegates.": "سجّل %(n)d مندوبين على الأكثر.",
    "At most %(n)d characters (%(given)d given).": "%(n)d حرف على الأكثر (أُدخل %(given)d).",
    "This login link was already used, has expired, was replaced by a newer one or is not valid. Ask the organizers to send you a new one.": (
        "رابط الدخول هذا استُخدم من قبل أو انتهت صلاحيته أو حل محله رابط أحدث أو أنه غير صالح. "
        "اطلب من المنظمين إرسال رابط جديد."
    ),
    "Open your delegate space": "افتح مساحة المندوب",
    "Welcome, <bdi>%(name)s</bdi>. This link opens your space at <bdi>%(event)s</bdi> once; after that, ask the organizers for a new link if you need one.": (
        "مرحبًا <bdi>%(name)s</bdi>. يفتح هذا الرابط مساحتك في <bdi>%(event)s</bdi> مرة واحدة؛ بعدها اطلب من "
        "المنظمين رابطًا جديدًا إن احتجت إليه."
    ),
    "Open my delegate space": "افتح مساحتي",
    "Send a new login link": "إرسال رابط دخول جديد",
    "Back to the registration form": "العودة إلى استمارة التسجيل",
    "%(name)s is approved; a login link was sent to %(email)s.": (
        "تم قبول %(name)s؛ وأُرسل رابط دخول إلى %(email)s."
    ),
    "A new login link was sent to %(email)s; the previous one no longer works.": (
        "أُرسل رابط دخول جديد إلى %(email)s؛ ولم يعد الرابط السابق يعمل."
    ),
    "The registration is too large (at most %(kb)d KB). Shorten the texts.": (
        "طلب التسجيل كبير جدًا (%(kb)d كيلوبايت على الأكثر). اختصر النصوص."
    ),
    "Too many registrations from your network in the last hour. Try again later, or write to the organizers.": (
        "طلبات تسجيل كثيرة من شبكتك خلال الساعة الماضية. حاول لاحقًا أو راسل المنظمين."
    ),
    "Registration is very busy right now. Please try again in an hour.": (
        "التسجيل مزدحم جدًا الآن. يرجى المحاولة بعد ساعة."
    ),
}
CORE = {"Password and two-factor sign-in": "كلمة المرور والدخول بخطوتين"}

if __name__ == "__main__":
    apply("accounts", ACCOUNTS, ACCOUNTS_PLURALS)
    apply("forum", FORUM)
    apply("core", CORE)
