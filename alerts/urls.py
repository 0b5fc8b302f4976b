"""Email alert URLs (SPEC §6): subscribe, confirm, manage, unsubscribe. app_name "alerts"."""

from django.urls import path

from .views import public

app_name = "alerts"

urlpatterns = [
    path("alerts/", public.index, name="index"),
    path("alerts/subscribe/", public.subscribe, name="subscribe"),
    path("alerts/confirm/<str:token>/", public.confirm, name="confirm"),
    path("alerts/manage/", public.manage_request, name="manage_request"),
    path("alerts/manage/<str:token>/", public.manage, name="manage"),
    path("alerts/unsubscribe/<str:token>/", public.unsubscribe, name="unsubscribe"),
]
