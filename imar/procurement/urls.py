from django.urls import path

from imar.procurement import views

app_name = "procurement"
urlpatterns = [
    path("", views.register, name="register"),
    path("<int:pk>/", views.process_detail, name="process_detail"),
    path("<int:pk>/review/", views.flag_review, name="flag_review"),
]
