from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class LinkStatus(models.TextChoices):
    SUGGESTED = "suggested", _("Suggested")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")


class CountingSource(models.TextChoices):
    """Per link and transaction type: whose record of the money counts in totals."""

    FUND = "fund", _("The fund's record")
    DONOR = "donor", _("The donor's record")


class RunStatus(models.TextChoices):
    DONE = "done", _("Imported")
    FAILED = "failed", _("Refused")


class Outcome(models.TextChoices):
    CREATED = "created", pgettext_lazy("import outcome", "Created")
    UPDATED = "updated", pgettext_lazy("import outcome", "Updated")
    UNCHANGED = "unchanged", pgettext_lazy("import outcome", "Unchanged")
    SKIPPED = "skipped", pgettext_lazy("import outcome", "Skipped")
    REFUSED = "refused", pgettext_lazy("import outcome", "Refused")


# IATI TransactionType codes (2.03) with our labels; the codelist ships in imports/iati/schema.
TRANSACTION_TYPES = {
    "1": _("Incoming funds"),
    "2": _("Outgoing commitment"),
    "3": _("Disbursement"),
    "4": _("Expenditure"),
    "5": _("Interest payment"),
    "6": _("Loan repayment"),
    "7": _("Reimbursement"),
    "8": _("Purchase of equity"),
    "9": _("Sale of equity"),
    "10": _("Credit guarantee"),
    "11": _("Incoming commitment"),
    "12": _("Outgoing pledge"),
    "13": _("Incoming pledge"),
}
COMMITMENT, DISBURSEMENT, EXPENDITURE = "2", "3", "4"
# The kinds of money a link chooses a counting source for (the fund records these three).
COUNTED_TYPES = (COMMITMENT, DISBURSEMENT, EXPENDITURE)

ACTIVITY_STATUSES = {
    "1": _("Pipeline/identification"),
    "2": _("Implementation"),
    "3": _("Finalisation"),
    "4": _("Closed"),
    "5": _("Cancelled"),
    "6": _("Suspended"),
}
