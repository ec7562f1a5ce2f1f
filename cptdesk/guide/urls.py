app_name = "guide"
urlpatterns = []
