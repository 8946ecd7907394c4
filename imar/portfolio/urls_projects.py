from django.urls import path

from imar.portfolio.views import projects

urlpatterns = [
    path("projects/", projects.project_list, name="project_list"),
    path("projects/new/", projects.project_create, name="project_create"),
    path("projects/<str:code>/", projects.project_detail, name="project_detail"),
    path("projects/<str:code>/edit/", projects.project_edit, name="project_edit"),
    path("projects/<str:code>/transition/", projects.project_transition, name="project_transition"),
]
