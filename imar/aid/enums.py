from django.db import models
from django.utils.translation import gettext_lazy as _


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
    CREATED = "created", _("Created")
    UPDATED = "updated", _("Updated")
    UNCHANGED = "unchanged", _("Unchanged")
    SKIPPED = "skipped", _("Skipped")
    REFUSED = "refused", _("Refused")


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
