"""Public portal URLs (SPEC §6): the open data, accessibility and privacy pages linked
from every page's footer. app_name "portal"; the home, person and organisation pages
are in governance/urls.py."""

from django.urls import URLPattern, path

from governance.pagecache import shared_pages

from . import views

app_name = "portal"

urlpatterns: list[URLPattern] = shared_pages(
    [
        path("open-data/", views.open_data, name="open_data"),
        path("accessibility/", views.accessibility, name="accessibility"),
        path("privacy/", views.privacy, name="privacy"),
    ]
)
