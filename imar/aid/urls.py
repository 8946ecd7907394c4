from django.urls import path

from imar.aid.views import activities, imports

app_name = "aid"

urlpatterns = [
    path("", activities.activity_list, name="activity_list"),
    path("where/", activities.where, name="where"),
    path("activities/<int:pk>/", activities.activity_detail, name="activity_detail"),
    path("activities/<int:pk>/links/", activities.link_decide, name="link_decide"),
    path("links/<int:pk>/counting/", activities.link_counting, name="link_counting"),
    path("imports/", imports.import_list, name="import_list"),
    path("imports/upload/", imports.upload, name="upload"),
    path("imports/<int:pk>/", imports.import_detail, name="import_detail"),
]
