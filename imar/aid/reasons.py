"""A suggestion's reasons (stored as codes and details) as sentences in the page's language."""

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from imar.core import glossary
from imar.geo.models import District, Municipality
from imar.portfolio.sectors import Sector


def reason_text(reason: dict) -> str:
    code, detail = reason.get("code"), reason.get("detail")
    if code == "organization":
        return _("shares an organization (%(org)s)") % {"org": detail}
    if code == "agreement":
        return _("an agreement of the project is with %(org)s") % {"org": detail}
    if code == "municipality":
        place = Municipality.objects.filter(pk=detail).first()
        return _("same municipality (%(place)s)") % {"place": place.name if place else detail}
    if code == "district":
        place = District.objects.filter(pk=detail).first()
        return _("same district (%(place)s)") % {"place": place.name if place else detail}
    if code == "sector":
        label = dict(Sector.choices).get(detail, detail)
        return _("same sector (%(sector)s)") % {"sector": label}
    if code == "title" and "-" in (reason.get("lang") or ""):
        language = get_language() or "ar"
        concepts = ", ".join(glossary.label(c, language) for c in reason.get("concepts", []))
        return _("similar title across Arabic and English: %(concepts)s (%(score)s)") % {
            "concepts": concepts or "—",
            "score": detail,
        }
    if code == "title":
        language = _("Arabic") if reason.get("lang") == "ar" else _("English")
        return _("similar title in %(language)s (%(score)s)") % {
            "language": language,
            "score": detail,
        }
    return str(code)
