from django import forms
from django.utils.translation import gettext_lazy as _

from imar.accounts import sealing
from imar.accounts.audit_checkpoint import MAX_BYTES, read_checkpoint


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class CheckpointForm(forms.Form):
    checkpoint = forms.FileField(
        label=_("A published checkpoint"),
        help_text=_("The file written by `imar audit checkpoint` (JSON, a few hundred bytes)."),
    )

    def clean_checkpoint(self):
        upload = self.cleaned_data["checkpoint"]
        try:
            return read_checkpoint(upload.read(MAX_BYTES + 1))
        except sealing.CheckpointError:
            raise forms.ValidationError(
                _("This file is not an Imar audit checkpoint."), code="invalid"
            ) from None
