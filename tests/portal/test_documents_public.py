"""Project documents on the public side: the page, the download and the open data."""

import json

from django.urls import reverse
from lxml import etree

from imar.opendata.exports.iati.activities import activities_xml
from imar.opendata.exports.oc4ids.package import package_json
from imar.opendata.source import export_projects
from imar.opendata.validation import iati_errors, oc4ids_errors
from imar.portfolio.models import ProjectDocument
from tests.opendata.conftest import assert_no_sentinel


def _document(title_en):
    return ProjectDocument.objects.get(title_en=title_en)


def test_public_document_of_public_project_downloads(client, world):
    document = _document("Al-Bilad feasibility study")
    response = client.get(reverse("portal:document_download", args=["DRN-001", document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_private_document_and_documents_of_private_projects_are_404(client, world):
    private_doc = _document("SENTINEL-DOC-PRIVATE-7")
    on_private_project = _document("SENTINEL-DOC-PRIVPROJ-7")
    public_doc = _document("Al-Bilad feasibility study")
    for code, pk in [
        ("DRN-001", private_doc.pk),
        ("SENT-PRIV", on_private_project.pk),
        ("TRP-002", public_doc.pk),  # right document, wrong project
    ]:
        response = client.get(reverse("portal:document_download", args=[code, pk]))
        assert response.status_code == 404


def test_withdrawing_a_document_closes_its_public_link_at_once(client, world):
    document = _document("Al-Bilad feasibility study")
    url = reverse("portal:document_download", args=["DRN-001", document.pk])
    ProjectDocument.objects.filter(pk=document.pk).update(is_public=False)
    assert client.get(url).status_code == 404


def test_public_page_lists_public_documents_only_in_arabic_and_english(client, world):
    document = _document("Al-Bilad feasibility study")
    url = reverse("portal:project_detail", args=["DRN-001"])
    client.cookies["imar_language"] = "ar"
    arabic = client.get(url).content.decode()
    assert "الوثائق" in arabic
    assert "Al-Bilad feasibility study (ar)" in arabic
    assert "دراسة الجدوى" in arabic  # the category
    assert reverse("portal:document_download", args=["DRN-001", document.pk]) in arabic
    assert_no_sentinel(arabic)
    client.cookies["imar_language"] = "en"
    english = client.get(url).content.decode()
    assert "Documents" in english and "Al-Bilad feasibility study" in english
    assert_no_sentinel(english)


def test_oc4ids_lists_public_documents_and_stays_valid(world, settings):
    settings.IMAR_SITE_URL = "https://imar.example.ly/"
    package = json.loads(b"".join(package_json(export_projects())))
    assert oc4ids_errors(package) == []
    housing = next(p for p in package["projects"] if p["id"].endswith("DRN-001"))
    page, entry = housing["documents"]  # the project's public page, then its documents
    assert page["url"] == "https://imar.example.ly/public/projects/DRN-001/"
    document = _document("Al-Bilad feasibility study")
    assert entry == {
        "id": str(document.pk),
        "documentType": "feasibilityStudy",
        "title": "Al-Bilad feasibility study",
        "url": f"https://imar.example.ly/public/projects/DRN-001/documents/{document.pk}/",
        "format": "application/pdf",
        "datePublished": "2025-01-10T00:00:00Z",
    }
    assert_no_sentinel(json.dumps(package, ensure_ascii=False))


def test_iati_document_link_follows_transactions_and_validates(world):
    xml = b"".join(activities_xml(export_projects()))
    assert iati_errors(xml) == []
    assert_no_sentinel(xml.decode())
    root = etree.fromstring(xml)
    activity = root.find("iati-activity")
    page, link = activity.findall("document-link")  # the project's public page first
    assert page.find("category").get("code") == "A12"
    assert link.get("format") == "application/pdf"
    pk = _document("Al-Bilad feasibility study").pk
    assert link.get("url").endswith(f"/public/projects/DRN-001/documents/{pk}/")
    assert link.find("category").get("code") == "A01"
    assert link.find("document-date").get("iso-date") == "2025-01-10"
    narratives = [n.text for n in link.find("title")]
    assert narratives == ["Al-Bilad feasibility study (ar)", "Al-Bilad feasibility study"]
    tags = [child.tag for child in activity]
    assert tags.index("document-link") > max(i for i, t in enumerate(tags) if t == "transaction")


def test_export_reads_documents_in_one_query_per_chunk(world, django_assert_num_queries):
    from imar.opendata.records import iter_records

    # projects, participations, transactions, milestones, documents, contracts, organizations,
    # procurement's published releases
    with django_assert_num_queries(8):
        records = list(iter_records(export_projects()))
    assert [len(r.documents) for r in records] == [1, 0]


def test_public_api_project_detail_lists_public_documents_only(
    client, world, django_assert_max_num_queries
):
    document = _document("Al-Bilad feasibility study")
    with django_assert_max_num_queries(5):  # project, organizations, documents + savepoint
        response = client.get("/api/v1/public/projects/DRN-001/")
    assert response.status_code == 200
    (entry,) = response.json()["documents"]
    assert entry["id"] == document.pk
    assert entry["category"] == "feasibility_study"
    assert entry["format"] == "application/pdf"
    assert entry["url"] == (f"http://testserver/public/projects/DRN-001/documents/{document.pk}/")
    assert_no_sentinel(response.content.decode())
    listed = client.get("/api/v1/public/projects/").json()
    assert "documents" not in listed["results"][0]
