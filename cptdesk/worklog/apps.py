from django.apps import AppConfig


class WorklogConfig(AppConfig):
    name = "cptdesk.worklog"
    label = "worklog"
