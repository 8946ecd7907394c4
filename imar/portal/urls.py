from django.urls import path

from imar.portal import views, views_aid, views_documents, views_map, views_results

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("public/map/", views_map.map_page, name="map"),
    path("public/map/points.json", views_map.map_points, name="map_points"),
    path("public/map/clusters.json", views_map.map_clusters, name="map_clusters"),
    path("public/map/districts.geojson", views_map.district_shapes, name="district_shapes"),
    path("public/map/places.json", views_map.map_places, name="map_places"),
    path("public/map/projects/<str:code>.json", views_map.map_project, name="map_project"),
    path("public/projects/", views.project_list, name="project_list"),
    path("public/projects/<str:code>/", views.project_detail, name="project_detail"),
    path(
        "public/projects/<str:code>/documents/<int:pk>/",
        views_documents.document_download,
        name="document_download",
    ),
    path("public/districts/<str:iso_code>/", views.district_detail, name="district_detail"),
    path("public/sectors/<str:code>/", views.sector_detail, name="sector_detail"),
    path("public/partners/<int:pk>/", views.partner_detail, name="partner_detail"),
    path("public/programs/<str:code>/", views.program_detail, name="program_detail"),
    path("public/search/", views.search, name="search"),
    path("public/donors/", views_aid.donors_page, name="donors"),
    path("public/results/", views_results.results_page, name="results"),
]
