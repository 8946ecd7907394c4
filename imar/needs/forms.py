"""Forms of the needs pages: scenarios (with their share rules) and the damage import."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from imar.accounts.versioning_forms import VersionedForm
from imar.core.money import Currency
from imar.geo.models import District, Region
from imar.needs.enums import CRITERION_LABELS, ScoringMethod
from imar.needs.models import Assessment, ScoringModel
from imar.needs.scoring_adapter import CRITERIA
from imar.portfolio.enums import ProjectStatus
from imar.portfolio.sectors import Sector

PERCENT = {"min_value": 0, "max_value": 100, "decimal_places": 2, "required": False}


def _percent_field(label) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, widget=forms.NumberInput(attrs={"step": "any"}), **PERCENT
    )


EN = {"dir": "ltr", "lang": "en"}


class ScenarioForm(VersionedForm, forms.Form):
    """A scenario's settings; shares are typed as percentages of the budget."""

    name = forms.CharField(label=_("Name"), max_length=200)
    name_en = forms.CharField(
        label=_("Name (English)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"dir": "ltr", "lang": "en"}),
    )
    budget = forms.DecimalField(
        label=_("Budget"),
        min_value=Decimal("0.01"),
        decimal_places=2,
        required=False,
        help_text=_("For a multi-year plan, leave empty: the budget is the total of its years."),
    )
    currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices, initial="LYD")
    scoring_model = forms.ModelChoiceField(
        label=_("Scoring model"), queryset=ScoringModel.objects.filter(is_published=True)
    )
    candidate_stages = forms.MultipleChoiceField(
        label=_("Candidate projects in these stages"),
        choices=ProjectStatus.choices,
        initial=[ProjectStatus.IDENTIFIED, ProjectStatus.APPRAISED],
        widget=forms.CheckboxSelectMultiple,
    )
    district_filter = forms.MultipleChoiceField(
        label=_("Only these districts (none: all)"), required=False
    )
    sector_filter = forms.MultipleChoiceField(
        label=_("Only these sectors (none: all)"), choices=Sector.choices, required=False
    )
    mandatory = forms.CharField(
        label=_("Mandatory projects (codes, separated by spaces)"), required=False
    )
    sensitivity = forms.BooleanField(
        label=_("Sensitivity: what each floor, ceiling and cap costs, and ±10% budget"),
        required=False,
    )
    fairness = forms.ChoiceField(
        label=_("Fairness as a second objective"),
        choices=[
            ("none", _("None: the best score only")),
            ("lexicographic", _("Lexicographic: best score first, then money closest to need")),
        ],
        initial="none",
        required=False,
    )
    plan_years = forms.CharField(
        label=_("Multi-year plan: yearly budgets (year:amount, separated by spaces)"),
        required=False,
        help_text=_("For example 2027:4000000 2028:6000000. Empty: a one-year scenario."),
    )
    carry_over = forms.BooleanField(
        label=_("Carry unspent money over to the next year"), required=False, initial=True
    )
    score_slack = _percent_field(_("Score it may give up for fairness (%)"))
    population_floor_share = _percent_field(
        _("Per-capita district floors: share of the budget by population (%)")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.regions = list(Region.objects.order_by("code"))
        self.districts = list(District.objects.order_by("name_en"))
        self.fields["district_filter"].choices = [(d.iso_code, d.name) for d in self.districts]
        for region in self.regions:
            self.fields[f"region_min_{region.code}"] = _percent_field(_("minimum %"))
            self.fields[f"region_max_{region.code}"] = _percent_field(_("maximum %"))
        for district in self.districts:
            self.fields[f"district_min_{district.iso_code}"] = _percent_field(_("minimum %"))
            self.fields[f"district_max_{district.iso_code}"] = _percent_field(_("maximum %"))
        for code, _label in Sector.choices:
            self.fields[f"sector_max_{code}"] = _percent_field(_("maximum %"))
        for field in self.fields.values():
            if isinstance(field.widget, forms.Select) and not field.widget.allow_multiple_selected:
                field.widget.attrs["class"] = "form-select"
            elif isinstance(field.widget, forms.CheckboxInput):
                field.widget.attrs["class"] = "form-check-input"
            elif not isinstance(field.widget, forms.CheckboxSelectMultiple):
                field.widget.attrs["class"] = "form-control form-control-sm"

    def main_fields(self):
        return [
            self[name]
            for name in ("name", "name_en", "budget", "currency", "scoring_model", "mandatory")
        ]

    def region_rows(self):
        """(place, min field, max field) rows for the template's rule tables."""
        return [
            (r, self[f"region_min_{r.code}"], self[f"region_max_{r.code}"]) for r in self.regions
        ]

    def district_rows(self):
        return [
            (d, self[f"district_min_{d.iso_code}"], self[f"district_max_{d.iso_code}"])
            for d in self.districts
        ]

    def sector_rows(self):
        return [(label, self[f"sector_max_{code}"]) for code, label in Sector.choices]

    def rules(self) -> dict:
        """The rules JSON from the percentage fields (shares as fractions)."""
        data = self.cleaned_data
        rules: dict = {}

        def share(name):
            value = data.get(name)
            return None if value is None else float(value) / 100

        for level, prefix, codes in (
            ("regions", "region", [r.code for r in self.regions]),
            ("districts", "district", [d.iso_code for d in self.districts]),
        ):
            for code in codes:
                limits = {}
                if (low := share(f"{prefix}_min_{code}")) is not None:
                    limits["min_share"] = low
                if (high := share(f"{prefix}_max_{code}")) is not None:
                    limits["max_share"] = high
                if limits:
                    rules.setdefault(level, {})[code] = limits
        for code in Sector.values:
            if (high := share(f"sector_max_{code}")) is not None:
                rules.setdefault("sectors", {})[code] = {"max_share": high}
        mandatory = data.get("mandatory", "").split()
        if mandatory:
            rules["mandatory"] = mandatory
        analysis: dict = {}
        if data.get("sensitivity"):
            analysis["sensitivity"] = True
        if data.get("fairness") and data["fairness"] != "none":
            analysis["fairness"] = data["fairness"]
            analysis["score_slack"] = share("score_slack") or 0.0
        if share("population_floor_share"):
            analysis["population_floor_share"] = share("population_floor_share")
        if analysis:
            rules["analysis"] = analysis
        if data.get("plan_years"):
            rules["years"] = {"budgets": data["plan_years"], "carry_over": data["carry_over"]}
        return rules

    def clean_plan_years(self) -> dict:
        text = self.cleaned_data.get("plan_years", "").strip()
        budgets: dict[str, float] = {}
        for item in text.split():
            year, sep, amount = item.partition(":")
            try:
                value = float(Decimal(amount.replace(",", "")))
            except ArithmeticError:
                value = None
            if not sep or not year.isdigit() or value is None:
                raise forms.ValidationError(
                    _("Write each year as year:amount, for example 2027:4000000 (not “%(item)s”).")
                    % {"item": item}
                )
            if year in budgets:
                raise forms.ValidationError(_("%(year)s is given twice.") % {"year": year})
            budgets[year] = value
        return budgets

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("plan_years") and cleaned.get("budget") is None:
            self.add_error("budget", _("Give a budget, or yearly budgets for a multi-year plan."))
        if cleaned.get("plan_years") and cleaned.get("fairness") not in (None, "", "none"):
            self.add_error(
                "fairness",
                _(
                    "Not with a multi-year plan: the fairness objective re-weighs one year's "
                    "money. Choose none, or leave the yearly budgets empty."
                ),
            )
        return cleaned

    def plan_fields(self):
        return [self["plan_years"], self["carry_over"]]

    def analysis_fields(self):
        return [
            self[name]
            for name in ("sensitivity", "fairness", "score_slack", "population_floor_share")
        ]

    def scenario_fields(self) -> dict:
        data = self.cleaned_data
        plan = data.get("plan_years")
        return {
            "name": data["name"],
            "name_en": data["name_en"],
            # A plan's budget is the total of its years (the service sets it again).
            "budget": Decimal(str(sum(plan.values()))) if plan else data["budget"],
            "currency": data["currency"],
            "scoring_model": data["scoring_model"],
            "candidate_stages": data["candidate_stages"],
            "district_filter": data["district_filter"],
            "sector_filter": data["sector_filter"],
            "rules": self.rules(),
        }

    @classmethod
    def initial_from(cls, scenario) -> dict:
        initial = {
            "name": scenario.name,
            "name_en": scenario.name_en,
            "budget": scenario.budget,
            "currency": scenario.currency,
            "scoring_model": scenario.scoring_model_id,
            "candidate_stages": scenario.candidate_stages,
            "district_filter": scenario.district_filter,
            "sector_filter": scenario.sector_filter,
            "mandatory": " ".join(scenario.rules.get("mandatory", [])),
        }
        for level, prefix in (("regions", "region"), ("districts", "district")):
            for code, limits in scenario.rules.get(level, {}).items():
                for key, short in (("min_share", "min"), ("max_share", "max")):
                    if key in limits:
                        initial[f"{prefix}_{short}_{code}"] = round(limits[key] * 100, 2)
        for code, limits in scenario.rules.get("sectors", {}).items():
            initial[f"sector_max_{code}"] = round(limits["max_share"] * 100, 2)
        years = scenario.rules.get("years")
        if years:
            initial["plan_years"] = " ".join(
                f"{year}:{amount:g}" for year, amount in years["budgets"].items()
            )
            initial["carry_over"] = years["carry_over"]
        analysis = scenario.rules.get("analysis", {})
        initial["sensitivity"] = bool(analysis.get("sensitivity"))
        initial["fairness"] = analysis.get("fairness", "none")
        for key in ("score_slack", "population_floor_share"):
            if analysis.get(key):
                initial[key] = round(analysis[key] * 100, 2)
        return initial


class DamageImportForm(forms.Form):
    assessment = forms.ModelChoiceField(label=_("Assessment"), queryset=Assessment.objects.all())
    file = forms.FileField(
        label=_("File (XLSX or CSV)"),
        help_text=_("One row per municipality and sector; the first row holds the column names."),
    )


class AppraisalImportForm(forms.Form):
    file = forms.FileField(label=_("Appraisal file (XLSX or CSV)"))


class ProjectImportForm(forms.Form):
    file = forms.FileField(
        label=_("File (XLSX or CSV)"),
        help_text=_("One row per project; the first row holds the column names."),
    )


def _ratio(text: str) -> float:
    """A Saaty judgement typed as 3, 0.5 or 1/3."""
    text = text.strip()
    if "/" in text:
        top, bottom = text.split("/", 1)
        return float(top) / float(bottom)
    return float(text)


class ScoringModelForm(VersionedForm, forms.Form):
    """Weights typed directly, or AHP judgements (upper triangle) from which they derive."""

    name = forms.CharField(label=_("Name"), max_length=200)
    name_en = forms.CharField(
        label=_("Name (English)"), max_length=200, required=False, widget=forms.TextInput(EN)
    )
    method = forms.ChoiceField(label=_("Method"), choices=ScoringMethod.choices)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea({"rows": 2}))
    notes_en = forms.CharField(
        label=_("Notes (English)"),
        required=False,
        widget=forms.Textarea({"rows": 2, **EN}),
    )
    use_ahp = forms.BooleanField(
        label=_("Derive the weights from pairwise comparisons (AHP)"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in CRITERIA:
            self.fields[f"weight_{name}"] = forms.FloatField(
                label=CRITERION_LABELS[name], min_value=0, initial=1, required=False
            )
        for i, first in enumerate(CRITERIA):
            for second in CRITERIA[i + 1 :]:
                self.fields[f"pair_{first}__{second}"] = forms.CharField(
                    label=_("%(first)s compared with %(second)s")
                    % {"first": CRITERION_LABELS[first], "second": CRITERION_LABELS[second]},
                    initial="1",
                    required=False,
                    max_length=10,
                )
        for field in self.fields.values():
            if isinstance(field.widget, forms.Select):
                field.widget.attrs["class"] = "form-select"
            elif not isinstance(field.widget, forms.CheckboxInput):
                field.widget.attrs["class"] = "form-control form-control-sm"

    def weight_fields(self):
        return [self[f"weight_{name}"] for name in CRITERIA]

    def pair_fields(self):
        return [name for name in self.fields if name.startswith("pair_")]

    def pair_rows(self):
        return [self[name] for name in self.pair_fields()]

    def clean(self):
        data = super().clean()
        if data.get("use_ahp"):
            n = len(CRITERIA)
            matrix = [[1.0] * n for _ in range(n)]
            for i, first in enumerate(CRITERIA):
                for j in range(i + 1, n):
                    key = f"pair_{first}__{CRITERIA[j]}"
                    try:
                        value = _ratio(data.get(key) or "1")
                    except (ValueError, ZeroDivisionError):
                        self.add_error(key, _("Type a number such as 3, 0.5 or 1/3."))
                        continue
                    if not 1 / 9 - 1e-9 <= value <= 9 + 1e-9:
                        self.add_error(key, _("Judgements go from 1/9 to 9."))
                        continue
                    matrix[i][j], matrix[j][i] = value, 1 / value
            data["pairwise"] = matrix
            data["weights"] = dict.fromkeys(CRITERIA, 1.0)
        else:
            data["pairwise"] = None
            data["weights"] = {name: data.get(f"weight_{name}") or 0.0 for name in CRITERIA}
        return data

    @classmethod
    def initial_from(cls, model) -> dict:
        initial = {
            "name": model.name, "name_en": model.name_en, "method": model.method,
            "notes": model.notes, "notes_en": model.notes_en,
        }  # fmt: skip
        for criterion in model.definition["criteria"]:
            initial[f"weight_{criterion['name']}"] = round(criterion["weight"], 4)
        if model.pairwise:
            initial["use_ahp"] = True
            names = [c["name"] for c in model.definition["criteria"]]
            for i, first in enumerate(names):
                for j in range(i + 1, len(names)):
                    initial[f"pair_{first}__{names[j]}"] = f"{model.pairwise[i][j]:g}"
        return initial
