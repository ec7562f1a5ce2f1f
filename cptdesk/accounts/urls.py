from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("users/", views.practice_users, name="users"),
    path("users/<int:pk>/unlock/", views.unlock, name="unlock"),
]
