from django.contrib.auth import views as auth_views
from django.urls import path

from imar.accounts import views, views_signin

app_name = "accounts"
urlpatterns = [
    path("login/", views_signin.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", views_signin.PasswordChangeView.as_view(), name="password_change"),
    path("two-factor/", views_signin.two_factor_setup, name="two_factor_setup"),
    path("two-factor/verify/", views_signin.two_factor_verify, name="two_factor_verify"),
    path(
        "two-factor/backup-codes/",
        views_signin.two_factor_backup_codes,
        name="two_factor_backup_codes",
    ),
    path("two-factor/disable/", views_signin.two_factor_disable, name="two_factor_disable"),
    path("audit/", views.audit_trail, name="audit_trail"),
    path("start/", views.start, name="start"),
]
