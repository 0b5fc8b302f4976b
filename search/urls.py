"""Search URLs (SPEC §6, §9): /search/?q= is a stable public address. app_name "search"."""

from governance.pagecache import shared_pages

from .views import public

app_name = "search"

urlpatterns = [*shared_pages(public.urlpatterns)]
