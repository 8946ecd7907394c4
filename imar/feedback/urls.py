"""Citizens' voice: public pages under /public/, staff pages under /feedback/."""

from django.urls import path

from imar.feedback.views import public, staff

app_name = "feedback"
urlpatterns = [
    path("public/projects/<str:code>/feedback/", public.case_new, name="case_new"),
    path("public/feedback/track/", public.track, name="track"),
    path("public/feedback/track/<str:code>/", public.track_detail, name="track_detail"),
    path("public/feedback/photos/<int:pk>/", public.photo, name="photo"),
    path("public/feedback/response-times/", public.response_times, name="response_times"),
    path("public/data-quality/", public.quality_public, name="quality_public"),
    path("feedback/", staff.queue, name="queue"),
    path("feedback/<int:pk>/", staff.case_detail, name="case_detail"),
    path("feedback/<int:pk>/<str:action>/", staff.case_action, name="case_action"),
    path("feedback/data-quality/", staff.quality_staff, name="quality"),
]
