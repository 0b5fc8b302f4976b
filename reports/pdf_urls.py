"""The report's PDF (reports/views/pdf.py). Included under app_name "reports", so the
names are "reports:report_pdf" and "reports:report_pdf_download"."""

from django.urls import path

from .views import pdf

urlpatterns = [
    path("reports/<slug:partnership>/pdf/", pdf.report_pdf, name="report_pdf"),
    path("reports/<slug:partnership>/pdf/<id:pk>/download/", pdf.report_pdf_download, name="report_pdf_download"),
]
