"""Project documents: add, publish or withdraw, delete. Each write is audited.

Uploads are checked by extension *and* by their first bytes, so a renamed executable or
web page is refused; the MIME type kept with the document is the one those bytes prove.
Images are measured before decoding and re-encoded from their pixels, so no EXIF (GPS),
script or other payload rides along (`clean_document`).
"""

from datetime import date
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from imar.accounts.audit import diff_fields, record_event, snapshot
from imar.accounts.permissions import can_edit_project
from imar.core.image_uploads import clean_image_upload
from imar.portfolio.models import DocumentCategory, Project, ProjectDocument

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
FIELDS = ["title_ar", "title_en", "category", "is_public", "document_date"]
ZIP_MAGIC = b"PK\x03\x04"
# extension → (MIME type, accepted leading bytes)
ALLOWED_TYPES = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (ZIP_MAGIC,),
    ),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (ZIP_MAGIC,),
    ),
}


def _refuse(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def check_upload(upload) -> str:
    """The MIME type of an acceptable upload; refuses wrong types and oversized files."""
    name = getattr(upload, "name", "") or ""
    if upload.size > MAX_DOCUMENT_BYTES:
        raise _refuse("file", _("A document may be at most 20 MB."))
    if upload.size == 0:
        raise _refuse("file", _("The file “%(name)s” is empty.") % {"name": name})
    extension = Path(name).suffix.lower()
    allowed = ALLOWED_TYPES.get(extension)
    if allowed is None:
        raise _refuse(
            "file",
            _("“%(name)s” is not an accepted type: use PDF, JPEG, PNG, XLSX or DOCX.")
            % {"name": name},
        )
    mime, signatures = allowed
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(signature) for signature in signatures):
        raise _refuse(
            "file",
            _("“%(name)s” does not contain what its extension says (%(ext)s).")
            % {"name": name, "ext": extension.lstrip(".").upper()},
        )
    return mime


def clean_document(upload, *, field: str = "file", label: str | None = None):
    """(file to store, MIME type): the upload checked, and an image rebuilt from its pixels."""
    try:
        mime = check_upload(upload)
    except ValidationError as error:
        raise ValidationError({field: error.message_dict["file"]}) from None
    if mime.startswith("image/"):
        upload = clean_image_upload(
            upload,
            field=field,
            label=label or _("File"),
            output="JPEG" if mime == "image/jpeg" else "PNG",
        )
    return upload, mime


def _check_editor(by, project: Project) -> None:
    if not can_edit_project(by, project):
        raise PermissionDenied(_("You may not change this project's documents."))


@transaction.atomic
def document_add(
    *,
    by,
    project: Project,
    upload,
    title_ar: str,
    title_en: str = "",
    category: str = DocumentCategory.OTHER,
    is_public: bool = False,
    document_date: date | None = None,
) -> ProjectDocument:
    _check_editor(by, project)
    if not (title_ar or "").strip():
        raise _refuse("title_ar", _("Give the document an Arabic title."))
    if category not in DocumentCategory.values:
        raise _refuse("category", _("Choose one of the listed categories."))
    upload, content_type = clean_document(upload)
    document = ProjectDocument(
        project=project,
        title_ar=title_ar.strip(),
        title_en=(title_en or "").strip(),
        category=category,
        is_public=is_public,
        document_date=document_date,
        content_type=content_type,
        uploaded_by=by if getattr(by, "is_authenticated", False) else None,
    )
    document.file.save(Path(upload.name).name, upload, save=False)
    document.save()
    record_event(
        action="create",
        instance=document,
        actor=by,
        changes={
            **diff_fields({}, snapshot(document, FIELDS)),
            "file": [None, document.file.name],
        },
    )
    return document


@transaction.atomic
def document_set_public(*, by, document: ProjectDocument, is_public: bool) -> ProjectDocument:
    _check_editor(by, document.project)
    if document.is_public != is_public:
        document.is_public = is_public
        document.save(update_fields=["is_public"])
        record_event(
            action="update",
            instance=document,
            actor=by,
            changes={"is_public": [not is_public, is_public]},
        )
    return document


@transaction.atomic
def document_delete(*, by, document: ProjectDocument) -> None:
    _check_editor(by, document.project)
    record_event(
        action="delete",
        instance=document,
        actor=by,
        changes={name: [value, None] for name, value in snapshot(document, FIELDS).items()},
    )
    stored = document.file.name
    storage = document.file.storage
    document.delete()
    # Remove the file only once the row is gone for good.
    transaction.on_commit(lambda: storage.delete(stored))
