"""Staff pages of the portfolio: the registry (projects) and implementation monitoring."""

from imar.portfolio.urls_monitoring import urlpatterns as monitoring_urlpatterns
from imar.portfolio.urls_projects import urlpatterns as project_urlpatterns

app_name = "portfolio"
urlpatterns = project_urlpatterns + monitoring_urlpatterns
