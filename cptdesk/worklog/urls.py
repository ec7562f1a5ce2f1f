from django.urls import path

from . import views

app_name = "worklog"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("items/new/", views.item_new, name="item-new"),
    path(
        "items/from-denial/<int:pk>/", views.item_from_denial, name="item-from-denial"
    ),
    path("items/<int:pk>/", views.item_detail, name="item"),
    path("items/<int:pk>/status/", views.item_status, name="item-status"),
    path("items/<int:pk>/reassign/", views.item_reassign, name="item-reassign"),
    path("items/<int:pk>/escalate/", views.item_escalate, name="item-escalate"),
    path("items/<int:pk>/notes/", views.note_create, name="note-create"),
    path("items/<int:pk>/requests/", views.request_new, name="request-new"),
    path("requests/<int:pk>/", views.request_detail, name="request"),
    path("requests/<int:pk>/cover/", views.request_cover, name="request-cover"),
    path("templates/", views.template_list, name="templates"),
    path("templates/new/", views.template_edit, name="template-new"),
    path("templates/<int:pk>/", views.template_edit, name="template-edit"),
    path("matrix/", views.matrix, name="matrix"),
    path("matrix/<int:pk>/", views.rule_edit, name="rule-edit"),
    path("reports/notes/", views.note_report, name="note-report"),
    path("reports/escalations/", views.escalation_report, name="escalation-report"),
]
