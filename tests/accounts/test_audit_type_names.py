"""The audit trail's record-type filter names every kind of record in the page's language,
libraries' models (django-otp's "TOTP device") and models without a verbose name included."""

import re

from django.utils import translation

from imar.accounts.audit_display import model_label, type_choices
from imar.core.models import is_arabic_script
from tests.urls_in import reverse_in


def test_every_record_type_has_an_arabic_label():
    with translation.override("ar"):
        untranslated = [(code, str(label)) for code, label in type_choices()]
        untranslated = [
            (code, label) for code, label in untranslated if not is_arabic_script(label)
        ]
    assert untranslated == []
    with translation.override("en"):
        labels = dict(type_choices())
    assert labels["otp_totp.totpdevice"] == "TOTP device"
    assert labels["feedback.casenote"] == "Case note"


def test_a_plain_string_verbose_name_is_looked_up_in_the_catalogue():
    from django_otp.plugins.otp_totp.models import TOTPDevice

    with translation.override("ar"):
        assert model_label(TOTPDevice) == "جهاز رموز التحقق المؤقتة"


def test_the_audit_page_filter_lists_arabic_names(client, auditor):
    client.force_login(auditor)
    client.cookies["imar_language"] = "ar"
    page = client.get(reverse_in("ar", "accounts:audit_trail")).content.decode()
    assert 'lang="ar"' in page
    select = re.search(r'<select[^>]*name="object_type".*?</select>', page, re.S).group(0)
    options = re.findall(r"<option value=\"[^\"]+\"[^>]*>([^<]+)</option>", select)
    assert len(options) > 50
    assert [o for o in options if not is_arabic_script(o)] == []
