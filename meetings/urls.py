"""Meeting URLs, gathered from one module per audience."""

from governance.pagecache import shared_pages

from .views import documents, member, officer, public, reminders

app_name = "meetings"

urlpatterns = [
    *shared_pages(public.urlpatterns),
    *documents.urlpatterns,
    *member.urlpatterns,
    *officer.urlpatterns,
    *reminders.urlpatterns,
]
