"""Staff forms. The rules themselves live in rules.py; forms only show them next to fields."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from imar.accounts.permissions import STAFF_ROLES
from imar.accounts.versioning_forms import VersionedForm
from imar.core.image_uploads import CheckedImageField
from imar.organizations.identifiers import validate_org_identifier
from imar.organizations.models import Contact, Organization
from imar.partners.enums import STORED_AGREEMENT_STATUSES, AgreementStatus, PartyRole
from imar.partners.models import ActionItem, Agreement, Engagement, EngagementPerson
from imar.partners.rules import agreement_problems
from imar.partners.validators import validate_pdf
from imar.portfolio.models import Project
from imar.portfolio.sectors import Sector

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
AR = {"dir": "rtl", "lang": "ar"}
EN = {"dir": "ltr", "lang": "en"}


class ProjectCodesField(forms.CharField):
    """Projects by code, separated by spaces or commas: quicker than a 1,500-line select."""

    def clean(self, value):
        value = super().clean(value)
        codes = [code for code in value.replace(",", " ").split() if code]
        projects = list(Project.objects.filter(code__in=codes))
        missing = sorted(set(codes) - {p.code for p in projects})
        if missing:
            raise forms.ValidationError(
                _("No project with the code: %(codes)s."), params={"codes": ", ".join(missing)}
            )
        return projects


class OrganizationForm(VersionedForm, forms.ModelForm):
    sectors = forms.MultipleChoiceField(
        label=_("Sectors of interest"),
        choices=Sector.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    logo = CheckedImageField(label=_("Logo"), required=False)

    class Meta:
        model = Organization
        fields = [
            "name_ar", "name_en", "acronym", "kind", "country", "website",
            "iati_identifier", "sectors", "logo", "notes",
        ]  # fmt: skip
        widgets = {
            "name_ar": forms.TextInput(attrs=AR),
            "name_en": forms.TextInput(attrs=EN),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "iati_identifier": forms.TextInput(attrs={**EN, "placeholder": "XM-DAC-41114"}),
        }
        help_texts = {
            "iati_identifier": _(
                "The organisation's identifier in the IATI registry or org-id.guide lists "
                "(published on the open data as its reference); leave empty if it has none."
            )
        }

    def clean_iati_identifier(self):
        value = self.cleaned_data["iati_identifier"].strip()
        validate_org_identifier(value)
        return value


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "name_latin", "role", "role_en", "email", "phone"]
        widgets = {"name_latin": forms.TextInput(attrs=EN), "role_en": forms.TextInput(attrs=EN)}


class AgreementForm(VersionedForm, forms.ModelForm):
    status = forms.ChoiceField(label=_("Status"), choices=STORED_AGREEMENT_STATUSES)
    project_codes = ProjectCodesField(
        label=_("Projects covered"),
        required=False,
        help_text=_("Project codes separated by spaces or commas."),
    )

    class Meta:
        model = Agreement
        fields = [
            "kind", "reference", "title_ar", "title_en", "status", "signed_on", "signed_place",
            "effective_from", "ends_on", "value", "currency", "is_public", "engagement",
        ]  # fmt: skip
        widgets = {
            "title_ar": forms.TextInput(attrs=AR),
            "title_en": forms.TextInput(attrs=EN),
            "signed_on": DATE,
            "effective_from": DATE,
            "ends_on": DATE,
            "value": forms.NumberInput(attrs={"dir": "ltr", "step": "0.01"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            codes = self.instance.projects.values_list("code", flat=True)
            self.initial["project_codes"] = " ".join(codes)

    def check_parties(self, party_ids: list[int]) -> None:
        """The party rules, with the parties read from the party formset (the model's
        clean() has checked the other rules)."""
        problems = agreement_problems(
            kind="",
            status="",
            signed_on=None,
            effective_from=None,
            ends_on=None,
            value=None,
            currency="",
            party_ids=party_ids,
        )
        for message in problems.get("parties", []):
            self.add_error(None, message)


class PartyForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Organization"), queryset=Organization.objects.all(), required=False
    )
    role = forms.ChoiceField(label=_("Role"), choices=PartyRole.choices, required=False)

    def clean(self):
        data = super().clean()
        if data.get("organization") and not data.get("role"):
            self.add_error("role", _("Give this party's role."))
        return data


PartyFormSet = forms.formset_factory(PartyForm, extra=0, min_num=2, validate_min=False)


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    file = forms.FileField(label=_("Document (PDF)"), validators=[validate_pdf])


class BatchSigningForm(forms.Form):
    fund = forms.ModelChoiceField(label=_("First party (the fund)"), queryset=Organization.objects)
    partner = forms.ModelChoiceField(label=_("Partner"), queryset=Organization.objects)
    signed_on = forms.DateField(label=_("Signing date"), widget=DATE)
    signed_place = forms.CharField(label=_("Signing place"), max_length=200, required=False)
    engagement = forms.ModelChoiceField(
        label=_("Signed during"), queryset=Engagement.objects.all(), required=False
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(AgreementStatus.SIGNED, _("Signed")), (AgreementStatus.IN_FORCE, _("In force"))],
    )
    is_public = forms.BooleanField(label=_("Public"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("fund") and data.get("fund") == data.get("partner"):
            self.add_error("partner", _("The partner must differ from the first party."))
        return data


class BatchRowForm(forms.ModelForm):
    project_codes = ProjectCodesField(label=_("Projects"), required=False)

    class Meta:
        model = Agreement
        fields = [
            "reference", "kind", "title_ar", "title_en", "effective_from", "ends_on", "value",
            "currency",
        ]  # fmt: skip
        widgets = {
            "title_ar": forms.TextInput(attrs=AR),
            "title_en": forms.TextInput(attrs=EN),
            "effective_from": DATE,
            "ends_on": DATE,
            "value": forms.NumberInput(attrs={"dir": "ltr", "step": "0.01"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Styled here, not in the view, so the JS-cloned empty row looks the same.
        for field in self.fields.values():
            select = isinstance(field.widget, forms.Select)
            css = "form-select form-select-sm" if select else "form-control form-control-sm"
            field.widget.attrs["class"] = css

    def _post_clean(self):
        """Rows are checked by the batch service (the rules, and uniqueness against the rows
        saved before), so every row's problems come back together in one list."""


BatchRowFormSet = forms.modelformset_factory(Agreement, form=BatchRowForm, extra=8)


class EngagementForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Engagement
        fields = [
            "kind", "title_ar", "title_en", "starts_on", "ends_on", "place_ar", "place_en",
            "organizations", "topics_ar", "topics_en", "summary_ar", "summary_en",
            "decisions_ar", "decisions_en",
        ]  # fmt: skip
        widgets = {
            "title_ar": forms.TextInput(attrs=AR),
            "title_en": forms.TextInput(attrs=EN),
            "place_ar": forms.TextInput(attrs=AR),
            "place_en": forms.TextInput(attrs=EN),
            "starts_on": DATE,
            "ends_on": DATE,
            "organizations": forms.SelectMultiple(attrs={"size": 8}),
            **{
                f"{name}_{lang}": forms.Textarea(attrs={"rows": 3, **attrs})
                for name in ("topics", "summary", "decisions")
                for lang, attrs in (("ar", AR), ("en", EN))
            },
        }


PersonFormSet = forms.inlineformset_factory(
    Engagement,
    EngagementPerson,
    fields=["name", "name_latin", "title", "title_en", "organization"],
    extra=3,
    can_delete=True,
)


class ActionItemForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = ActionItem
        fields = [
            "description_ar", "description_en", "owner_user", "owner_organization", "due_on",
            "status", "agreement", "project",
        ]  # fmt: skip
        widgets = {
            "description_ar": forms.TextInput(attrs=AR),
            "description_en": forms.TextInput(attrs=EN),
            "due_on": DATE,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        User = get_user_model()
        self.fields["owner_user"].queryset = User.objects.filter(is_active=True).filter(
            profile__role__in=STAFF_ROLES
        ) | User.objects.filter(is_active=True, is_superuser=True)
        self.fields["owner_user"].label_from_instance = lambda u: u.get_full_name() or u.username
        self.fields["agreement"].queryset = Agreement.objects.order_by("-signed_on", "reference")
        self.fields["project"].queryset = Project.objects.only("code", "title_ar", "title_en")
