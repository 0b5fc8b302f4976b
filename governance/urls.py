from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from accounts import oidc as account_oidc
from accounts import views as account_views
from governance import views as governance_views
from governance.pagecache import shared_pages
from partnerships.urls import manage_patterns
from portal import views as portal_views

admin.site.site_header = "Accord back office"
admin.site.site_title = "Accord back office"
admin.site.index_title = "Partnerships, meetings and decisions"

urlpatterns = [
    # First: an address is matched against the patterns in order, and the open data API
    # is asked most often, by machines (nothing else starts with api/).
    path("api/v1/", include("api.urls")),
    *shared_pages(
        [
            path("", portal_views.home, name="home"),
            path("people/<id:pk>/", portal_views.person, name="person"),
            path("organisations/<id:pk>/", portal_views.organisation, name="organisation"),
        ]
    ),
    path("", include("partnerships.urls")),
    path("manage/", include(manage_patterns)),
    path("", include("meetings.urls")),
    path("", include("decisions.urls")),
    path("", include("search.urls")),
    path("", include("alerts.urls")),
    path("", include("reports.urls")),
    path("", include("portal.urls")),
    path("sign-in/", account_views.sign_in, name="sign-in"),
    path("sign-out/", account_views.sign_out, name="sign-out"),
    path("sign-in/organisation/", account_oidc.sign_in_request, name="oidc-sign-in"),
    path("sign-in/organisation/callback/", account_oidc.sign_in_callback, name="oidc-callback"),
    path("sign-in/organisation/not-signed-in/", account_views.oidc_refused, name="oidc-refused"),
    path("sign-in/code/", account_views.two_factor_verify, name="two-factor-verify"),
    path("account/", account_views.account, name="account"),
    path("account/two-factor/", account_views.two_factor_setup, name="two-factor-setup"),
    path("account/password/", account_views.password_change, name="password_change"),
    path("account/password/changed/", account_views.password_change_done, name="password_change_done"),
    path("password-reset/", account_views.password_reset, name="password_reset"),
    path("password-reset/sent/", account_views.password_reset_done, name="password_reset_done"),
    path("password-reset/<uidb64>/<token>/", account_views.password_reset_confirm, name="password_reset_confirm"),
    path("password-reset/done/", account_views.password_reset_complete, name="password_reset_complete"),
    path("admin/", admin.site.urls),
]

if settings.BENCHMARK_VIEWS:  # the load benchmark's baselines only (scripts/benchmark_load.py)
    urlpatterns += [
        path("_benchmark/ok", governance_views.benchmark_ok, name="benchmark-ok"),
        path("_benchmark/template", governance_views.benchmark_template, name="benchmark-template"),
    ]

handler400 = "governance.views.bad_request"
handler403 = "governance.views.permission_denied"
handler404 = "governance.views.page_not_found"
handler500 = "governance.views.server_error"
