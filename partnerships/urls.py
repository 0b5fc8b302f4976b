"""URL patterns of the partnership register (public) and its officer pages (``manage:``)."""

from django.urls import path

from governance.pagecache import shared_pages

from .views import officer, public

urlpatterns = shared_pages(
    [
        path("partnerships/", public.register, name="register"),
        path("partnerships/<slug:slug>/", public.partnership_detail, name="partnership"),
        path("partnerships/<slug:partnership_slug>/boards/<slug:board_slug>/", public.board_detail, name="board"),
        path(
            "partnerships/<slug:partnership_slug>/boards/<slug:board_slug>/mou/<id:version>/",
            public.mou_detail,
            name="mou",
        ),
        path(
            "partnerships/<slug:partnership_slug>/boards/<slug:board_slug>/mou/<id:version>/document/",
            public.mou_document,
            name="mou_document",
        ),
        path(
            "partnerships/<slug:partnership_slug>/boards/<slug:board_slug>/delegations/<id:pk>/evidence/",
            public.delegation_evidence,
            name="delegation_evidence",
        ),
    ]
)

manage_patterns = (
    [
        path("", officer.dashboard, name="dashboard"),
        path("partnerships/new/", officer.partnership_new, name="partnership_new"),
        path("partnerships/<slug:slug>/edit/", officer.partnership_edit, name="partnership_edit"),
        path("partnerships/<slug:slug>/boards/new/", officer.board_new, name="board_new"),
        path("partnerships/<slug:slug>/boards/<slug:board_slug>/edit/", officer.board_edit, name="board_edit"),
        path(
            "partnerships/<slug:slug>/boards/<slug:board_slug>/members/new/",
            officer.membership_new,
            name="membership_new",
        ),
        path(
            "partnerships/<slug:slug>/boards/<slug:board_slug>/members/<id:pk>/edit/",
            officer.membership_edit,
            name="membership_edit",
        ),
        path(
            "partnerships/<slug:slug>/boards/<slug:board_slug>/members/<id:pk>/end/",
            officer.membership_end,
            name="membership_end",
        ),
        path(
            "partnerships/<slug:slug>/boards/<slug:board_slug>/members/<id:pk>/deputy/",
            officer.deputy_change,
            name="deputy_change",
        ),
        path(
            "partnerships/<slug:slug>/boards/<slug:board_slug>/members/<id:pk>/deputies/<id:deputyship_pk>/end/",
            officer.deputy_end,
            name="deputy_end",
        ),
        path(
            "partnerships/<slug:slug>/boards/<slug:board_slug>/delegations/new/",
            officer.delegation_new,
            name="delegation_new",
        ),
        path(
            "partnerships/<slug:slug>/boards/<slug:board_slug>/delegations/<id:pk>/edit/",
            officer.delegation_edit,
            name="delegation_edit",
        ),
        path("partnerships/<slug:slug>/boards/<slug:board_slug>/mou/new/", officer.mou_new, name="mou_new"),
        path(
            "partnerships/<slug:slug>/boards/<slug:board_slug>/mou/<id:version>/sign/",
            officer.mou_sign,
            name="mou_sign",
        ),
    ],
    "manage",
)
