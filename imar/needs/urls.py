from django.urls import path

from imar.needs import views

app_name = "needs"
urlpatterns = [
    path("", views.needs_page, name="needs"),
    path("import/", views.damage_import, name="import"),
    path("import/projects/", views.project_import, name="import_projects"),
    path(
        "import/projects/template.xlsx",
        views.project_import_template,
        name="import_projects_template",
    ),
    path("scoring/", views.scoring_model_list, name="scoring_models"),
    path("scoring/new/", views.scoring_model_new, name="scoring_model_new"),
    path("scoring/<int:pk>/revise/", views.scoring_model_revise, name="scoring_model_revise"),
    path("scoring/<int:pk>/rank/", views.scoring_rank, name="scoring_rank"),
    path("scenarios/", views.scenario_index, name="scenario_list"),
    path("scenarios/new/", views.scenario_new, name="scenario_new"),
    path("scenarios/compare/", views.scenario_compare, name="scenario_compare"),
    path("scenarios/<int:pk>/", views.scenario_detail, name="scenario_detail"),
    path("scenarios/<int:pk>/edit/", views.scenario_edit, name="scenario_edit"),
    path("scenarios/<int:pk>/status/", views.scenario_status, name="scenario_status"),
    path("scenarios/<int:pk>/run/", views.scenario_run, name="scenario_run"),
    path("scenarios/<int:pk>/approve/", views.scenario_approve, name="scenario_approve"),
]
