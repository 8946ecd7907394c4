"""Fill the Arabic catalogue of the needs app: run after `imar makemessages -l ar`."""

from pathlib import Path

import polib

AR = {
    "Housing": "الإسكان",
    "Education": "التعليم",
    "Health": "الصحة",
    "Culture": "الثقافة",
    "Water and sanitation": "المياه والصرف الصحي",
    "Community infrastructure": "البنية التحتية المجتمعية",
    "Electricity": "الكهرباء",
    "Transport and telecommunications": "النقل والاتصالات",
    "Agriculture": "الزراعة",
    "Livelihoods": "سبل العيش",
    "Commerce and industry": "التجارة والصناعة",
    "Tourism": "السياحة",
    "Environment": "البيئة",
    "Governance": "الحوكمة",
    "Weighted sum": "المجموع المرجّح",
    "TOPSIS": "طريقة TOPSIS",
    "Draft": "مسودة",
    "Running": "قيد التشغيل",
    "Done": "مكتمل",
    "Failed": "فشل",
    "Approved": "معتمد",
    "Region": "الإقليم",
    "District": "الشعبية",
    "Name": "الاسم",
    "Budget": "الميزانية",
    "Currency": "العملة",
    "Scoring model": "نموذج التقييم",
    "Candidate projects in these stages": "المشاريع المرشحة في هذه المراحل",
    "Only these districts (none: all)": "هذه الشعبيات فقط (بلا اختيار: الكل)",
    "Only these sectors (none: all)": "هذه القطاعات فقط (بلا اختيار: الكل)",
    "Mandatory projects (codes, separated by spaces)": "مشاريع إلزامية (رموزها مفصولة بمسافات)",
    "minimum %": "الحد الأدنى ٪",
    "maximum %": "الحد الأقصى ٪",
    "minimum %%": "الحد الأدنى ٪",
    "maximum %%": "الحد الأقصى ٪",
    "Assessment": "التقييم",
    "File (XLSX or CSV)": "الملف (XLSX أو CSV)",
    "One row per municipality and sector; the first row holds the column names.":
        "سطر لكل بلدية وقطاع؛ يحمل السطر الأول أسماء الأعمدة.",
    "Row %(row)s, %(column)s: “%(value)s” is not a number.":
        "السطر %(row)s، %(column)s: «%(value)s» ليس رقمًا.",
    "Row %(row)s, %(column)s: the amount cannot be negative.":
        "السطر %(row)s، %(column)s: لا يجوز أن يكون المبلغ سالبًا.",
    "Row %(row)s, %(column)s: must be a whole number.":
        "السطر %(row)s، %(column)s: يجب أن يكون عددًا صحيحًا.",
    "The file is empty.": "الملف فارغ.",
    "Missing column(s): %(columns)s.": "أعمدة ناقصة: %(columns)s.",
    "At most %(max)s rows can be imported at once.": "لا يمكن استيراد أكثر من %(max)s سطر دفعة واحدة.",
    "Row %(row)s, municipality: “%(value)s” is not a known municipality.":
        "السطر %(row)s، البلدية: «%(value)s» ليست بلدية معروفة.",
    "Row %(row)s, sector: “%(value)s” is not a sector (use one of %(codes)s).":
        "السطر %(row)s، القطاع: «%(value)s» ليس قطاعًا (استخدم أحد: %(codes)s).",
    "Row %(row)s, currency: “%(value)s” is not a known currency.":
        "السطر %(row)s، العملة: «%(value)s» ليست عملة معروفة.",
    "Row %(row)s: the same municipality and sector as row %(other)s.":
        "السطر %(row)s: البلدية والقطاع نفسهما في السطر %(other)s.",
    "The file has no data rows.": "لا يحتوي الملف على أسطر بيانات.",
    "The file could not be read as XLSX or CSV.": "تعذّرت قراءة الملف بصيغة XLSX أو CSV.",
    "source": "المصدر",
    "date": "التاريخ",
    "notes": "ملاحظات",
    "synthetic": "اصطناعي",
    "Invented figures, for demonstration only.": "أرقام مختلقة، للعرض التوضيحي فقط.",
    "assessment": "تقييم",
    "assessments": "تقييمات",
    "municipality": "البلدية",
    "sector": "القطاع",
    "damage": "الأضرار",
    "losses": "الخسائر",
    "recovery needs": "احتياجات التعافي",
    "currency": "العملة",
    "people affected": "المتضررون",
    "units damaged": "الوحدات المتضررة",
    "damage record": "سجل أضرار",
    "damage records": "سجلات الأضرار",
    "name": "الاسم",
    "version": "الإصدار",
    "method": "الطريقة",
    "criteria and weights": "المعايير والأوزان",
    "AHP pairwise comparisons": "المقارنات الزوجية (AHP)",
    "consistency ratio": "نسبة الاتساق",
    "published": "منشور",
    "scoring model": "نموذج تقييم",
    "scoring models": "نماذج التقييم",
    "staff score": "تقدير الموظفين",
    "note": "ملاحظة",
    "project appraisal": "تقدير مشروع",
    "project appraisals": "تقديرات المشاريع",
    "budget": "الميزانية",
    "rules": "القواعد",
    "lifecycle stages": "مراحل دورة الحياة",
    "districts": "الشعبيات",
    "sectors": "القطاعات",
    "status": "الحالة",
    "result": "النتيجة",
    "error": "الخطأ",
    "scenario": "سيناريو",
    "scenarios": "سيناريوهات",
    "the total budget of %(amount)s": "الميزانية الإجمالية البالغة %(amount)s",
    "%(place)s gets at least %(share)s of the budget":
        "تحصل %(place)s على %(share)s من الميزانية على الأقل",
    "%(place)s gets at most %(share)s of the budget":
        "تحصل %(place)s على %(share)s من الميزانية على الأكثر",
    "sector %(sector)s gets at most %(share)s of the budget":
        "يحصل قطاع %(sector)s على %(share)s من الميزانية على الأكثر",
    "project %(project)s is mandatory": "المشروع %(project)s إلزامي",
    "project %(project)s may only be chosen together with %(other)s":
        "لا يُختار المشروع %(project)s إلا مع %(other)s",
    "projects %(project)s and %(other)s cannot both be chosen":
        "لا يمكن اختيار المشروعين %(project)s و%(other)s معًا",
    "The minimum shares of %(places)s add up to %(share)s of the budget.":
        "مجموع الحصص الدنيا لـ %(places)s يبلغ %(share)s من الميزانية.",
    "The mandatory projects cost %(cost)s, more than the budget of %(budget)s.":
        "تكلفة المشاريع الإلزامية %(cost)s، وهي أكثر من الميزانية البالغة %(budget)s.",
    "%(place)s must get at least %(share)s of the budget (%(amount)s), but its candidates "
    "cost only %(available)s in all.":
        "يجب أن تحصل %(place)s على %(share)s من الميزانية على الأقل (%(amount)s)، لكن "
        "مجموع تكلفة مشاريعها المرشحة %(available)s فقط.",
    "The mandatory projects in %(place)s cost %(cost)s, more than its maximum share of "
    "%(share)s of the budget.":
        "تكلفة المشاريع الإلزامية في %(place)s تبلغ %(cost)s، وهي أكثر من حصتها القصوى "
        "البالغة %(share)s من الميزانية.",
    "The mandatory projects in sector %(sector)s cost %(cost)s, more than its maximum share "
    "of %(share)s of the budget.":
        "تكلفة المشاريع الإلزامية في قطاع %(sector)s تبلغ %(cost)s، وهي أكثر من حصته القصوى "
        "البالغة %(share)s من الميزانية.",
    "Mandatory project %(project)s excludes mandatory project %(other)s.":
        "المشروع الإلزامي %(project)s يستبعد المشروع الإلزامي %(other)s.",
    "Mandatory project %(project)s requires %(required)s, but it is excluded by %(other)s.":
        "المشروع الإلزامي %(project)s يتطلب %(required)s، لكن %(other)s يستبعده.",
    "Chosen: mandatory.": "اختير: إلزامي.",
    "Chosen: required by chosen project %(by)s.": "اختير: يتطلبه المشروع المختار %(by)s.",
    "Chosen: score per million dinars %(ratio)s.": "اختير: الدرجة لكل مليون دينار %(ratio)s.",
    "Left out: excluded by chosen project %(project)s.":
        "استُبعد: يستبعده المشروع المختار %(project)s.",
    "Left out: requires %(project)s, which was not chosen.":
        "استُبعد: يتطلب %(project)s الذي لم يُختر.",
    "Left out: %(place)s has reached its maximum share of %(share)s.":
        "استُبعد: بلغت %(place)s حصتها القصوى البالغة %(share)s.",
    "Left out: sector %(sector)s has reached its maximum share of %(share)s.":
        "استُبعد: بلغ قطاع %(sector)s حصته القصوى البالغة %(share)s.",
    "Left out: budget exhausted; it costs %(cost)s with %(remaining)s left, and its score "
    "per million dinars (%(ratio)s) is below what the chosen projects give (%(cutoff)s).":
        "استُبعد: نفدت الميزانية؛ تكلفته %(cost)s والمتبقي %(remaining)s، ودرجته لكل مليون "
        "دينار (%(ratio)s) أدنى مما تعطيه المشاريع المختارة (%(cutoff)s).",
    "Left out: it fits the rules, but choosing it does not raise the total score.":
        "استُبعد: يستوفي القواعد، لكن اختياره لا يرفع الدرجة الإجمالية.",
    "The greedy pass could not satisfy every rule.": "تعذّر على الاختيار الجشع استيفاء كل القواعد.",
    "No selection satisfying every rule was found within %(seconds)s seconds; one may still "
    "exist.":
        "لم يُعثر خلال %(seconds)s ثانية على اختيار يستوفي كل القواعد؛ وقد يوجد مع ذلك.",
    "%(where)s: a share must be a number.": "%(where)s: يجب أن تكون الحصة رقمًا.",
    "%(where)s: a share must be between 0 and 1.": "%(where)s: يجب أن تكون الحصة بين 0 و1.",
    "The rules must be an object.": "يجب أن تكون القواعد كائنًا.",
    "Unknown rule “%(key)s”.": "قاعدة غير معروفة «%(key)s».",
    "Set shares per region or per district, not both in one scenario.":
        "حدّد الحصص حسب الإقليم أو حسب الشعبية، لا كليهما في سيناريو واحد.",
    "Unknown code “%(code)s”.": "رمز غير معروف «%(code)s».",
    "%(code)s: only %(keys)s may be set.": "%(code)s: لا يجوز تحديد غير %(keys)s.",
    "%(code)s: the minimum share is above the maximum share.":
        "%(code)s: الحصة الدنيا أعلى من الحصة القصوى.",
    "Mandatory projects must be a list of project codes.":
        "يجب أن تكون المشاريع الإلزامية قائمة برموز المشاريع.",
    "Choose at least one valid lifecycle stage.": "اختر مرحلة صحيحة واحدة على الأقل من دورة الحياة.",
    "Unknown district code.": "رمز شعبية غير معروف.",
    "Unknown sector code.": "رمز قطاع غير معروف.",
    "A running or approved scenario cannot be changed.":
        "لا يمكن تعديل سيناريو قيد التشغيل أو معتمد.",
    "This scenario is running or approved; it cannot be run now.":
        "هذا السيناريو قيد التشغيل أو معتمد؛ لا يمكن تشغيله الآن.",
    "Only a scenario that has run to the end can be approved.":
        "لا يُعتمد إلا سيناريو اكتمل تشغيله.",
    "A scenario whose rules cannot all hold cannot be approved.":
        "لا يمكن اعتماد سيناريو تتعارض قواعده.",
    "You may not move this project forward.": "لا يحق لك نقل هذا المشروع إلى المرحلة التالية.",
    "Chosen in an approved scenario.": "اختير في سيناريو معتمد.",
    "The project is “%(status)s”; only identified or appraised projects move forward.":
        "حالة المشروع «%(status)s»؛ لا تُنقل إلا المشاريع المحددة أو المقيّمة.",
    "The pairwise comparisons are inconsistent: the consistency ratio %(ratio)s is above "
    "%(limit)s.":
        "المقارنات الزوجية غير متسقة: نسبة الاتساق %(ratio)s أعلى من %(limit)s.",
    "The most inconsistent comparison is %(first)s versus %(second)s: it says %(given)s, the "
    "other comparisons imply about %(implied)s.":
        "أقل المقارنات اتساقًا هي %(first)s مقابل %(second)s: قيمتها %(given)s، بينما تقتضي "
        "المقارنات الأخرى نحو %(implied)s.",
    "The comparison of %(first)s with %(second)s is not the reciprocal one.":
        "مقارنة %(first)s مع %(second)s ليست مقلوب المقارنة المعاكسة.",
    "Criterion %(criterion)s has a negative weight.": "للمعيار %(criterion)s وزن سالب.",
    "At least one criterion needs a positive weight.": "يحتاج معيار واحد على الأقل إلى وزن موجب.",
    "Criterion “%(criterion)s” is not one the fund's data provides.":
        "المعيار «%(criterion)s» ليس مما توفره بيانات الصندوق.",
    "The scoring model is not valid: %(detail)s": "نموذج التقييم غير صالح: %(detail)s",
    "Unknown criterion “%(name)s”.": "معيار غير معروف «%(name)s».",
    "Needs by district": "الاحتياجات حسب الشعبية",
    "Scenarios": "السيناريوهات",
    "Compare scenarios": "مقارنة السيناريوهات",
    "Import damage records": "استيراد سجلات الأضرار",
    "The allocator is working; this page updates by itself.":
        "أداة التخصيص تعمل؛ ستتحدّث هذه الصفحة تلقائيًا.",
    "Run took %(seconds)s s.": "استغرق التشغيل %(seconds)s ث.",
    "Upload an XLSX or CSV file. Either every row is imported or none is: fix the rows listed "
    "below and import the file again. A row for a municipality and sector already in the "
    "assessment replaces it.":
        "ارفع ملف XLSX أو CSV. إما أن تُستورد كل الأسطر أو لا يُستورد شيء: صحّح الأسطر المذكورة "
        "أدناه ثم أعد استيراد الملف. السطر الخاص ببلدية وقطاع موجودين في التقييم يحل محلهما.",
    "Columns:": "الأعمدة:",
    "Import": "استيراد",
    "Needs and allocated money": "الاحتياجات والأموال المخصصة",
    "Needs and allocated money by district": "الاحتياجات والأموال المخصصة حسب الشعبية",
    "Show": "عرض",
    "Amounts in %(codes)s are left out: there is no exchange rate to %(currency)s for them yet.":
        "استُبعدت المبالغ بعملة %(codes)s: لا يوجد بعد سعر صرف لها إلى %(currency)s.",
    "Recovery needs": "احتياجات التعافي",
    "Allocated (approved and later projects)": "المخصص (المشاريع المعتمدة وما بعدها)",
    "Uncovered needs (sum of district gaps)": "الاحتياجات غير المغطاة (مجموع فجوات الشعبيات)",
    "People affected": "المتضررون",
    "Recovery needs per person affected": "احتياجات التعافي لكل متضرر",
    "Map of districts coloured by recovery needs per person affected":
        "خريطة الشعبيات ملوّنة حسب احتياجات التعافي لكل متضرر",
    "Coloured by recovery needs per person affected, as counted in the assessments: no "
    "district population figures are shipped with Imar, so this is not a per-inhabitant "
    "figure.":
        "التلوين حسب احتياجات التعافي لكل متضرر كما أحصتهم التقييمات: لا يتضمن إعمار أرقام "
        "سكان الشعبيات، فهذا ليس رقمًا لكل ساكن.",
    "Needs and allocated money per district": "الاحتياجات والأموال المخصصة لكل شعبية",
    "Chart of needs and allocated money per district":
        "رسم بياني للاحتياجات والأموال المخصصة لكل شعبية",
    "By district": "حسب الشعبية",
    "Needs per person affected": "الاحتياجات لكل متضرر",
    "Allocated": "المخصص",
    "Gap": "الفجوة",
    "Coverage": "التغطية",
    "By sector": "حسب القطاع",
    "Sector": "القطاع",
    "Assessments": "التقييمات",
    "First scenario": "السيناريو الأول",
    "Second scenario": "السيناريو الثاني",
    "Compare": "قارن",
    "Status": "الحالة",
    "Chosen projects": "المشاريع المختارة",
    "Total cost": "التكلفة الإجمالية",
    "Total score": "الدرجة الإجمالية",
    "Gap to the optimum": "الفجوة عن الأمثل",
    "Rules in conflict": "القواعد المتعارضة",
    "Only in the first": "في الأول فقط",
    "Only in the second": "في الثاني فقط",
    "Edit": "تعديل",
    "Run": "تشغيل",
    "Approve and move the chosen projects forward": "اعتمد وانقل المشاريع المختارة إلى المرحلة التالية",
    "The run failed:": "فشل التشغيل:",
    "The rules cannot all hold": "لا يمكن استيفاء كل القواعد معًا",
    "%(moved)s chosen projects were moved forward to “approved”.":
        "نُقل %(moved)s من المشاريع المختارة إلى «معتمد».",
    "Projects that could not move": "مشاريع تعذّر نقلها",
    "Total score / upper bound": "الدرجة الإجمالية / الحد الأعلى",
    "at most this far below the best possible total score":
        "أقصى بُعد عن أفضل درجة إجمالية ممكنة",
    "Not considered: %(a)s candidate projects without a budget and %(b)s whose budget could not "
    "be converted to the scenario's currency.":
        "لم يُنظر في: %(a)s من المشاريع المرشحة بلا ميزانية و%(b)s تعذّر تحويل ميزانيتها إلى "
        "عملة السيناريو.",
    "Chosen projects on the map": "المشاريع المختارة على الخريطة",
    "chosen": "مختار",
    "left out": "مستبعد",
    "Money per district against needs": "الأموال لكل شعبية مقابل الاحتياجات",
    "This scenario": "هذا السيناريو",
    "Already allocated": "مخصص سابقًا",
    "Candidates and why": "المرشحون والأسباب",
    "Project": "المشروع",
    "Cost": "التكلفة",
    "Score": "الدرجة",
    "Decision": "القرار",
    "Why": "السبب",
    "Scoring model used": "نموذج التقييم المستخدم",
    "Criterion": "المعيار",
    "Direction": "الاتجاه",
    "Weight": "الوزن",
    "This scenario has not been run yet.": "لم يُشغَّل هذا السيناريو بعد.",
    "Edit scenario": "تعديل السيناريو",
    "New scenario": "سيناريو جديد",
    "Balance rules (percent of the budget)": "قواعد التوازن (نسبة مئوية من الميزانية)",
    "Set shares per region or per district, not both: the allocator balances one level at a "
    "time.":
        "حدّد الحصص حسب الإقليم أو حسب الشعبية، لا كليهما: توازن أداة التخصيص مستوى واحدًا في "
        "كل مرة.",
    "Regions": "الأقاليم",
    "Sector caps": "سقوف القطاعات",
    "Districts": "الشعبيات",
    "Save": "حفظ",
    "Allocation scenarios": "سيناريوهات التخصيص",
    "Created": "أُنشئ",
    "No scenarios yet.": "لا توجد سيناريوهات بعد.",
    "The scenario is saved.": "حُفظ السيناريو.",
    "Scenario approved: %(moved)s projects moved forward, %(refused)s could not move.":
        "اعتُمد السيناريو: نُقل %(moved)s من المشاريع، وتعذّر نقل %(refused)s.",
    "Imported: %(created)s new records, %(updated)s updated.":
        "تم الاستيراد: %(created)s سجلات جديدة، و%(updated)s محدّثة.",
    "Needs and scenarios": "الاحتياجات والسيناريوهات",
}
PLURALS = {
    "This rule cannot hold: %(rules)s.": (
        "لا يمكن استيفاء القواعد: %(rules)s.",
        "لا يمكن استيفاء هذه القاعدة: %(rules)s.",
        "لا يمكن استيفاء هاتين القاعدتين معًا: %(rules)s.",
        "لا يمكن استيفاء هذه القواعد معًا: %(rules)s.",
        "لا يمكن استيفاء هذه القواعد معًا: %(rules)s.",
        "لا يمكن استيفاء هذه القواعد معًا: %(rules)s.",
    ),
    "A first answer is ready: %(counter)s project.": (
        "الإجابة الأولى جاهزة: لا مشاريع (%(counter)s).",
        "الإجابة الأولى جاهزة: مشروع واحد (%(counter)s).",
        "الإجابة الأولى جاهزة: مشروعان (%(counter)s).",
        "الإجابة الأولى جاهزة: %(counter)s مشاريع.",
        "الإجابة الأولى جاهزة: %(counter)s مشروعًا.",
        "الإجابة الأولى جاهزة: %(counter)s مشروع.",
    ),
    "Nothing was imported: %(counter)s problem.": (
        "لم يُستورد شيء: %(counter)s مشكلة.",
        "لم يُستورد شيء: مشكلة واحدة (%(counter)s).",
        "لم يُستورد شيء: مشكلتان (%(counter)s).",
        "لم يُستورد شيء: %(counter)s مشكلات.",
        "لم يُستورد شيء: %(counter)s مشكلة.",
        "لم يُستورد شيء: %(counter)s مشكلة.",
    ),
    "%(counter)s project is chosen by both.": (
        "لم يختر كلاهما أي مشروع (%(counter)s).",
        "مشروع واحد (%(counter)s) اختاره كلاهما.",
        "مشروعان (%(counter)s) اختارهما كلاهما.",
        "%(counter)s مشاريع اختارها كلاهما.",
        "%(counter)s مشروعًا اختارها كلاهما.",
        "%(counter)s مشروع اختارها كلاهما.",
    ),
}


def fill(path: Path) -> list[str]:
    po = polib.pofile(str(path))
    if not po.find("Needs and scenarios"):  # the nav item lives in core's template
        po.append(polib.POEntry(msgid="Needs and scenarios", msgstr=""))
    missing = []
    for entry in po:
        if entry.msgid_plural:
            forms = PLURALS.get(entry.msgid)
            if forms is None:
                missing.append(entry.msgid)
                continue
            entry.msgstr_plural = dict(enumerate(forms))
        elif entry.msgid in AR:
            entry.msgstr = AR[entry.msgid]
        else:
            missing.append(entry.msgid)
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.save(str(path))
    return missing


if __name__ == "__main__":
    left = fill(Path(__file__).parent / "ar" / "LC_MESSAGES" / "django.po")
    print("untranslated:", left)
