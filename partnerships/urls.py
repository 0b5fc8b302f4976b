from django.urls import path

from . import views

urlpatterns = [
    path("", views.register, name="home"),
    path("partnerships/", views.register, name="register"),
    path("partnerships/<slug:slug>/", views.partnership_detail, name="partnership"),
    path("partnerships/<slug:partnership_slug>/boards/<slug:board_slug>/", views.board_detail, name="board"),
    path(
        "partnerships/<slug:partnership_slug>/boards/<slug:board_slug>/mou/<id:version>/",
        views.mou_detail,
        name="mou",
    ),
]

manage_patterns = (
    [
        path("", views.dashboard, name="dashboard"),
        path("partnerships/new/", views.partnership_new, name="partnership_new"),
        path("partnerships/<slug:slug>/edit/", views.partnership_edit, name="partnership_edit"),
        path("partnerships/<slug:slug>/boards/new/", views.board_new, name="board_new"),
        path("partnerships/<slug:slug>/boards/<slug:board_slug>/edit/", views.board_edit, name="board_edit"),
        path(
            "partnerships/<slug:slug>/boards/<slug:board_slug>/members/new/",
            views.membership_new,
            name="membership_new",
        ),
        path(
            "partnerships/<slug:slug>/boards/<slug:board_slug>/members/<id:pk>/edit/",
            views.membership_edit,
            name="membership_edit",
        ),
        path(
            "partnerships/<slug:slug>/boards/<slug:board_slug>/members/<id:pk>/end/",
            views.membership_end,
            name="membership_end",
        ),
        path(
            "partnerships/<slug:slug>/boards/<slug:board_slug>/delegations/new/",
            views.delegation_new,
            name="delegation_new",
        ),
        path(
            "partnerships/<slug:slug>/boards/<slug:board_slug>/delegations/<id:pk>/edit/",
            views.delegation_edit,
            name="delegation_edit",
        ),
        path("partnerships/<slug:slug>/boards/<slug:board_slug>/mou/new/", views.mou_new, name="mou_new"),
        path(
            "partnerships/<slug:slug>/boards/<slug:board_slug>/mou/<id:version>/sign/",
            views.mou_sign,
            name="mou_sign",
        ),
    ],
    "manage",
)
