"""Decision URLs (SPEC §5, §6): the public register and decision pages, the member's
pages and the officer's pages. app_name "decisions"."""

from django.urls import path

from governance.pagecache import shared_pages

from . import feeds
from .views import member, officer, public

app_name = "decisions"

urlpatterns = [
    *shared_pages(
        [
            path("decisions/", public.register, name="register"),
            path("decisions/<id:pk>/", public.decision, name="decision"),
            path("decisions/feed.rss", feeds.DecisionsRssFeed(), name="register_rss"),
            path("decisions/feed.atom", feeds.DecisionsAtomFeed(), name="register_atom"),
            path(
                "partnerships/<slug:partnership_slug>/decisions.rss", feeds.DecisionsRssFeed(), name="partnership_rss"
            ),
            path(
                "partnerships/<slug:partnership_slug>/decisions.atom",
                feeds.DecisionsAtomFeed(),
                name="partnership_atom",
            ),
            path("decisions/<id:pk>/feed.rss", feeds.DecisionHistoryRssFeed(), name="decision_rss"),
            path("decisions/<id:pk>/feed.atom", feeds.DecisionHistoryAtomFeed(), name="decision_atom"),
            path("forward-plan/", public.forward_plan, name="forward_plan"),
            path("forward-plan/feed.rss", feeds.ForwardPlanRssFeed(), name="forward_plan_rss"),
            path("forward-plan/calendar.ics", feeds.forward_plan_ics, name="forward_plan_ics"),
        ]
    ),
    path("manage/forward-plan/", officer.forward_plan, name="manage_forward_plan"),
    path("manage/forward-plan/<id:pk>/edit/", officer.forthcoming_edit, name="forthcoming_edit"),
    path("manage/forward-plan/<id:pk>/withdraw/", officer.forthcoming_withdraw, name="forthcoming_withdraw"),
    path("decisions/my/", member.awaiting, name="awaiting"),
    path("decisions/rounds/<id:round_id>/position/", member.position, name="position"),
    path("manage/decisions/", officer.manage_list, name="manage_list"),
    path("manage/decisions/<id:pk>/", officer.manage, name="manage"),
    path("manage/decisions/<id:pk>/rounds/<id:round_id>/positions/", officer.positions, name="positions"),
    path("manage/decisions/<id:pk>/<slug:verb>/", officer.step, name="step"),
    path(
        "manage/meetings/<id:meeting_id>/items/<id:item_id>/proposals/new/",
        officer.proposal_new,
        name="proposal_new",
    ),
]
