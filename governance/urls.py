from django.contrib import admin
from django.urls import include, path

from accounts import views as account_views
from partnerships.urls import manage_patterns
from portal import views as portal_views

admin.site.site_header = "Accord back office"
admin.site.site_title = "Accord back office"
admin.site.index_title = "Partnerships, meetings and decisions"

urlpatterns = [
    path("", portal_views.home, name="home"),
    path("people/<id:pk>/", portal_views.person, name="person"),
    path("organisations/<id:pk>/", portal_views.organisation, name="organisation"),
    path("", include("partnerships.urls")),
    path("manage/", include(manage_patterns)),
    path("", include("meetings.urls")),
    path("", include("decisions.urls")),
    path("", include("search.urls")),
    path("", include("alerts.urls")),
    path("", include("reports.urls")),
    path("", include("portal.urls")),
    path("api/v1/", include("api.urls")),
    path("sign-in/", account_views.sign_in, name="sign-in"),
    path("sign-out/", account_views.sign_out, name="sign-out"),
    path("admin/", admin.site.urls),
]

handler400 = "governance.views.bad_request"
handler403 = "governance.views.permission_denied"
handler404 = "governance.views.page_not_found"
handler500 = "governance.views.server_error"
