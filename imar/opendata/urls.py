from django.urls import path

from imar.opendata import views

app_name = "opendata"
urlpatterns = [
    path("", views.index, name="index"),
    path("organisation.xml", views.organisation_download, name="organisation"),
    path("projects.<str:extension>", views.projects_download, name="projects"),
]
