"""The learner's own pages, mounted at /learn/ by cms.urls. No URL carries a user id."""

from django.urls import path

from . import views

app_name = "learners"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("profile/", views.profile, name="profile"),
    path("profile/data/", views.personal_data, name="personal_data"),
    path("profile/data/download/", views.personal_data_download, name="personal_data_download"),
    path("profile/delete/", views.account_delete_confirm, name="account_delete"),
]
