"""The citizen's form (public) and the staff's forms on a case."""

from django import forms
from django.utils.translation import gettext_lazy as _

from imar.feedback.enums import Category, Status
from imar.feedback.models import MAX_TEXT


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented recipe); the service checks them."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class CaseForm(forms.Form):
    category = forms.ChoiceField(
        label=_("What is it about?"),
        choices=Category.choices,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    text = forms.CharField(
        label=_("What happened, or what do you want to say?"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 5, "class": "form-control", "dir": "auto"}),
    )
    photos = MultipleFileField(
        label=_("Photos (up to three)"),
        required=False,
        widget=MultipleFileInput(
            attrs={"class": "form-control", "accept": "image/jpeg,image/png", "multiple": True}
        ),
    )
    latitude = forms.FloatField(
        label=_("Latitude"),
        required=False,
        widget=forms.NumberInput(attrs={"class": "form-control", "step": "any", "dir": "ltr"}),
    )
    longitude = forms.FloatField(
        label=_("Longitude"),
        required=False,
        widget=forms.NumberInput(attrs={"class": "form-control", "step": "any", "dir": "ltr"}),
    )
    contact = forms.CharField(
        label=_("Phone or email (optional, kept private)"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"class": "form-control", "dir": "ltr"}),
        help_text=_("Only the fund's staff see it, to reach you. Leave empty to stay anonymous."),
    )
    # The place tapped on the public map, offered back for the citizen to confirm: used only
    # when they tick the box, and only when they typed no place of their own.
    map_latitude = forms.FloatField(
        required=False, min_value=-90, max_value=90, widget=forms.HiddenInput
    )
    map_longitude = forms.FloatField(
        required=False, min_value=-180, max_value=180, widget=forms.HiddenInput
    )
    use_map_point = forms.BooleanField(
        label=_("Add the place I tapped on the map (kept private)"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
    # The honeypot: hidden from people (CSS and aria), filled by robots.
    website = forms.CharField(required=False, label=_("Leave this empty"))
    token = forms.CharField(widget=forms.HiddenInput)

    def map_point(self) -> tuple[float, float] | None:
        """The tapped point, when both coordinates came with the form and are valid."""
        data = getattr(self, "cleaned_data", None)
        if data is None:
            field_lat, field_lon = self["map_latitude"], self["map_longitude"]
            try:
                lat = self.fields["map_latitude"].clean(field_lat.value())
                lon = self.fields["map_longitude"].clean(field_lon.value())
            except forms.ValidationError:
                return None
        else:
            lat, lon = data.get("map_latitude"), data.get("map_longitude")
        return None if lat is None or lon is None else (lat, lon)

    def place(self) -> tuple[float | None, float | None]:
        """The place sent with the case: the one typed, else the tapped one if confirmed."""
        data = self.cleaned_data
        if data["latitude"] is not None or data["longitude"] is not None:
            return data["latitude"], data["longitude"]
        point = self.map_point()
        if data.get("use_map_point") and point is not None:
            return point
        return None, None


class TrackForm(forms.Form):
    code = forms.CharField(
        label=_("Tracking code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"class": "form-control", "dir": "ltr", "autocomplete": "off"}
        ),
    )


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label=_("Assign to"),
        queryset=None,
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, users=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = users


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Internal note (staff only)"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control", "dir": "auto"}),
    )


class MoveForm(forms.Form):
    status = forms.ChoiceField(
        label=_("New status"),
        choices=Status.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control", "dir": "auto"}),
    )
    answer_ar = forms.CharField(
        label=_("Public answer (Arabic)"),
        required=False,
        widget=forms.Textarea(
            attrs={"rows": 3, "class": "form-control", "dir": "rtl", "lang": "ar"}
        ),
    )
    answer_en = forms.CharField(
        label=_("Public answer (English)"),
        required=False,
        widget=forms.Textarea(
            attrs={"rows": 3, "class": "form-control", "dir": "ltr", "lang": "en"}
        ),
    )


class ModerateForm(forms.Form):
    public_text = forms.CharField(
        label=_("Public text (no names, phone numbers or homes)"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control", "dir": "auto"}),
    )
    publish = forms.BooleanField(
        label=_("Publish the text, the answer and the chosen photos"), required=False
    )
    photos = forms.MultipleChoiceField(
        label=_("Photos shown publicly"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, photo_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["photos"].choices = photo_choices
