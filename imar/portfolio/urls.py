"""Staff pages of the project registry; monitoring's pages share the /portfolio/ prefix
(imar/monitoring/urls.py)."""

from imar.portfolio.urls_projects import urlpatterns

app_name = "portfolio"
__all__ = ["app_name", "urlpatterns"]
