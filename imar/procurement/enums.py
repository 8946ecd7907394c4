"""Choices of the procurement app. Where OCDS has a codelist, the stored value is its code."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Method(models.TextChoices):
    """OCDS `method` codelist (tender.procurementMethod)."""

    OPEN = "open", pgettext_lazy("procurement method", "Open")
    SELECTIVE = "selective", _("Selective")
    LIMITED = "limited", _("Limited")
    DIRECT = "direct", _("Direct")


class ProcessStatus(models.TextChoices):
    PLANNING = "planning", _("Planning")
    TENDER = "tender", _("Tender open")
    EVALUATION = "evaluation", _("Evaluation")
    AWARDED = "awarded", _("Awarded")
    CONTRACTED = "contracted", _("Contract signed")
    COMPLETED = "completed", _("Completed")
    TERMINATED = "terminated", _("Terminated")
    CANCELLED = "cancelled", _("Cancelled")


# A process with a signed contract (the project may go on to implementation).
CONTRACTED_STATUSES = {ProcessStatus.CONTRACTED, ProcessStatus.COMPLETED}
# Statuses after which the award is public (documents and bid details follow it).
AWARD_PUBLISHED_STATUSES = {
    ProcessStatus.AWARDED,
    ProcessStatus.CONTRACTED,
    ProcessStatus.COMPLETED,
    ProcessStatus.TERMINATED,
}
FINAL_STATUSES = {ProcessStatus.COMPLETED, ProcessStatus.TERMINATED, ProcessStatus.CANCELLED}


class BidStatus(models.TextChoices):
    """OCDS bid extension `bidStatus` codelist (the codes a received bid can have)."""

    VALID = "valid", _("Valid")
    DISQUALIFIED = "disqualified", _("Disqualified")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ComplaintOutcome(models.TextChoices):
    PENDING = "pending", _("Pending")
    UPHELD = "upheld", _("Upheld")
    DISMISSED = "dismissed", _("Dismissed")
    WITHDRAWN = "withdrawn", _("Withdrawn by the complainant")


class DocumentType(models.TextChoices):
    """A subset of the OCDS `documentType` codelist."""

    TENDER_NOTICE = "tenderNotice", _("Tender notice")
    BIDDING_DOCUMENTS = "biddingDocuments", _("Bidding documents")
    ELIGIBILITY = "eligibilityCriteria", _("Eligibility criteria")
    EVALUATION_REPORTS = "evaluationReports", _("Evaluation report")
    AWARD_NOTICE = "awardNotice", _("Award notice")
    CONTRACT_SIGNED = "contractSigned", _("Signed contract")
    CONTRACT_ANNEXE = "contractAnnexe", _("Contract annex")
    COMPLAINTS = "complaints", _("Complaint")


class DocumentStage(models.TextChoices):
    TENDER = "tender", _("Tender")
    AWARD = "award", _("Award")
    CONTRACT = "contract", _("Contract")
