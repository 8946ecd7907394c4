from django.urls import path

from imar.opendata import views
from imar.procurement.exports.ocds import views as ocds_views

app_name = "opendata"
urlpatterns = [
    path("", views.index, name="index"),
    path("dictionary.csv", views.dictionary_download, name="dictionary"),
    path("organisation.xml", views.organisation_download, name="organisation"),
    path("contracting.json", ocds_views.contracting_download, name="contracting"),
    path("projects.<str:extension>", views.projects_download, name="projects"),
]
