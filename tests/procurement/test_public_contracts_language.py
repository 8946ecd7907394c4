"""The public contracts page names processes, projects and suppliers in the page's language,
from the fund's records, not in the releases' English."""

import re

from tests.urls_in import reverse_en, reverse_in


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_arabic_page_names_the_process_project_and_supplier_in_arabic(client, walk, make_project):
    project = make_project(title_ar="مدرسة شهداء درنة", title_en="Derna Martyrs school")
    process = walk(project=project)
    client.cookies["imar_language"] = "ar"
    page = client.get(reverse_in("ar", "public-contracts")).content.decode()
    assert 'lang="ar"' in page
    text = _text(page)
    assert process.ocid in text
    assert "إعادة تأهيل مدرسة" in text and "School rehabilitation" not in text
    assert "مدرسة شهداء درنة" in text and "Derna Martyrs school" not in text
    supplier = process.award.supplier
    assert text.index(supplier.name_ar) < text.index(supplier.name_en)  # the other script after
    assert "وُقّع العقد" in text  # the release tags, translated
    after = text.split(process.ocid, 1)[1]
    assert not {"contract", "award", "tender", "planning"} & set(re.findall(r"[A-Za-z]+", after))


def test_english_page_names_them_in_english(client, walk, make_project):
    project = make_project(title_ar="مدرسة شهداء درنة", title_en="Derna Martyrs school")
    process = walk(project=project)
    text = _text(client.get(reverse_en("public-contracts")).content.decode())
    assert "School rehabilitation" in text and "Derna Martyrs school" in text
    assert process.award.supplier.name_en in text
    assert "Contract signed" in text
