"""Open data API URLs (SPEC §6, §9): /api/v1/ and /api/v1/openapi.json are stable. app_name "api"."""

from django.urls import URLPattern, path

from . import views

app_name = "api"

urlpatterns: list[URLPattern] = [
    path("", views.Root.as_view(), name="root"),
    path("openapi.json", views.OpenApi.as_view(), name="openapi"),
    path("docs/", views.Docs.as_view(), name="docs"),
    path("organizations/", views.OrganizationList.as_view(), name="organization_list"),
    path("organizations/<str:id>/", views.OrganizationDetail.as_view(), name="organization_detail"),
    path("people/", views.PersonList.as_view(), name="person_list"),
    path("people/<str:id>/", views.PersonDetail.as_view(), name="person_detail"),
    path("memberships/", views.MembershipList.as_view(), name="membership_list"),
    path("memberships/<str:id>/", views.MembershipDetail.as_view(), name="membership_detail"),
    path("events/", views.EventList.as_view(), name="event_list"),
    path("events/<str:id>/", views.EventDetail.as_view(), name="event_detail"),
    path("vote_events/", views.VoteEventList.as_view(), name="vote_event_list"),
    path("vote_events/<str:id>/", views.VoteEventDetail.as_view(), name="vote_event_detail"),
    path("decisions/", views.DecisionList.as_view(), name="decision_list"),
    path("decisions/<str:id>/", views.DecisionDetail.as_view(), name="decision_detail"),
    path("indicators/", views.IndicatorList.as_view(), name="indicator_list"),
    path("indicators/<str:id>/", views.IndicatorDetail.as_view(), name="indicator_detail"),
    path("register.csv", views.RegisterCsv.as_view(), name="register_csv"),
    path("memberships.csv", views.MembershipsCsv.as_view(), name="memberships_csv"),
    path("decisions.csv", views.DecisionsCsv.as_view(), name="decisions_csv"),
    path("indicators.csv", views.IndicatorsCsv.as_view(), name="indicators_csv"),
]
