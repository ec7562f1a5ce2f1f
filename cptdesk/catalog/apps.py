from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "cptdesk.catalog"
    label = "catalog"
