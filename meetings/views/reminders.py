"""The officers' record of reminders sent (SPEC §4: "every reminder sent is recorded")."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path

from governance.http import AuthenticatedHttpRequest
from governance.pagination import paginate
from partnerships.access import require_officer

from ..access import reminders_for_officer
from ..reminders import KIND_LABELS

PER_PAGE = 50


@login_required
def reminder_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_officer(request.user)
    kind = request.GET.get("kind", "")
    reminders = reminders_for_officer(request.user)
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
