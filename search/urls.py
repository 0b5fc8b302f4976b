"""Search URLs (SPEC §6, §9): /search/?q= is a stable public address. app_name "search"."""

from django.urls import URLPattern

app_name = "search"

urlpatterns: list[URLPattern] = []
