from django.urls import path

from imar.forum.views import delegate, events, ontheday, organizer, public, setup

app_name = "forum"
urlpatterns = [
    path("", public.index, name="index"),
    path("login/<str:key>/", public.delegate_login, name="delegate_login"),
    # Organizer pages above any one event come before the event's own address.
    path("organize/", events.event_list, name="organize_events"),
    path("organize/new/", events.event_create, name="event_create"),
    path("<slug:slug>/", public.event_page, name="event"),
    path("<slug:slug>/register/", public.register, name="register"),
    path("<slug:slug>/showcase/", public.showcase, name="showcase"),
    # The delegate's own space.
    path("<slug:slug>/me/", delegate.my_space, name="my_space"),
    path("<slug:slug>/me/agenda/", delegate.agenda_page, name="agenda"),
    path("<slug:slug>/me/profile/", delegate.profile, name="profile"),
    path("<slug:slug>/me/agenda.pdf", delegate.agenda_pdf_view, name="agenda_pdf"),
    path("<slug:slug>/me/agenda.ics", delegate.agenda_ics_view, name="agenda_ics"),
    path(
        "<slug:slug>/me/request/<int:participant_id>/", delegate.request_send, name="request_send"
    ),
    path(
        "<slug:slug>/me/requests/<int:pk>/<str:action>/",
        delegate.request_respond,
        name="request_respond",
    ),
    path(
        "<slug:slug>/me/meetings/<int:meeting_id>/lead/", delegate.lead_record, name="lead_record"
    ),
    # Organizers.
    path("<slug:slug>/organize/", organizer.dashboard, name="organize"),
    path(
        "<slug:slug>/organize/participants/", organizer.participants, name="organize_participants"
    ),
    path(
        "<slug:slug>/organize/participants/<int:pk>/<str:decision>/",
        organizer.participant_decide,
        name="participant_decide",
    ),
    path("<slug:slug>/organize/event/", events.event_edit, name="organize_event"),
    path("<slug:slug>/organize/agenda/", events.agenda, name="organize_agenda"),
    path("<slug:slug>/organize/agenda/<int:pk>/", events.session_edit, name="session_edit"),
    path(
        "<slug:slug>/organize/agenda/<int:pk>/delete/",
        events.session_delete,
        name="session_delete",
    ),
    path("<slug:slug>/organize/setup/", setup.setup, name="organize_setup"),
    path("<slug:slug>/organize/showcase/", organizer.showcase_picker, name="organize_showcase"),
    path("<slug:slug>/organize/requests/", organizer.requests_overview, name="organize_requests"),
    path(
        "<slug:slug>/organize/requests/new/", organizer.organizer_meeting, name="organizer_meeting"
    ),
    path(
        "<slug:slug>/organize/requests/<int:pk>/lock/", organizer.request_lock, name="request_lock"
    ),
    path("<slug:slug>/organize/schedule/", organizer.schedule, name="organize_schedule"),
    path(
        "<slug:slug>/organize/schedule/<str:to>/",
        organizer.schedule_final,
        name="schedule_final",
    ),
    path("<slug:slug>/organize/checkin/", ontheday.checkin_desk, name="organize_checkin"),
    path("<slug:slug>/organize/checkin/<int:pk>/", ontheday.check_in, name="check_in"),
    path("<slug:slug>/organize/live/", ontheday.live_board, name="organize_live"),
    path(
        "<slug:slug>/organize/meetings/<int:pk>/mark/", ontheday.meeting_mark, name="meeting_mark"
    ),
    path("<slug:slug>/organize/leads/", ontheday.lead_list, name="organize_leads"),
    path(
        "<slug:slug>/organize/leads/<int:pk>/<str:to>/", ontheday.lead_convert, name="lead_convert"
    ),
]
