from django.urls import path

from imar.partners.views import agreements, batch, briefing, engagements, organizations

app_name = "partners"
urlpatterns = [
    path("", engagements.coordination, name="coordination"),
    path("briefing/", briefing.briefing, name="briefing"),
    path("organizations/", organizations.organization_list, name="organization_list"),
    path("organizations/new/", organizations.organization_edit, name="organization_create"),
    path("organizations/<int:pk>/", organizations.organization_detail, name="organization_detail"),
    path("organizations/<int:pk>/edit/", organizations.organization_edit, name="organization_edit"),
    path("organizations/<int:pk>/contacts/", organizations.contact_add, name="contact_add"),
    path(
        "organizations/<int:pk>/contacts/<int:contact_pk>/delete/",
        organizations.contact_delete,
        name="contact_delete",
    ),
    path("agreements/", agreements.agreement_list, name="agreement_list"),
    path("agreements/new/", agreements.agreement_edit, name="agreement_create"),
    path("agreements/batch/", batch.batch_signing, name="batch_signing"),
    path("agreements/<int:pk>/", agreements.agreement_detail, name="agreement_detail"),
    path("agreements/<int:pk>/edit/", agreements.agreement_edit, name="agreement_edit"),
    path("agreements/<int:pk>/documents/", agreements.document_upload, name="document_upload"),
    path(
        "agreements/<int:pk>/documents/<int:document_pk>/",
        agreements.document_download,
        name="document_download",
    ),
    path("engagements/", engagements.engagement_list, name="engagement_list"),
    path("engagements/new/", engagements.engagement_edit, name="engagement_create"),
    path("engagements/<int:pk>/", engagements.engagement_detail, name="engagement_detail"),
    path("engagements/<int:pk>/edit/", engagements.engagement_edit, name="engagement_edit"),
    path(
        "engagements/<int:engagement_pk>/actions/new/",
        engagements.action_edit,
        name="action_create",
    ),
    path(
        "engagements/<int:engagement_pk>/actions/<int:pk>/",
        engagements.action_edit,
        name="action_edit",
    ),
    path("actions/<int:pk>/status/", engagements.action_status, name="action_status"),
]
