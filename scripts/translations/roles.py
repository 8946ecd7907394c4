"""Arabic for the finance officer role and the officer decisions engineers may not take.

Run: .venv/bin/python scripts/translations/roles.py && .venv/bin/imar compilemessages_imar
"""

from catalogue import apply

ACCOUNTS = {
    "Finance officer": "موظف مالي",
}
PORTFOLIO = {
    "Only fund officers and administrators change this.": (
        "لا يغيّر هذا إلا موظفو الصندوق والمسؤولون."
    ),
    "Only fund officers and administrators publish, unpublish or re-code a project "
    "(refused: %(fields)s).": (
        "نشر المشروع أو حجبه أو تغيير رمزه مقصور على موظفي الصندوق والمسؤولين (مرفوض: %(fields)s)."
    ),
}
PARTNERS = {
    "No such organization, or you may not see it.": (
        "لا توجد هذه الجهة، أو لا يحق لك الاطلاع عليها."
    ),
}

if __name__ == "__main__":
    apply("accounts", ACCOUNTS)
    apply("portfolio", PORTFOLIO)
    apply("partners", PARTNERS)
