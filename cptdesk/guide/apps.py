from django.apps import AppConfig


class GuideConfig(AppConfig):
    name = "cptdesk.guide"
    label = "guide"
