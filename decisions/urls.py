"""Decision URLs (SPEC §5, §6): the public register and decision pages, the member's
pages and the officer's pages. app_name "decisions"."""

from django.urls import path

from . import views

app_name = "decisions"

urlpatterns = [
    path("decisions/", views.register, name="register"),
    path("decisions/<id:pk>/", views.decision, name="decision"),
    path("decisions/my/", views.awaiting, name="awaiting"),
    path("decisions/rounds/<id:round_id>/position/", views.position, name="position"),
    path("manage/decisions/", views.manage_list, name="manage_list"),
    path("manage/decisions/<id:pk>/", views.manage, name="manage"),
    path("manage/decisions/<id:pk>/<slug:verb>/", views.step, name="step"),
    path(
        "manage/meetings/<id:meeting_id>/items/<id:item_id>/proposals/new/",
        views.proposal_new,
        name="proposal_new",
    ),
]
