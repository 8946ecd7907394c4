"""Staff pages of monitoring, under /portfolio/ where they always were: dashboards, the
attention list, district pages, reports, money, risks."""

from django.urls import path

from imar.monitoring.views import dashboards, money, records

app_name = "monitoring"
urlpatterns = [
    path("dashboard/", dashboards.dashboard, name="dashboard"),
    path("money/", money.money, name="money"),
    path("attention/", dashboards.attention, name="attention"),
    path("districts/<str:iso_code>/", dashboards.district_page, name="district"),
    path("reports/", records.report_queue, name="report_queue"),
    path("reports/<int:pk>/", records.report_detail, name="report_detail"),
    path("reports/<int:pk>/edit/", records.report_edit, name="report_edit"),
    path("reports/<int:pk>/<str:action>/", records.report_action, name="report_action"),
    path("photos/<int:pk>/original/", records.photo_original, name="photo_original"),
    path("exchange-rates/", records.exchange_rates, name="exchange_rates"),
    path("projects/<str:code>/reports/new/", records.report_new, name="report_new"),
    path(
        "projects/<str:code>/transactions/new/",
        records.transaction_new,
        name="transaction_new",
    ),
    path(
        "projects/<str:code>/transactions/preview/",
        records.transaction_preview,
        name="transaction_preview",
    ),
    path("projects/<str:code>/milestones/new/", records.milestone_new, name="milestone_new"),
    path(
        "projects/<str:code>/milestones/<int:pk>/evidence/",
        records.milestone_evidence,
        name="milestone_evidence",
    ),
    path("projects/<str:code>/risks/new/", records.risk_edit, name="risk_new"),
    path("projects/<str:code>/risks/<int:pk>/", records.risk_edit, name="risk_edit"),
    path(
        "projects/<str:code>/security-incident/",
        records.security_incident,
        name="security_incident",
    ),
]
