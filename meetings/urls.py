"""Meeting URLs, gathered from one module per audience."""

from .views import documents, member, officer, public, reminders

app_name = "meetings"

urlpatterns = [
    *public.urlpatterns,
    *documents.urlpatterns,
    *member.urlpatterns,
    *officer.urlpatterns,
    *reminders.urlpatterns,
]
