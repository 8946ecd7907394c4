"""Demo step: a few documents on about thirty projects, most public, some staff only.

Files are tiny generated PDFs (one page naming the document), written to private storage
like real uploads; the step is deterministic for a given seed.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from imar.demo.portfolio import REFERENCE_DATE
from imar.portfolio.models import DocumentCategory, Project, ProjectDocument

PROJECT_COUNT = 30
KINDS = [
    # (category, Arabic title, English title, public?)
    (DocumentCategory.FEASIBILITY_STUDY, "دراسة الجدوى", "Feasibility study", True),
    (DocumentCategory.ENVIRONMENTAL_IMPACT, "تقييم الأثر البيئي", "Environmental impact", True),
    (DocumentCategory.CONTRACT, "عقد التنفيذ الموقّع", "Signed works contract", True),
    (DocumentCategory.PROGRESS_REPORT, "تقرير الإنجاز الفصلي", "Quarterly progress report", True),
    (DocumentCategory.PHOTOS, "صور الموقع", "Site photos", True),
    (DocumentCategory.DESIGN, "مسودة التصميم الداخلية", "Internal design draft", False),
    (DocumentCategory.OTHER, "مراسلات داخلية", "Internal correspondence", False),
]


def minimal_pdf(text: str) -> bytes:
    """A valid one-page PDF showing `text` (ASCII), with a correct cross-reference table."""
    safe = text.encode("ascii", "replace").replace(b"(", b"[").replace(b")", b"]")
    stream = b"BT /F1 18 Tf 72 720 Td (" + safe + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def load(*, rng, options, log):
    uploader = get_user_model().objects.filter(username="officer").first()
    ids = list(Project.objects.order_by("id").values_list("id", flat=True))
    if not ids:
        return
    chosen = rng.sample(ids, min(PROJECT_COUNT, len(ids)))
    projects = Project.objects.filter(id__in=chosen).only("id", "code", "title_en")
    count = 0
    for project in projects.order_by("id"):
        for category, title_ar, title_en, is_public in rng.sample(KINDS, rng.randint(2, 4)):
            document = ProjectDocument(
                project=project,
                title_ar=title_ar,
                title_en=title_en,
                category=category,
                content_type="application/pdf",
                is_public=is_public,
                document_date=REFERENCE_DATE - timedelta(days=rng.randint(10, 700)),
                uploaded_by=uploader,
            )
            content = minimal_pdf(f"{project.code} - {title_en} (synthetic demo document)")
            name = f"{project.code}-{category}.pdf"
            document.file.save(name, ContentFile(content), save=False)
            document.save()
            count += 1
    log(f"{count} project documents on {len(chosen)} projects")
