app_name = "worklog"
urlpatterns = []
