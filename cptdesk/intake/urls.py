from django.urls import path

from . import views

app_name = "intake"
urlpatterns = [
    path("", views.prescrub, name="prescrub"),
    path("import/", views.import_schedule, name="import"),
    path("import/jobs/<str:job_id>/", views.import_job, name="import-job"),
    path("board/", views.board, name="board"),
    path("appointments/<int:pk>/", views.appointment_detail, name="appointment"),
    path("appointments/<int:pk>/check-in/", views.check_in, name="check-in"),
    path("checklist/<int:pk>/", views.checklist_state, name="checklist-state"),
    path("flags/<int:pk>/decide/", views.decide_flag, name="decide-flag"),
    path("flags/<int:pk>/work-item/", views.flag_work_item, name="flag-work-item"),
    path("authorizations/", views.authorization_list, name="authorizations"),
    path("authorizations/new/", views.authorization_edit, name="authorization-new"),
    path("authorizations/<int:pk>/", views.authorization_detail, name="authorization"),
    path(
        "authorizations/<int:pk>/edit/",
        views.authorization_edit,
        name="authorization-edit",
    ),
]
