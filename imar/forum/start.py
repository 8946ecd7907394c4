"""The forum's start pages (imar.accounts.start): a delegate's own space, an organizer's event."""

from django.urls import reverse

from imar.forum.selectors import current_event, participant_of


def delegate_space(user) -> str | None:
    participant = participant_of(user)
    if participant is None:
        return None
    return reverse("forum:my_space", kwargs={"slug": participant.event.slug})


def organizer_event(user) -> str | None:
    event = current_event()
    if event is None:
        return reverse("forum:organize_events")
    return reverse("forum:organize", kwargs={"slug": event.slug})
