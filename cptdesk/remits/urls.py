app_name = "remits"
urlpatterns = []
