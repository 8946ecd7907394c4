from django.urls import path

from imar.procurement import views

app_name = "procurement"
urlpatterns = [
    path("", views.register, name="register"),
    path("<int:pk>/", views.process_detail, name="process_detail"),
    path("<int:pk>/review/", views.flag_review, name="flag_review"),
    path("contractors/<int:pk>/", views.contractor_detail, name="contractor_detail"),
]
