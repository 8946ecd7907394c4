"""The director's query "projects covered by agreements with Greek partners" on the staff list
counts confidential agreements too; the public side never does."""

from django.urls import reverse


def test_staff_list_counts_confidential_agreements(
    client, officer, make_project, make_agreement, greek_ministry
):
    public_cover = make_project()
    secret_cover = make_project()
    make_project()  # covered by nothing
    make_agreement(greek_ministry, projects=[public_cover])
    make_agreement(greek_ministry, projects=[secret_cover], is_public=False)
    client.force_login(officer)
    response = client.get(reverse("portfolio:project_list"), {"agreement_country": "GR"})
    codes = {project.code for project in response.context["page"].object_list}
    assert codes == {public_cover.code, secret_cover.code}
