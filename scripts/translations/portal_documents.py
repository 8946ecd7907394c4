"""Arabic for project documents on the public portal.

Run: .venv/bin/python scripts/translations/portal_documents.py
     && .venv/bin/imar compilemessages_imar
"""

from catalogue import apply

MESSAGES = {
    "Documents": "الوثائق",
    "No public document here.": "لا توجد وثيقة عامة هنا.",
}

if __name__ == "__main__":
    apply("portal", MESSAGES)
