"""Staff pages of results, under /results/."""

from django.urls import path

from imar.results.views import dashboard, pages

app_name = "results"
urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("queue/", pages.queue, name="queue"),
    path("projects/<str:code>/", pages.project_results, name="project"),
    path("projects/<str:code>/indicators/new/", pages.indicator_new, name="indicator_new"),
    path("indicators/<int:pk>/periods/new/", pages.period_plan, name="period_plan"),
    path("indicators/<int:pk>/report/", pages.period_report, name="period_report"),
    path("periods/<int:pk>/", pages.period_detail, name="period"),
    path("periods/<int:pk>/<str:action>/", pages.period_action, name="period_action"),
    path("evidence/<int:pk>/original/", pages.evidence_original, name="evidence_original"),
]
