from django.urls import path

from . import views

app_name = "guide"
urlpatterns = [
    path("", views.index, name="index"),
    path("codes/", views.code_explorer, name="codes"),
    path("stages/", views.stages, name="stages"),
    path("mistakes/", views.mistakes, name="mistakes"),
    path("faq/", views.faq, name="faq"),
    path("scripts/", views.script_list, name="scripts"),
    path("scripts/new/", views.script_edit, name="script-new"),
    path("scripts/<int:pk>/", views.script_detail, name="script"),
    path("scripts/<int:pk>/edit/", views.script_edit, name="script-edit"),
    path("scope-check/", views.scope_check, name="scope-check"),
    path("training/", views.training, name="training"),
    path("training/team/", views.team, name="team"),
    path("training/<slug:key>/", views.scenario, name="scenario"),
]
