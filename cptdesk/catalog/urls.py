from django.urls import path

from . import views

app_name = "catalog"
urlpatterns = [
    path("", views.service_list, name="services"),
    path("services/new/", views.service_edit, name="service-new"),
    # The code search builds service links by reversing this name with a text
    # placeholder, so the id is matched as text and the view rejects non-digits.
    path("services/<str:pk>/", views.service_detail, name="service"),
    path("services/<int:pk>/edit/", views.service_edit, name="service-edit"),
    path("services/<int:pk>/letter/", views.service_letter, name="service-letter"),
    path("export/<str:file_type>/", views.catalog_export, name="export"),
    path("import/", views.catalog_import, name="import"),
    path("payers/", views.payer_list, name="payers"),
    path("payers/new/", views.payer_edit, name="payer-new"),
    path("payers/<int:pk>/edit/", views.payer_edit, name="payer-edit"),
    path("rules/", views.rule_list, name="rules"),
    path(
        "rules/install-medicare/", views.install_medicare_pack, name="install-medicare"
    ),
    path("rules/import/", views.rule_pack_import, name="rule-pack-import"),
]
