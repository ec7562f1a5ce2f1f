from django.urls import path

from . import api, views

app_name = "codes"
urlpatterns = [
    path("", views.search_page, name="search"),
    path("reference/", views.reference_data, name="reference"),
    path("reference/jobs/<str:job_id>/", views.import_job, name="import-job"),
    path("api/search/", api.search_json, name="api-search"),
    path("api/lookup/<str:code>/", api.lookup_json, name="api-lookup"),
    path("<str:code>/", views.code_page, name="code"),
]
