"""Forms of the forum pages; the services hold the rules, forms only parse."""

from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from imar.accounts.versioning_forms import VersionedForm
from imar.core.countries import country_choices
from imar.core.forms import bootstrap_widgets
from imar.forum.enums import InterestLevel, ParticipantKind, Priority
from imar.forum.models import Room, Slot
from imar.forum.services.registration import MAX_DELEGATES, MAX_PROFILE_TEXT
from imar.portfolio.sectors import Sector


class StyledForm(forms.Form):
    """Bootstrap-styled. A subclass that adjusts its fields before styling calls
    ``super(StyledForm, self).__init__`` (the next class after this one, e.g. VersionedForm)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self)

    def full_clean(self):
        super().full_clean()
        bootstrap_widgets(self)


class RegistrationForm(StyledForm):
    name_ar = forms.CharField(label=_("Organization name (Arabic)"), max_length=255, required=False)
    name_en = forms.CharField(
        label=_("Organization name (English)"), max_length=255, required=False
    )
    country = forms.ChoiceField(label=_("Country"), choices=lambda: [("", "—"), *country_choices()])
    kind = forms.ChoiceField(label=_("Kind of organization"), choices=ParticipantKind.choices)
    sectors = forms.MultipleChoiceField(
        label=_("Sectors"),
        choices=Sector.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        required=False,
    )
    offers = forms.CharField(
        label=_("What you offer"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=MAX_PROFILE_TEXT,
        help_text=_("In Arabic or English: services, products, financing, experience."),
    )
    seeks = forms.CharField(
        label=_("What you seek"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=MAX_PROFILE_TEXT,
        help_text=_("In Arabic or English: partners, contractors, projects, equipment."),
    )
    max_meetings = forms.IntegerField(
        label=_("Maximum meetings per delegate"), min_value=1, max_value=40, required=False
    )

    def clean(self):
        data = super().clean()
        if not (data.get("name_ar") or data.get("name_en")):
            self.add_error("name_en", _("Give the organization's name in Arabic or English."))
        return data


class DelegateForm(StyledForm):
    name = forms.CharField(label=_("Delegate name"), max_length=200)
    name_latin = forms.CharField(
        label=_("Name in Latin letters"),
        max_length=200,
        required=False,
        help_text=_("If the name above is in Arabic: as it is spelled in English."),
    )
    job_title = forms.CharField(label=_("Job title"), max_length=200, required=False)
    email = forms.EmailField(label=_("Email"), max_length=254)
    phone = forms.CharField(label=_("Phone"), max_length=50, required=False)


DelegateFormSet = forms.formset_factory(
    DelegateForm,
    extra=2,
    min_num=1,
    validate_min=True,
    max_num=MAX_DELEGATES,
    validate_max=True,
    # A posted form count above this is refused, not built (no 10 000 empty forms).
    absolute_max=MAX_DELEGATES,
)


class RequestForm(StyledForm):
    message = forms.CharField(
        label=_("Message"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    priority = forms.ChoiceField(label=_("Priority"), choices=Priority.choices)
    to_organization = forms.BooleanField(
        label=_("Any delegate of their organization"),
        help_text=_("The schedule gives the meeting to whichever delegate of theirs is free."),
        required=False,
    )


class LeadForm(StyledForm):
    interest = forms.ChoiceField(label=_("Interest"), choices=InterestLevel.choices)
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    showcase = forms.TypedChoiceField(
        label=_("Showcased project"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, showcase_choices=(), **kwargs):
        forms.Form.__init__(self, *args, **kwargs)
        self.fields["showcase"].choices = [("", "—"), *showcase_choices]
        bootstrap_widgets(self)


class SlotsForm(StyledForm):
    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(
        label=_("First slot starts"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    slot_minutes = forms.IntegerField(label=_("Minutes per slot"), min_value=5, initial=20)
    count = forms.IntegerField(label=_("Number of slots"), min_value=1, max_value=48, initial=8)
    break_after = forms.IntegerField(label=_("Break after slot"), min_value=1, required=False)
    break_minutes = forms.IntegerField(label=_("Break minutes"), min_value=0, required=False)


class ProfileForm(StyledForm, VersionedForm):
    offers = forms.CharField(
        label=_("What you offer"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    seeks = forms.CharField(
        label=_("What you seek"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    sectors = forms.MultipleChoiceField(
        label=_("Sectors"),
        choices=Sector.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        required=False,
    )
    max_meetings = forms.IntegerField(
        label=_("Maximum meetings"), min_value=0, max_value=40, required=False
    )
    unavailable_slots = forms.ModelMultipleChoiceField(
        label=_("Slots when you are not available"),
        queryset=Slot.objects.none(),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        required=False,
    )

    def __init__(self, *args, slots, **kwargs):
        # The choices must be in place before StyledForm validates to mark invalid fields.
        super(StyledForm, self).__init__(*args, **kwargs)
        self.fields["unavailable_slots"].queryset = slots
        bootstrap_widgets(self)


class TablesForm(StyledForm):
    room_ar = forms.CharField(label=_("Room (Arabic)"), max_length=255)
    room_en = forms.CharField(label=_("Room (English)"), max_length=255)
    count = forms.IntegerField(
        label=_("Number of tables"),
        min_value=0,
        max_value=500,
        help_text=_("0 for a hall used only for talks and panels."),
    )


def _text_directions(form) -> None:
    """English and address fields read left to right, Arabic ones right to left, in either UI."""
    for name, field in form.fields.items():
        if name.endswith("_en") or name == "slug":
            field.widget.attrs["dir"] = "ltr"
        elif name.endswith("_ar"):
            field.widget.attrs["dir"] = "rtl"


class EventForm(StyledForm, VersionedForm):
    name_ar = forms.CharField(label=_("Name (Arabic)"), max_length=255)
    name_en = forms.CharField(label=_("Name (English)"), max_length=255)
    slug = forms.SlugField(
        label=_("Short name in addresses"),
        max_length=80,
        required=False,
        help_text=_("Latin letters, digits and hyphens; left empty, it is made from the name."),
    )
    city_ar = forms.CharField(label=_("City (Arabic)"), max_length=100)
    city_en = forms.CharField(label=_("City (English)"), max_length=100)
    venue_ar = forms.CharField(label=_("Venue (Arabic)"), max_length=200, required=False)
    venue_en = forms.CharField(label=_("Venue (English)"), max_length=200, required=False)
    starts_on = forms.DateField(
        label=_("First day"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    ends_on = forms.DateField(
        label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    registration_open = forms.BooleanField(label=_("Registration open"), required=False)
    description_ar = forms.CharField(
        label=_("Public description (Arabic)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    description_en = forms.CharField(
        label=_("Public description (English)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    def __init__(self, *args, editing: bool = False, **kwargs):
        super(StyledForm, self).__init__(*args, **kwargs)
        if editing:
            # Links sent to delegates carry the short name, so it stays.
            del self.fields["slug"]
        _text_directions(self)
        bootstrap_widgets(self)


class SessionForm(StyledForm, VersionedForm):
    title_ar = forms.CharField(label=_("Title (Arabic)"), max_length=300)
    title_en = forms.CharField(label=_("Title (English)"), max_length=300)
    day = forms.DateField(
        label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    starts_at = forms.TimeField(
        label=_("Starts at"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    ends_at = forms.TimeField(
        label=_("Ends at"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    room = forms.ModelChoiceField(
        label=_("Room"),
        queryset=Room.objects.none(),
        required=False,
        empty_label="—",
        help_text=_("Rooms are added on the “Slots and tables” page."),
    )
    speakers = forms.CharField(
        label=_("Speakers"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Names and titles, in Arabic (or as written)."),
    )
    speakers_en = forms.CharField(
        label=_("Speakers (English)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("The same names and titles in English, for English pages."),
    )

    def __init__(self, *args, event, **kwargs):
        super(StyledForm, self).__init__(*args, **kwargs)
        self.fields["room"].queryset = Room.objects.filter(event=event)
        _text_directions(self)
        bootstrap_widgets(self)

    def session_values(self) -> dict:
        """The cleaned data as the service takes it: aware start and end times."""
        data = self.cleaned_data
        return {
            "title_ar": data["title_ar"],
            "title_en": data["title_en"],
            "starts_at": timezone.make_aware(datetime.combine(data["day"], data["starts_at"])),
            "ends_at": timezone.make_aware(datetime.combine(data["day"], data["ends_at"])),
            "room": data["room"],
            "speakers": data["speakers"],
            "speakers_en": data["speakers_en"],
        }

    @staticmethod
    def initial_for(session) -> dict:
        starts, ends = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
        return {
            "title_ar": session.title_ar,
            "title_en": session.title_en,
            "day": starts.date(),
            "starts_at": starts.time(),
            "ends_at": ends.time(),
            "room": session.room_id,
            "speakers": session.speakers,
            "speakers_en": session.speakers_en,
        }
