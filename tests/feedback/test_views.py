"""The public form and tracking page, the staff queue and case page, abuse controls."""

import pytest
from django.conf import settings
from django.urls import reverse

from imar.feedback import rules, services
from imar.feedback.models import Case
from tests.feedback.conftest import geotagged_jpeg

pytestmark = pytest.mark.django_db


def _post(client, project, **fields):
    data = {
        "category": "work_stopped",
        "text": "توقف العمل في المدرسة منذ شهرين",
        "contact": "",
        "website": "",
        "token": rules.form_token(settings.SECRET_KEY),
        **fields,
    }
    return client.post(reverse("feedback:case_new", args=[project.code]), data)


def test_a_citizen_raises_a_case_in_arabic_and_follows_it(client, school, officer):
    page = client.get(f"/public/projects/{school.code}/", HTTP_ACCEPT_LANGUAGE="ar")
    assert reverse("feedback:case_new", args=[school.code]) in page.content.decode()
    form = client.get(reverse("feedback:case_new", args=[school.code]), HTTP_ACCEPT_LANGUAGE="ar")
    assert form.status_code == 200
    response = _post(client, school, photos=geotagged_jpeg())
    assert response.status_code == 302
    code = response.url.rstrip("/").rsplit("/", 1)[1]
    tracked = client.get(response.url)
    text = tracked.content.decode()
    assert code in text and "توقف العمل في المدرسة" in text
    assert tracked["Referrer-Policy"] == "no-referrer"
    again = client.get(response.url).content.decode()  # the "keep this code" notice shows once
    assert again.count("alert-success") < text.count("alert-success")
    case = Case.objects.get()
    services.case_move(by=officer, case=case, status="under_review")
    services.case_move(
        by=officer,
        case=case,
        status="answered",
        answer_ar="استؤنف العمل الأحد",
        answer_en="Resumed",
    )
    followed = client.get(reverse("feedback:track") + f"?code={code.lower()}", follow=True)
    assert "استؤنف العمل الأحد" in followed.content.decode()


def test_unknown_code_is_a_404_with_a_message(client, db):
    response = client.get(reverse("feedback:track_detail", args=["2345-6789-AB"]))
    assert response.status_code == 404


@pytest.mark.parametrize(
    "fields",
    [
        {"website": "http://spam.example"},  # the honeypot
        {"token": ""},
        {"token": "123.abc"},
    ],
)
def test_robots_are_turned_away(client, school, fields):
    response = _post(client, school, **fields)
    assert response.status_code == 200
    assert Case.objects.count() == 0


def test_too_fast_is_refused(client, school, settings):
    settings.IMAR_FEEDBACK_MIN_SECONDS = 60
    assert _post(client, school).status_code == 200
    assert Case.objects.count() == 0


def test_forged_forwarded_for_does_not_buy_a_new_allowance(client, school, settings):
    settings.IMAR_FEEDBACK_PER_ADDRESS_HOUR = 2
    for n in range(3):
        client.post(
            reverse("feedback:case_new", args=[school.code]),
            {
                "category": "suggestion",
                "text": f"اقتراح رقم {n}",
                "token": rules.form_token(settings.SECRET_KEY),
            },
            HTTP_X_FORWARDED_FOR=f"10.9.9.{n}",
        )
    assert Case.objects.count() == 2  # no trusted proxy: REMOTE_ADDR counts, not the header


def test_trusted_proxy_forwarded_address_is_used(client, school, settings):
    settings.IMAR_FEEDBACK_PER_ADDRESS_HOUR = 1
    settings.IMAR_TRUSTED_PROXIES = ["127.0.0.1/32"]
    for n in range(3):
        client.post(
            reverse("feedback:case_new", args=[school.code]),
            {
                "category": "suggestion",
                "text": f"اقتراح رقم {n}",
                "token": rules.form_token(settings.SECRET_KEY),
            },
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        )
    assert Case.objects.count() == 3  # three real clients behind the proxy


def test_private_project_has_no_form(client, make_project):
    hidden = make_project(is_public=False)
    assert client.get(reverse("feedback:case_new", args=[hidden.code])).status_code == 404


def test_queue_hides_sensitive_cases_from_everyone_but_the_auditor(
    client, submit, officer, auditor, finance
):
    money = submit(category="misuse_of_money", text="SENSITIVE-MONEY-CASE").case
    plain = submit(category="work_stopped").case
    for user, sees_money in ((officer, False), (finance, False), (auditor, True)):
        client.force_login(user)
        text = client.get(reverse("feedback:queue")).content.decode()
        assert (f'href="/feedback/{money.pk}/"' in text) is sees_money, user
        assert f'href="/feedback/{plain.pk}/"' in text
        status = client.get(reverse("feedback:case_detail", args=[money.pk])).status_code
        assert status == (200 if sees_money else 404), user


def test_anonymous_and_outsiders_see_no_staff_page(client, submit, outsider):
    case = submit().case
    assert client.get(reverse("feedback:queue")).status_code == 302
    client.force_login(outsider)
    assert client.get(reverse("feedback:queue")).status_code == 403
    assert client.get(reverse("feedback:case_detail", args=[case.pk])).status_code == 403
    assert client.get(reverse("feedback:quality")).status_code == 403


def test_staff_actions_through_the_page(client, submit, officer, finance):
    case = submit().case
    client.force_login(finance)  # reads, does not handle
    url = reverse("feedback:case_action", args=[case.pk, "move"])
    assert client.post(url, {"status": "under_review"}).status_code == 403
    client.force_login(officer)
    assert client.post(url, {"status": "under_review"}).status_code == 302
    bad = client.post(url, {"status": "answered", "answer_ar": "نعم"})
    assert bad.status_code == 400
    assert "English" in bad.content.decode()
    note = reverse("feedback:case_action", args=[case.pk, "note"])
    assert client.post(note, {"text": "SENTINEL-INTERNAL-NOTE"}).status_code == 302
    page = client.get(reverse("feedback:case_detail", args=[case.pk])).content.decode()
    assert "SENTINEL-INTERNAL-NOTE" in page
    case.refresh_from_db()
    assert case.status == "under_review"


def test_photo_served_only_when_public_or_to_staff(client, submit, officer):
    case = submit(photo_files=[geotagged_jpeg()]).case
    photo = case.photos.get()
    url = reverse("feedback:photo", args=[photo.pk])
    assert client.get(url).status_code == 404
    client.force_login(officer)
    assert client.get(url).status_code == 200
    services.case_moderate(
        by=officer, case=case, public_text="Work stopped", publish=True, public_photo_ids=[photo.pk]
    )
    client.logout()
    assert client.get(url).status_code == 200


def test_response_times_and_public_quality_pages(client, submit, officer, derna_district):
    case = submit().case
    services.case_move(by=officer, case=case, status="under_review")
    services.case_move(by=officer, case=case, status="answered", answer_ar="تم", answer_en="Done")
    text = client.get(reverse("feedback:response_times")).content.decode()
    assert derna_district.name_ar in text
    assert client.get(reverse("feedback:quality_public")).status_code == 200
    client.force_login(officer)
    assert client.get(reverse("feedback:quality")).status_code == 200


def test_oversized_post_is_refused_before_it_is_read(client, school):
    from imar.feedback.views.public import MAX_REQUEST_BYTES

    response = client.post(
        reverse("feedback:case_new", args=[school.code]),
        data=b"x",
        content_type="application/octet-stream",
        CONTENT_LENGTH=str(MAX_REQUEST_BYTES + 1),
    )
    assert response.status_code == 413
    assert Case.objects.count() == 0


def test_tracking_code_guessing_is_rate_limited(client, db):
    from imar.feedback.limits import LOOKUPS_PER_HOUR

    codes = [rules.new_tracking_code() for _ in range(LOOKUPS_PER_HOUR + 1)]
    statuses = [client.get(reverse("feedback:track_detail", args=[c])).status_code for c in codes]
    assert statuses[:LOOKUPS_PER_HOUR] == [404] * LOOKUPS_PER_HOUR
    assert statuses[-1] == 429


def test_engineer_queue_holds_only_their_districts(client, submit, engineer, make_project, tripoli):
    derna_case = submit().case
    tripoli_case = submit(project=make_project(municipality=tripoli)).case
    client.force_login(engineer)
    text = client.get(reverse("feedback:queue")).content.decode()
    assert f'href="/feedback/{derna_case.pk}/"' in text
    assert f'href="/feedback/{tripoli_case.pk}/"' not in text
    assert client.get(reverse("feedback:case_detail", args=[tripoli_case.pk])).status_code == 404
    assert client.get(reverse("feedback:quality")).status_code == 403  # head office only


def test_overdue_filter_and_escalation_badge(client, submit, officer):
    import datetime as dt

    from django.utils import timezone

    late = submit(category="quality_safety", now=timezone.now() - dt.timedelta(days=5)).case
    fresh = submit(category="thanks").case
    services.escalate_overdue()
    client.force_login(officer)
    text = client.get(reverse("feedback:queue") + "?overdue=1").content.decode()
    assert f'href="/feedback/{late.pk}/"' in text and "case-overdue" in text
    assert f'href="/feedback/{fresh.pk}/"' not in text


def test_the_place_tapped_on_the_map_is_offered_and_used_only_when_confirmed(client, school):
    url = reverse("feedback:case_new", args=[school.code])
    page = client.get(url, {"lat": "32.76543", "lon": "22.63781"}).content.decode()
    assert "32.76543" in page and 'name="use_map_point"' in page
    assert (
        'name="use_map_point"' not in client.get(url, {"lat": "999", "lon": "1"}).content.decode()
    )
    point = {"map_latitude": "32.76543", "map_longitude": "22.63781"}
    assert _post(client, school, text="المدرسة مغلقة", **point).status_code == 302
    assert Case.objects.latest("pk").latitude is None  # not confirmed: not kept
    assert _post(client, school, text="السور مكسور", use_map_point="on", **point).status_code == 302
    kept = Case.objects.latest("pk")
    assert (kept.latitude, kept.longitude) == (32.76543, 22.63781)
    typed = {"latitude": "32.1", "longitude": "22.1"}
    sent = _post(client, school, text="لا يوجد عمال", use_map_point="on", **point, **typed)
    assert sent.status_code == 302
    assert Case.objects.latest("pk").latitude == 32.1  # what the citizen typed wins
