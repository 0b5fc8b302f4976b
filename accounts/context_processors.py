from django.http import HttpRequest
from django.urls import reverse


def navigation(request: HttpRequest) -> dict[str, object]:
    """Service navigation by role (SPEC §1): everyone sees the public pages;
    signed-in users see the pages of their role."""
    items = [
        ("Partnership register", reverse("register")),
        ("Meetings", reverse("meetings:list")),
        ("Decisions", reverse("decisions:register")),
        ("Forward plan", reverse("decisions:forward_plan")),
        ("Search", reverse("search:search")),
    ]
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        if getattr(user, "person", None) is not None:
            items.append(("Your meetings", reverse("meetings:member_home")))
            items.append(("Your positions", reverse("decisions:awaiting")))
        if user.is_scrutiny or user.is_officer:
            items.append(("Reports", reverse("reports:dashboard")))
        if user.is_officer:
            items.append(("Manage partnerships", reverse("manage:dashboard")))
            items.append(("Manage decisions", reverse("decisions:manage_list")))
        if user.is_administrator or user.is_staff:
            items.append(("Back office", reverse("admin:index")))
        items.append(("Your account", reverse("account")))
    # The most specific item is the current one: /decisions/my/ is "Your positions",
    # not also "Decisions"; a partnership's own pages belong to the register, and the
    # indicator pages to the reports of those who read them.
    path = request.path
    hrefs = {href for _, href in items}
    matches = [href for href in hrefs if path == href or (href != "/" and path.startswith(href))]
    if not matches and path.startswith("/partnerships/"):
        matches = [reverse("register")]
    if not matches and path.startswith(reverse("reports:indicators")) and reverse("reports:dashboard") in hrefs:
        matches = [reverse("reports:dashboard")]
    current = max(matches, key=len, default=None)
    nav = [{"label": label, "href": href, "active": href == current} for label, href in items]
    return {"service_navigation": nav}
