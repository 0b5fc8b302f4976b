"""The officers' record of reminders sent (SPEC §4: "every reminder sent is recorded")."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from governance.pagination import paginate
from partnerships.access import partnerships_for_officer, require_officer

from ..models import SentReminder
from ..reminders import KIND_LABELS

PER_PAGE = 50


def _reminders_for(user) -> QuerySet[SentReminder]:  # noqa: ANN001
    """Administrators see every reminder; an officer sees those of the partnerships
    they service (meetings, delegations and memoranda alike)."""
    reminders = SentReminder.objects.select_related("meeting__board__partnership")
    if user.is_administrator:
        return reminders
    return reminders.filter(partnership__in=partnerships_for_officer(user))


@login_required
def reminder_list(request: HttpRequest) -> HttpResponse:
    require_officer(request.user)  # type: ignore[arg-type]
    kind = request.GET.get("kind", "")
    reminders = _reminders_for(request.user)
    if kind in KIND_LABELS:
        reminders = reminders.filter(kind=kind)
    else:
        kind = ""
    page, page_links = paginate(
        request, reminders.order_by("-claimed_at", "-pk"), per_page=PER_PAGE, anchor="reminders"
    )
    rows = [(reminder, KIND_LABELS.get(reminder.kind, reminder.kind)) for reminder in page.object_list]
    context = {
        "page": page,
        "rows": rows,
        "kind": kind,
        "kinds": list(KIND_LABELS.items()),
        "pagination": page_links,
    }
    return render(request, "meetings/reminders/list.html", context)


urlpatterns = [
    path("manage/reminders/", reminder_list, name="reminders"),
]
