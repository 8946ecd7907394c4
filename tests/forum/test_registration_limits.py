"""Public registration is throttled per address and per event, and bounded in size, with
translated errors."""

import random

import pytest
from django.urls import reverse

from imar.forum.models import Participant
from imar.forum.services.registration import register

pytestmark = pytest.mark.django_db


def _post(n: int, **overrides) -> dict:
    data = {
        "name_en": f"Company {n}",
        "country": "US",
        "kind": "foreign_company",
        "delegates-TOTAL_FORMS": "1",
        "delegates-INITIAL_FORMS": "0",
        "delegates-MIN_NUM_FORMS": "1",
        "delegates-MAX_NUM_FORMS": "5",
        "delegates-0-name": f"Delegate {n}",
        "delegates-0-email": f"d{n}@company{n}.test",
    }
    data.update(overrides)
    return data


def _url(event):
    return reverse("forum:register", args=[event.slug])


def test_registrations_from_one_address_are_throttled(client, event, settings):
    settings.IMAR_FORUM_REGISTRATIONS_PER_ADDRESS_HOUR = 3
    rng = random.Random(1)
    codes = []
    for n in range(6):
        forged = ".".join(str(rng.randint(1, 254)) for _ in range(4))
        codes.append(client.post(_url(event), _post(n), HTTP_X_FORWARDED_FOR=forged).status_code)
    assert codes == [200, 200, 200, 429, 429, 429]
    assert Participant.objects.filter(event=event).count() == 3
    response = client.post(_url(event), _post(9))
    assert "Too many registrations from your network" in response.content.decode()
    # Another address may still register.
    assert client.post(_url(event), _post(10), REMOTE_ADDR="198.51.100.4").status_code == 200


def test_the_throttle_message_is_in_arabic(client, event, settings):
    settings.IMAR_FORUM_REGISTRATIONS_PER_ADDRESS_HOUR = 0
    client.cookies["imar_language"] = "ar"
    response = client.post(_url(event), _post(1))
    assert response.status_code == 429
    assert "طلبات تسجيل كثيرة من شبكتك" in response.content.decode()


def test_an_event_takes_a_bounded_number_of_registrations_an_hour(client, event, settings):
    settings.IMAR_FORUM_REGISTRATIONS_PER_EVENT_HOUR = 2
    codes = [
        client.post(_url(event), _post(n), REMOTE_ADDR=f"198.51.100.{n + 1}").status_code
        for n in range(4)
    ]
    assert codes == [200, 200, 429, 429]


def test_an_oversized_request_is_refused_before_it_is_read(client, event, settings):
    settings.IMAR_FORUM_REGISTRATION_MAX_BYTES = 65536
    response = client.post(_url(event), _post(1, offers="x" * 70000))
    assert response.status_code == 413
    assert "too large" in response.content.decode()
    assert not Participant.objects.exists()


def test_long_texts_are_refused_naming_the_field(client, event):
    response = client.post(_url(event), _post(1, seeks="س" * 2001))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ensure this value has at most 2000 characters" in page
    assert not Participant.objects.exists()


def test_more_than_five_delegates_are_refused(client, event):
    data = _post(1, **{"delegates-TOTAL_FORMS": "1000"})
    for i in range(1, 7):
        data[f"delegates-{i}-name"] = f"D{i}"
        data[f"delegates-{i}-email"] = f"d{i}@x.test"
    response = client.post(_url(event), data)
    assert response.status_code == 200
    assert "Please submit at most 5 forms." in response.content.decode()
    assert not Participant.objects.exists()


def test_the_service_bounds_the_registration_too(event):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        register(
            event=event, name_ar="", name_en="X", country="US", kind="foreign_company",
            sectors=[], offers="o" * 2001, seeks="", max_meetings=None,
            delegates=[{"name": f"D{i}", "email": f"d{i}@x.test"} for i in range(6)],
        )  # fmt: skip
    assert set(error.value.message_dict) >= {"offers", "delegates"}
