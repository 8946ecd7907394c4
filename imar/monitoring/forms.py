"""Forms of the monitoring pages: they parse input; the services decide."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from imar.accounts.versioning_forms import VersionedForm
from imar.core.money import Currency
from imar.monitoring.models import Milestone, Risk, Transaction, TransactionKind
from imar.organizations.models import Organization
from imar.portfolio.currency import DISPLAY_CURRENCIES

PHOTO_ROWS_MAX = 10


def numbered_uploads(files, post, *, rows: int, prefix: str = "photo", caption: str = "caption"):
    """[(file, caption)] from a field form's numbered rows (photo_0, caption_0, ...), the
    rows `monitoring/_field_photos.html` draws; the progress report and the results period
    read them alike."""
    return [
        (files[f"{prefix}_{i}"], post.get(f"{caption}_{i}", ""))
        for i in range(rows)
        if files.get(f"{prefix}_{i}")
    ]


class ReportForm(VersionedForm, forms.Form):
    client_token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)
    report_date = forms.DateField(
        label=_("Date of the visit"), widget=forms.DateInput(attrs={"type": "date"})
    )
    physical_percent = forms.DecimalField(
        label=_("Physical progress (%)"),
        max_digits=5,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.5", "min": 0}),
    )
    progress_note = forms.CharField(
        label=_("Reason if progress went down"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    narrative_ar = forms.CharField(
        label=_("What was done (Arabic)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "rtl", "lang": "ar"}),
    )
    narrative_en = forms.CharField(
        label=_("What was done (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "ltr", "lang": "en"}),
    )
    latitude = forms.FloatField(
        label=_("Latitude"),
        required=False,
        min_value=19,
        max_value=34,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )
    longitude = forms.FloatField(
        label=_("Longitude"),
        required=False,
        min_value=9,
        max_value=26,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )

    def photo_list(self, files, post) -> list[tuple]:
        """[(file, caption)] from the numbered photo rows (photo_0, caption_0, ...)."""
        return numbered_uploads(files, post, rows=PHOTO_ROWS_MAX)


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("What should be corrected"), widget=forms.Textarea(attrs={"rows": 2})
    )


class TransactionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=TransactionKind.choices)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    amount = forms.DecimalField(label=_("Amount"), max_digits=18, decimal_places=2)
    currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices)
    provider = forms.ModelChoiceField(
        label=_("Provider"), queryset=Organization.objects.all(), required=False
    )
    receiver = forms.ModelChoiceField(
        label=_("Receiver"), queryset=Organization.objects.all(), required=False
    )
    reference = forms.CharField(label=_("Reference"), max_length=100, required=False)
    pays = forms.ModelChoiceField(
        label=_("Pays commitment"),
        queryset=Transaction.objects.none(),
        required=False,
        help_text=_("For a disbursement: the commitment it pays, so what is still owed shows."),
    )
    override_reason = forms.CharField(
        label=_("Override reason (only to pay above commitments)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        if project is not None:
            self.fields["pays"].queryset = Transaction.objects.filter(
                project=project, kind=TransactionKind.COMMITMENT
            ).order_by("-date", "-id")
        self.fields["pays"].label_from_instance = _commitment_label


def _commitment_label(row) -> str:
    reference = f" · {row.reference}" if row.reference else ""
    return f"{row.date:%Y-%m-%d} · {row.amount:,.2f} {row.currency}{reference}"


class ExchangeRateForm(forms.Form):
    currency = forms.ChoiceField(
        label=_("Currency"), choices=[c for c in Currency.choices if c[0] != "LYD"]
    )
    date = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    rate_to_lyd = forms.DecimalField(label=_("Dinars per unit"), max_digits=18, decimal_places=6)
    reason = forms.CharField(
        label=_("Reason for a correction"),
        required=False,
        max_length=500,
        help_text=_(
            "When changing a rate already entered: the old value stays in the audit trail."
        ),
    )


class MilestoneForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Milestone
        fields = [
            "name_ar",
            "name_en",
            "planned_date",
            "weight",
            "actual_date",
            "evidence",
            "evidence_file",
        ]
        widgets = {
            "planned_date": forms.DateInput(attrs={"type": "date"}),
            "actual_date": forms.DateInput(attrs={"type": "date"}),
            "evidence": forms.Textarea(attrs={"rows": 2}),
        }


class RiskForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Risk
        fields = [
            "category",
            "description_ar",
            "description_en",
            "likelihood",
            "impact",
            "mitigation",
            "mitigation_en",
            "owner",
            "owner_en",
            "status",
        ]
        widgets = {
            "description_ar": forms.Textarea(attrs={"rows": 2}),
            "description_en": forms.Textarea(attrs={"rows": 2}),
            "mitigation": forms.Textarea(attrs={"rows": 2}),
            "mitigation_en": forms.Textarea(attrs={"rows": 2, "dir": "ltr", "lang": "en"}),
            "owner_en": forms.TextInput(attrs={"dir": "ltr", "lang": "en"}),
        }


class DashboardFilterForm(forms.Form):
    district = forms.CharField(required=False)
    sector = forms.CharField(required=False)
    currency = forms.ChoiceField(
        required=False, choices=[(c, c) for c in DISPLAY_CURRENCIES], label=_("Currency")
    )
