from django.urls import reverse


def test_administrator_edits_the_event_and_its_agenda_in_the_admin(client, event, admin_user):
    client.force_login(admin_user)
    page = client.get(reverse("admin:forum_event_change", args=[event.pk]))
    assert page.status_code == 200 and "Congress hall" in page.content.decode()
    assert client.get(reverse("admin:forum_participant_changelist")).status_code == 200
