"""The officer's pages of the scrutiny reports (SPEC §7), included by reports/urls.py
under ``manage/reports/`` with the app name "reports" (so ``reports:manage_index``)."""

from django.urls import path

from .views import manage

urlpatterns = [
    path("<slug:partnership>/", manage.manage_index, name="manage_index"),
    path("<slug:partnership>/themes/new/", manage.theme_new, name="theme_new"),
    path("<slug:partnership>/indicators/new/", manage.indicator_new, name="indicator_new"),
    path("<slug:partnership>/indicators/<id:pk>/edit/", manage.indicator_edit, name="indicator_edit"),
    path("<slug:partnership>/indicators/<id:pk>/actual/", manage.value_record, name="value_record"),
    path("<slug:partnership>/indicators/<id:pk>/target/", manage.target_record, name="target_record"),
    path("<slug:partnership>/upload/", manage.values_upload, name="values_upload"),
    path("<slug:partnership>/upload/template.csv", manage.values_template, name="values_template"),
    path("<slug:partnership>/targets/new/", manage.chain_target_new, name="chain_target_new"),
    path("<slug:partnership>/targets/<id:pk>/edit/", manage.chain_target_edit, name="chain_target_edit"),
    path("<slug:partnership>/targets/<id:pk>/chain/", manage.chain_links, name="chain_links"),
    path("<slug:partnership>/risks/new/", manage.risk_new, name="risk_new"),
    path("<slug:partnership>/risks/<id:pk>/edit/", manage.risk_edit, name="risk_edit"),
    path("<slug:partnership>/risks/<id:pk>/review/", manage.risk_review, name="risk_review"),
    path("<slug:partnership>/risks/<id:pk>/close/", manage.risk_close, name="risk_close"),
]
