"""Open data API URLs (SPEC §6, §9): /api/v1/ and /api/v1/openapi.json are stable. app_name "api"."""

from django.urls import URLPattern

app_name = "api"

urlpatterns: list[URLPattern] = []
