from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("IATI activity file (XML)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xml,application/xml,text/xml"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.IMAR_AID_MAX_FILE_MB << 20
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is larger than %(mb)s MB, the most one import reads.")
                % {"mb": settings.IMAR_AID_MAX_FILE_MB}
            )
        return upload
