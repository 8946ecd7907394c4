"""Organisation identifiers (IATI / org-id.guide): a registration agency's prefix and the id
in it (XM-DAC-41114, GB-COH-01234567, XI-IATI-EC_NEAR), or a bare DAC number from before IATI
had prefixes (the World Bank's 44000). IATI forbids "/", "&", "|" and "?" in identifiers, and
they never contain spaces."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

ORG_ID = re.compile(r"^(?:[A-Z]{2}-[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*|\d{3,6})$")


def validate_org_identifier(value: str) -> None:
    if value and not ORG_ID.match(value):
        raise ValidationError(
            _(
                "Not an organisation identifier: use the registration agency's prefix and "
                "the id in its register, such as XM-DAC-41114 or GB-COH-01234567."
            ),
            code="org_identifier",
        )
