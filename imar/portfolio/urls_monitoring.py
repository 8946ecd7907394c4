# Monitoring pages (milestones, reports, money, risks, dashboards) register here.
urlpatterns = []
