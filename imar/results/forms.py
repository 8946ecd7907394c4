"""Forms of the results pages: they parse input; the services decide."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from imar.accounts.versioning_forms import VersionedForm
from imar.monitoring.forms import ReturnForm as ReturnForm  # one return form, shared
from imar.monitoring.forms import numbered_uploads
from imar.results.enums import DIMENSION_CATEGORIES, Dimension, Measure, ResultType, Unit
from imar.results.models import StandardIndicator

EVIDENCE_ROWS = 6
DATE = {"widget": forms.DateInput(attrs={"type": "date"})}
NUMBER = {
    "required": False,
    "min_value": 0,
    "max_digits": 16,
    "decimal_places": 2,
    "widget": forms.NumberInput(attrs={"inputmode": "decimal", "step": "any", "min": 0}),
}


class IndicatorForm(VersionedForm, forms.Form):
    standard = forms.ModelChoiceField(
        label=_("Standard indicator"),
        queryset=StandardIndicator.objects.all(),
        required=False,
        help_text=_(
            "Choose one from the catalogue so the indicator adds up with other projects'; "
            "its title, unit and baseline (the recorded damage) are then filled in."
        ),
    )
    title_ar = forms.CharField(label=_("Title (Arabic)"), max_length=300, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=300, required=False)
    unit = forms.ChoiceField(label=_("Unit"), choices=[("", "—"), *Unit.choices], required=False)
    measure = forms.ChoiceField(
        label=_("Measure"), choices=[("", "—"), *Measure.choices], required=False
    )
    result_type = forms.ChoiceField(
        label=_("Result type"), choices=ResultType.choices, initial=ResultType.OUTPUT
    )
    baseline_value = forms.DecimalField(label=_("Baseline value"), **NUMBER)
    baseline_date = forms.DateField(label=_("Baseline date"), required=False, **DATE)
    baseline_source = forms.CharField(label=_("Baseline source"), max_length=300, required=False)


class PeriodPlanForm(forms.Form):
    period_start = forms.DateField(label=_("Period start"), **DATE)
    period_end = forms.DateField(label=_("Period end"), **DATE)
    target_value = forms.DecimalField(label=_("Target"), **NUMBER)


class PeriodReportForm(forms.Form):
    """The field form: what was achieved in a period, a breakdown, photos and documents."""

    client_token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)
    period_start = forms.DateField(label=_("Period start"), **DATE)
    period_end = forms.DateField(label=_("Period end"), **DATE)
    actual_value = forms.DecimalField(label=_("Achieved in this period"), **NUMBER)
    actual_numerator = forms.DecimalField(label=_("Numerator"), **NUMBER)
    actual_denominator = forms.DecimalField(label=_("Denominator"), **NUMBER)
    narrative_ar = forms.CharField(
        label=_("What was done (Arabic)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    narrative_en = forms.CharField(
        label=_("What was done (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        if indicator.measure == Measure.PERCENTAGE:
            del self.fields["actual_value"]
        else:
            del self.fields["actual_numerator"], self.fields["actual_denominator"]
            self.fields["actual_value"].help_text = indicator.get_unit_display()
        self.breakdown_fields = []
        for dimension, categories in DIMENSION_CATEGORIES.items():
            for code, label in categories.items():
                name = f"d_{dimension}_{code}"
                self.fields[name] = forms.DecimalField(label=label, **NUMBER)
                self.breakdown_fields.append((Dimension(dimension).label, name))

    def breakdown(self) -> list[tuple[str, str, object]]:
        rows = []
        for dimension, categories in DIMENSION_CATEGORIES.items():
            for code in categories:
                value = self.cleaned_data.get(f"d_{dimension}_{code}")
                if value is not None:
                    rows.append((dimension, code, value))
        return rows

    def main_fields(self):
        names = {name for _label, name in self.breakdown_fields}
        return [f for f in self.visible_fields() if f.name not in names]

    def grouped_breakdown(self):
        groups = {}
        for label, name in self.breakdown_fields:
            groups.setdefault(label, []).append(self[name])
        return list(groups.items())

    @staticmethod
    def evidence(files, post) -> tuple[list[tuple], list[tuple]]:
        """([(photo, caption)], [(document, caption)]) from the numbered rows."""
        photos = numbered_uploads(files, post, rows=EVIDENCE_ROWS)
        documents = numbered_uploads(
            files, post, rows=EVIDENCE_ROWS, prefix="document", caption="doc_caption"
        )
        return photos, documents
