"""Public portal URLs (SPEC §6): home, forward plan, organisation pages. app_name "portal"."""

from django.urls import URLPattern

app_name = "portal"

urlpatterns: list[URLPattern] = []
