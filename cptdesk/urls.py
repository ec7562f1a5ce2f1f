from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="codes:search"), name="home"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("codes/", include("cptdesk.codes.urls")),
    path("catalog/", include("cptdesk.catalog.urls")),
    path("intake/", include("cptdesk.intake.urls")),
    path("work/", include("cptdesk.worklog.urls")),
    path("remits/", include("cptdesk.remits.urls")),
    path("guide/", include("cptdesk.guide.urls")),
    path("accounts/", include("cptdesk.accounts.urls")),
    path("admin/", admin.site.urls),
]

handler500 = "cptdesk.lib.sqlitelock.server_error_or_busy"
