"""The learner's own pages, mounted at /learn/ by cms.urls. No URL carries a user id."""

from django.urls import path

from . import export_views, views

app_name = "learners"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("profile/", views.profile, name="profile"),
    path("profile/data/", views.personal_data, name="personal_data"),
    path("profile/data/download/", views.personal_data_download, name="personal_data_download"),
    path("profile/delete/", views.account_delete_confirm, name="account_delete"),
    # Report exports (staff with admin access only; see learners.export_views).
    path("reports/export/<str:name>/", export_views.report_export, name="report_export"),
    path("reports/exports/", export_views.report_export_list, name="report_exports"),
    path(
        "reports/exports/<uuid:export_uuid>/",
        export_views.report_export_download,
        name="report_export_download",
    ),
]
