from django.urls import path

from imar.jobs import health, metrics, views

app_name = "jobs"
urlpatterns = [
    path("operations/jobs/", views.operations, name="operations"),
    path("jobs/<uuid:pk>/progress/", views.job_progress, name="progress"),
    path("healthz", health.healthz, name="healthz"),
    path("metrics", metrics.metrics, name="metrics"),
]
