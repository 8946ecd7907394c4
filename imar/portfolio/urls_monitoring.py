"""Monitoring pages: dashboards, attention list, district pages, reports, money, risks."""

from django.urls import path

from imar.portfolio.views import dashboards, monitoring

urlpatterns = [
    path("dashboard/", dashboards.dashboard, name="dashboard"),
    path("attention/", dashboards.attention, name="attention"),
    path("districts/<str:iso_code>/", dashboards.district_page, name="district"),
    path("reports/", monitoring.report_queue, name="report_queue"),
    path("reports/<int:pk>/", monitoring.report_detail, name="report_detail"),
    path("reports/<int:pk>/edit/", monitoring.report_edit, name="report_edit"),
    path("reports/<int:pk>/<str:action>/", monitoring.report_action, name="report_action"),
    path("photos/<int:pk>/original/", monitoring.photo_original, name="photo_original"),
    path("exchange-rates/", monitoring.exchange_rates, name="exchange_rates"),
    path("projects/<str:code>/reports/new/", monitoring.report_new, name="report_new"),
    path(
        "projects/<str:code>/transactions/new/",
        monitoring.transaction_new,
        name="transaction_new",
    ),
    path("projects/<str:code>/milestones/new/", monitoring.milestone_new, name="milestone_new"),
    path(
        "projects/<str:code>/milestones/<int:pk>/evidence/",
        monitoring.milestone_evidence,
        name="milestone_evidence",
    ),
    path("projects/<str:code>/risks/new/", monitoring.risk_edit, name="risk_new"),
    path("projects/<str:code>/risks/<int:pk>/", monitoring.risk_edit, name="risk_edit"),
    path(
        "projects/<str:code>/security-incident/",
        monitoring.security_incident,
        name="security_incident",
    ),
]
