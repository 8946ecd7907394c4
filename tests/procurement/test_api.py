import pytest

pytestmark = pytest.mark.django_db


def test_staff_read_processes_with_their_flags_and_filters(client, walk, officer):
    short = walk(days=5)
    clean = walk()
    client.force_login(officer)
    listed = client.get("/api/v1/procurement/processes/").json()
    rows = {row["ocid"]: row for row in listed["results"]}
    assert set(rows) == {short.ocid, clean.ocid}
    assert [f["code"] for f in rows[short.ocid]["red_flags"]] == ["R003"]
    assert rows[clean.ocid]["red_flags"] == []
    flagged = client.get("/api/v1/procurement/processes/", {"flag": "R003"}).json()
    assert [row["ocid"] for row in flagged["results"]] == [short.ocid]
    detail = client.get(f"/api/v1/procurement/processes/{short.pk}/").json()
    assert detail["contractor"] == short.contract.contractor.name_en
    assert len(detail["bids"]) == 2 and detail["red_flags"][0]["code"] == "R003"


def test_the_public_reads_the_ocds_not_this_api(client, walk):
    walk()
    assert client.get("/api/v1/procurement/processes/").status_code in (401, 403)
