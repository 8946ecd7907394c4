from django import forms
from django.utils.translation import gettext_lazy as _

from imar.accounts.versioning_forms import VersionedForm
from imar.organizations.models import Organization
from imar.portfolio.enums import OrganizationRole
from imar.portfolio.models import Project
from imar.portfolio.services import EDITABLE_FIELDS


class ProjectForm(VersionedForm, forms.ModelForm):
    """Create and edit a project. Status is not here: it moves only through the lifecycle.
    An edit carries the project's version, so a save after someone else's is refused."""

    reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=500,
        help_text=_("Recorded in the project's history, e.g. “budget revised after appraisal”."),
    )

    class Meta:
        model = Project
        fields = EDITABLE_FIELDS
        widgets = {
            "title_ar": forms.TextInput(attrs={"dir": "rtl", "lang": "ar"}),
            "title_en": forms.TextInput(attrs={"dir": "ltr", "lang": "en"}),
            "description_ar": forms.Textarea(attrs={"rows": 4, "dir": "rtl", "lang": "ar"}),
            "description_en": forms.Textarea(attrs={"rows": 4, "dir": "ltr", "lang": "en"}),
            "planned_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "planned_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "actual_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "actual_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(
        self, *args, allowed_municipalities=None, locked_fields=(), programs=None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        if programs is not None:  # the programs this user may see
            self.fields["program"].queryset = programs
        for name in locked_fields:  # officer decisions (publishing, the code): shown, not sent
            self.fields[name].disabled = True
            self.fields[name].help_text = _("Only fund officers and administrators change this.")
        municipalities = self.fields["municipality"].queryset.select_related("district")
        if allowed_municipalities is not None:
            municipalities = municipalities.filter(pk__in=allowed_municipalities)
        self.fields["municipality"].queryset = municipalities
        for name in ("budget", "latitude", "longitude", "beneficiaries"):
            self.fields[name].widget.attrs.setdefault("dir", "ltr")
        self.fields["code"].widget.attrs.setdefault("dir", "ltr")
        self.fields["code"].help_text = _(
            "Latin letters, digits, hyphens, underscores and dots, e.g. DRN-00042."
        )

    def clean(self):
        cleaned = super().clean()
        planned_start, planned_end = cleaned.get("planned_start"), cleaned.get("planned_end")
        if planned_start and planned_end and planned_end < planned_start:
            self.add_error(
                "planned_end", _("The planned end must not be before the planned start.")
            )
        actual_start, actual_end = cleaned.get("actual_start"), cleaned.get("actual_end")
        if actual_start and actual_end and actual_end < actual_start:
            self.add_error("actual_end", _("The actual end must not be before the actual start."))
        if actual_end and not actual_start:
            self.add_error("actual_start", _("A project that ended must have started."))
        budget = cleaned.get("budget")
        if budget is not None and budget < 0:
            self.add_error("budget", _("The budget cannot be negative."))
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if (latitude is None) != (longitude is None):
            self.add_error(
                "longitude" if latitude is not None else "latitude",
                _("Give both latitude and longitude, or neither."),
            )
        return cleaned


class ParticipationForm(forms.Form):
    """One organization involved and its role. Both start blank, so a row left untouched is
    unchanged and ignored (a role preselected by the browser made every empty extra row fail
    "organization: this field is required"); a half-filled row names its missing half."""

    organization = forms.ModelChoiceField(
        label=_("Organization"), queryset=Organization.objects.all(), required=False
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=[("", "---------"), *OrganizationRole.choices], required=False
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("DELETE"):
            return cleaned
        organization, role = cleaned.get("organization"), cleaned.get("role")
        if role and not organization and "organization" not in self.errors:
            self.add_error("organization", _("Choose the organization that has this role."))
        if organization and not role and "role" not in self.errors:
            self.add_error("role", _("Choose this organization's role in the project."))
        return cleaned

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organizations is not None:  # the organizations this user may see
            self.fields["organization"].queryset = organizations


ParticipationFormSet = forms.formset_factory(ParticipationForm, extra=2, can_delete=True)


class TransitionForm(forms.Form):
    to = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
