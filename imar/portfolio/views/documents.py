"""Staff pages for project documents: upload, publish or withdraw, delete, download."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from imar.accounts import permissions
from imar.accounts.decorators import staff_required
from imar.core.storage import serve_private
from imar.portfolio import documents
from imar.portfolio.models import DocumentCategory
from imar.portfolio.views.access import project_or_404
from imar.portfolio.views.form_page import errors_to_form, form_page


class DocumentForm(forms.Form):
    title_ar = forms.CharField(label=gettext_lazy("Title (Arabic)"), max_length=300)
    title_en = forms.CharField(
        label=gettext_lazy("Title (English)"), max_length=300, required=False
    )
    category = forms.ChoiceField(label=gettext_lazy("Category"), choices=DocumentCategory.choices)
    document_date = forms.DateField(
        label=gettext_lazy("Document date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    upload = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("PDF, JPEG, PNG, XLSX or DOCX; at most 20 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.xlsx,.docx"}),
    )
    is_public = forms.BooleanField(
        label=gettext_lazy("Public: shown on the portal and in open data"), required=False
    )


def _editable_project(request, code):
    project = project_or_404(request.user, code)
    if not permissions.can_edit_project(request.user, project):
        raise PermissionDenied
    return project


@staff_required
def document_add(request, code):
    project = _editable_project(request, code)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            documents.document_add(by=request.user, project=project, **form.cleaned_data)
        except ValidationError as error:
            message_dict = {
                ("upload" if field == "file" else field): errors
                for field, errors in error.message_dict.items()
            }
            errors_to_form(form, ValidationError(message_dict))
        else:
            messages.success(request, _("Document added."))
            return redirect(project.get_absolute_url() + "#h-documents")
    return form_page(request, form, title=_("Add a document"), project=project, multipart=True)


@staff_required
def document_download(request, code, pk):
    """Any document of a project the staff member may see (private storage)."""
    project = project_or_404(request.user, code)
    document = get_object_or_404(project.documents, pk=pk)
    response = serve_private(document.file)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
@staff_required
def document_visibility(request, code, pk):
    project = _editable_project(request, code)
    document = get_object_or_404(project.documents, pk=pk)
    is_public = request.POST.get("is_public") == "1"
    documents.document_set_public(by=request.user, document=document, is_public=is_public)
    if is_public:
        messages.success(request, _("The document is now public."))
    else:
        messages.success(request, _("The document is now staff only."))
    return redirect(project.get_absolute_url() + "#h-documents")


@require_POST
@staff_required
def document_delete(request, code, pk):
    project = _editable_project(request, code)
    document = get_object_or_404(project.documents, pk=pk)
    documents.document_delete(by=request.user, document=document)
    messages.success(request, _("Document deleted."))
    return redirect(project.get_absolute_url() + "#h-documents")
