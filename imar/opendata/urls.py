from django.urls import path

from imar.opendata import views

app_name = "opendata"
urlpatterns = [
    path("", views.index, name="index"),
    path("dictionary.csv", views.dictionary_download, name="dictionary"),
    path("organisation.xml", views.organisation_download, name="organisation"),
    path("contracting.json", views.contracting_download, name="contracting"),
    path("projects.<str:extension>", views.projects_download, name="projects"),
]
