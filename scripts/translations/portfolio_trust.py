"""Arabic for the project and program code format and the project form's organization rows.

Run: .venv/bin/python scripts/translations/portfolio_trust.py && .venv/bin/imar compilemessages_imar
"""

from catalogue import apply

MESSAGES = {
    "A project code uses only Latin letters, digits, hyphens (-), underscores (_) and dots "
    "(.), starts with a letter or digit, and has at most 32 characters.": (
        "يتكوّن رمز المشروع من حروف لاتينية وأرقام وشرطات (-) وشرطات سفلية (_) ونقاط (.) فقط، "
        "ويبدأ بحرف أو رقم، ولا يزيد على 32 حرفًا."
    ),
    "A program code uses only Latin letters, digits, hyphens (-), underscores (_) and dots "
    "(.), starts with a letter or digit, and has at most 32 characters.": (
        "يتكوّن رمز البرنامج من حروف لاتينية وأرقام وشرطات (-) وشرطات سفلية (_) ونقاط (.) فقط، "
        "ويبدأ بحرف أو رقم، ولا يزيد على 32 حرفًا."
    ),
    "Latin letters, digits, hyphens, underscores and dots, e.g. DRN-00042.": (
        # The example is isolated left to right (U+2066 … U+2069): it is a Latin code.
        "حروف لاتينية وأرقام وشرطات وشرطات سفلية ونقاط، مثل \u2066DRN-00042\u2069."
    ),
    "Choose the organization that has this role.": "اختر الجهة التي تتولى هذا الدور.",
    "Choose this organization's role in the project.": "اختر دور هذه الجهة في المشروع.",
}

if __name__ == "__main__":
    apply("portfolio", MESSAGES)
