"""Email alert URLs (SPEC §6): subscribe, confirm, manage, unsubscribe. app_name "alerts"."""

from django.urls import URLPattern

app_name = "alerts"

urlpatterns: list[URLPattern] = []
