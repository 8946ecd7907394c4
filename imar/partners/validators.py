"""Upload checks: an agreement document must really be a PDF, not only be named like one."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_DOCUMENT_BYTES = 25 * 1024 * 1024


def validate_pdf(upload) -> None:
    name = (getattr(upload, "name", "") or "").lower()
    if not name.endswith(".pdf"):
        raise ValidationError(_("The document must be a PDF file (.pdf)."), code="not_pdf")
    if getattr(upload, "size", 0) and upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(_("The document is larger than 25 MB."), code="too_large")
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(5)
    upload.seek(position)
    if head != b"%PDF-":
        raise ValidationError(
            _("The file is not a valid PDF document."),
            code="not_pdf",
        )
