from django.urls import path

from imar.portfolio.views import documents, projects

urlpatterns = [
    path("projects/", projects.project_list, name="project_list"),
    path("projects/new/", projects.project_create, name="project_create"),
    path("projects/<str:code>/", projects.project_detail, name="project_detail"),
    path("projects/<str:code>/edit/", projects.project_edit, name="project_edit"),
    path("projects/<str:code>/transition/", projects.project_transition, name="project_transition"),
    path("projects/<str:code>/documents/new/", documents.document_add, name="document_add"),
    path(
        "projects/<str:code>/documents/<int:pk>/",
        documents.document_download,
        name="document_download",
    ),
    path(
        "projects/<str:code>/documents/<int:pk>/visibility/",
        documents.document_visibility,
        name="document_visibility",
    ),
    path(
        "projects/<str:code>/documents/<int:pk>/delete/",
        documents.document_delete,
        name="document_delete",
    ),
]
