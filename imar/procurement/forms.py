"""Staff forms of procurement, one per stage. Field names are the names the services use in
their refusals, so every refusal lands next to its field. Edits of a process, a bid, a
complaint or a contract carry the version they started from (`VersionedForm`)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from imar.accounts import permissions
from imar.accounts.versioning_forms import VersionedForm
from imar.core.money import Currency
from imar.monitoring.models import Transaction
from imar.monitoring.models.transactions import TransactionKind
from imar.organizations.models import Organization
from imar.partners.models import Agreement
from imar.procurement import rules
from imar.procurement.enums import BidStatus, ComplaintOutcome, DocumentStage, DocumentType
from imar.procurement.models import Bid, Process

DATE = {"type": "date", "dir": "ltr"}
DATETIME = {"type": "datetime-local", "dir": "ltr"}


def _date(label, required=True, help_text=""):
    return forms.DateField(
        label=label, required=required, help_text=help_text, widget=forms.DateInput(DATE)
    )


def _organizations(user):
    """The organizations the user may see (an engineer: those of their districts)."""
    return permissions.visible_organizations(user, Organization.objects.all()).order_by("name_en")


class ProcessForm(VersionedForm, forms.ModelForm):
    """Planning and tender of a process: the method (justified unless open), both-language
    title and description, eligibility, periods and the procuring entity."""

    class Meta:
        model = Process
        fields = [
            "lot", "year", "budget_line", "estimated_value", "currency", "method",
            "method_justification", "title_ar", "title_en", "description_ar", "description_en",
            "eligibility_ar", "eligibility_en", "procuring_entity", "enquiry_start",
            "enquiry_end", "tender_start", "tender_end",
        ]  # fmt: skip
        widgets = {
            "method_justification": forms.Textarea(attrs={"rows": 2}),
            "description_ar": forms.Textarea(attrs={"rows": 3, "dir": "rtl"}),
            "description_en": forms.Textarea(attrs={"rows": 3, "dir": "ltr"}),
            "eligibility_ar": forms.Textarea(attrs={"rows": 2, "dir": "rtl"}),
            "eligibility_en": forms.Textarea(attrs={"rows": 2, "dir": "ltr"}),
            "title_ar": forms.TextInput(attrs={"dir": "rtl"}),
            "budget_line": forms.TextInput(attrs={"dir": "ltr"}),
            "lot": forms.TextInput(attrs={"dir": "auto"}),
            "title_en": forms.TextInput(attrs={"dir": "ltr"}),
            "enquiry_start": forms.DateTimeInput(DATETIME, format="%Y-%m-%dT%H:%M"),
            "enquiry_end": forms.DateTimeInput(DATETIME, format="%Y-%m-%dT%H:%M"),
            "tender_start": forms.DateTimeInput(DATETIME, format="%Y-%m-%dT%H:%M"),
            "tender_end": forms.DateTimeInput(DATETIME, format="%Y-%m-%dT%H:%M"),
        }
        help_texts = {
            "method_justification": _("Required for any method but open."),
            "tender_end": _("Required before the tender opens."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["procuring_entity"].queryset = _organizations(user)
        self.fields["estimated_value"].required = True
        self.fields["title_ar"].required = False  # the service names the missing language
        self.fields["title_en"].required = False

    def clean(self):
        cleaned = super().clean()
        problems = rules.planning_problems(
            method=cleaned.get("method", ""),
            method_justification=cleaned.get("method_justification", ""),
            estimated_value=cleaned.get("estimated_value"),
        )
        for field, messages in problems.items():
            if field not in self.errors:
                self.add_error(field, messages)
        return cleaned

    def _post_clean(self):
        pass  # the service validates the model (with the rules above) in one place


class TransitionForm(VersionedForm, forms.Form):
    to = forms.ChoiceField(label=_("New status"))
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required to cancel or terminate."),
    )

    def __init__(self, *args, process: Process, **kwargs):
        super().__init__(*args, record=process, **kwargs)
        allowed = rules.TRANSITIONS.get(process.status, set()) - rules.SERVICE_TRANSITIONS
        self.fields["to"].choices = [(s.value, s.label) for s in rules.S if s in allowed]


class DocumentForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage"), choices=DocumentStage.choices)
    document_type = forms.ChoiceField(label=_("Document type"), choices=DocumentType.choices)
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    published_on = _date(_("Date"))
    file = forms.FileField(label=_("File"), required=False)
    withheld = forms.BooleanField(
        label=_("Never public"),
        required=False,
        help_text=_("Documents are public once the award is published, unless marked here."),
    )


class BidForm(forms.Form):
    bidder = forms.ModelChoiceField(label=_("Bidder"), queryset=Organization.objects.none())
    value = forms.DecimalField(label=_("Bid value"), max_digits=18, decimal_places=2)
    currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices)
    received_at = forms.DateTimeField(
        label=_("Received"), widget=forms.DateTimeInput(DATETIME, format="%Y-%m-%dT%H:%M")
    )
    status = forms.ChoiceField(label=_("Status"), choices=BidStatus.choices)
    status_reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required for a disqualified or withdrawn bid."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bidder"].queryset = _organizations(user)


class BidStatusForm(VersionedForm, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=BidStatus.choices)
    status_reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required for a disqualified or withdrawn bid."),
    )

    def __init__(self, *args, bid: Bid, **kwargs):
        kwargs.setdefault("initial", {"status": bid.status, "status_reason": bid.status_reason})
        super().__init__(*args, record=bid, **kwargs)


class AwardForm(forms.Form):
    bid = forms.ModelChoiceField(
        label=_("Winning bid"), queryset=Bid.objects.none(), required=False
    )
    supplier = forms.ModelChoiceField(
        label=_("Supplier"),
        queryset=Organization.objects.none(),
        required=False,
        help_text=_("Only for a direct award without bids."),
    )
    value = forms.DecimalField(
        label=_("Award value"),
        max_digits=18,
        decimal_places=2,
        required=False,
        help_text=_("Only for a direct award without bids."),
    )
    award_date = _date(_("Award date"))
    standstill_end = _date(
        _("Standstill period ends"),
        required=False,
        help_text=_("The contract should not be signed before this day."),
    )
    evaluation_report_ar = forms.CharField(
        label=_("Evaluation report (Arabic)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "rtl"}),
    )
    evaluation_report_en = forms.CharField(
        label=_("Evaluation report (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "ltr"}),
    )

    def __init__(self, *args, process: Process, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bid"].queryset = process.bids.filter(status=BidStatus.VALID).select_related(
            "bidder"
        )
        self.fields["bid"].label_from_instance = lambda b: (
            f"{b.bidder} · {b.value:,.0f} {b.currency}"
        )
        self.fields["supplier"].queryset = _organizations(user)


class ComplaintForm(forms.Form):
    complainant = forms.ModelChoiceField(
        label=_("Complainant"), queryset=Organization.objects.none()
    )
    received_on = _date(_("Received"))
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    outcome = forms.ChoiceField(label=_("Outcome"), choices=ComplaintOutcome.choices)
    decided_on = _date(_("Decided"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["complainant"].queryset = _organizations(user)


class ComplaintDecisionForm(VersionedForm, forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=ComplaintOutcome.choices)
    decided_on = _date(_("Decided"), required=False)

    def __init__(self, *args, complaint, **kwargs):
        kwargs.setdefault(
            "initial", {"outcome": complaint.outcome, "decided_on": complaint.decided_on}
        )
        super().__init__(*args, record=complaint, **kwargs)


class ContractForm(forms.Form):
    date_signed = _date(_("Date signed"))
    start_date = _date(_("Start"), required=False)
    end_date = _date(_("End"), required=False)
    value = forms.DecimalField(
        label=_("Signed value"),
        max_digits=18,
        decimal_places=2,
        required=False,
        help_text=_("Leave empty to sign at the award's value."),
    )
    agreement = forms.ModelChoiceField(
        label=_("Agreement"),
        queryset=Agreement.objects.none(),
        required=False,
        help_text=_("The partners' agreement of kind “contract” recording the same deal."),
    )

    def __init__(self, *args, process: Process, user, **kwargs):
        super().__init__(*args, **kwargs)
        agreements = Agreement.objects.filter(kind="contract", procurement_contract__isnull=True)
        self.fields["agreement"].queryset = permissions.visible_agreements(
            user, agreements
        ).order_by("-signed_on", "reference")


class MilestoneForm(forms.Form):
    title_ar = forms.CharField(
        label=_("Title (Arabic)"), max_length=300, required=False,
        widget=forms.TextInput(attrs={"dir": "rtl"}),
    )  # fmt: skip
    title_en = forms.CharField(
        label=_("Title (English)"), max_length=300, required=False,
        widget=forms.TextInput(attrs={"dir": "ltr"}),
    )  # fmt: skip
    due_date = _date(_("Due"), required=False)
    met_on = _date(_("Met on"), required=False)


class MilestoneMetForm(forms.Form):
    met_on = _date(_("Met on"), required=False)


class PaymentForm(forms.Form):
    transaction_row = forms.ModelChoiceField(
        label=_("Disbursement"),
        queryset=Transaction.objects.none(),
        help_text=_("One of the project's disbursements: the money is recorded once, there."),
    )
    milestone = forms.ModelChoiceField(
        label=_("Milestone"), queryset=Transaction.objects.none(), required=False
    )

    def __init__(self, *args, contract, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["transaction_row"].queryset = Transaction.objects.filter(
            project=contract.process.project,
            kind=TransactionKind.DISBURSEMENT,
            procurement_payment__isnull=True,
        ).order_by("-date", "-id")
        self.fields["transaction_row"].label_from_instance = lambda t: (
            f"{t.date:%Y-%m-%d} · {t.amount:,.2f} {t.currency}"
            + (f" · {t.reference}" if t.reference else "")
        )
        self.fields["milestone"].queryset = contract.milestones.all()


class AmendmentForm(VersionedForm, forms.Form):
    amendment_date = _date(_("Date of the amendment"), required=False)
    value_after = forms.DecimalField(
        label=_("New value"), max_digits=18, decimal_places=2, required=False
    )
    end_after = _date(_("New end date"), required=False)
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, contract, **kwargs):
        kwargs.setdefault(
            "initial", {"value_after": contract.value, "end_after": contract.end_date}
        )
        super().__init__(*args, record=contract, **kwargs)


class TerminationForm(VersionedForm, forms.Form):
    terminated_on = _date(_("Terminated on"), required=False)
    termination_reason = forms.CharField(
        label=_("Reason for termination"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, contract, **kwargs):
        super().__init__(*args, record=contract, **kwargs)


class ExemptionForm(forms.Form):
    reason = forms.CharField(
        label=_("Why this project goes on without a tender"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "For example: works contracted before the fund's procurement records, or an "
            "emergency decision of the board (give its number and date). Audited; never public."
        ),
    )
