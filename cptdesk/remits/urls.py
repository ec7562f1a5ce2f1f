from django.urls import path

from . import api, views

app_name = "remits"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export.<str:file_format>", views.export, name="export"),
    path("imports/", views.imports, name="imports"),
    path("imports/<int:pk>/", views.import_detail, name="import"),
    path("log/", views.learning_log, name="log"),
    path("log/new/", views.entry_new, name="entry-new"),
    path("log/<int:pk>/", views.entry_detail, name="entry"),
    path("taxonomy/", views.taxonomy, name="taxonomy"),
    path("taxonomy/causes/<int:pk>/", views.root_cause_edit, name="root-cause"),
    path("api/trends/", api.trends_json, name="api-trends"),
]
