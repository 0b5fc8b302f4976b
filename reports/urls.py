from django.urls import include, path

from .views import report

app_name = "reports"

urlpatterns = [
    path("reports/", report.dashboard, name="dashboard"),
    path("reports/<slug:partnership>/", report.partnership_report, name="partnership"),
    path("reports/<slug:partnership>/risks/", report.risks, name="risks"),
    path("reports/<slug:partnership>/governance/", report.governance_health, name="governance"),
    path("reports/<slug:partnership>/export/<slug:table>.<slug:fmt>", report.export, name="export"),
    path("reports/<slug:partnership>/targets/<id:pk>/", report.target, name="target"),
    path("", include("reports.pdf_urls")),
    path("manage/reports/", include("reports.manage_urls")),
    path("indicators/", report.public_indicators, name="indicators"),
    path("indicators/<slug:partnership>/<slug:slug>/", report.indicator, name="indicator"),
]
