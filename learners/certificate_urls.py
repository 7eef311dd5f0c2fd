"""Certificate URLs, mounted at /certificates/ by cms.urls (see learners.certificate_views)."""

from django.urls import path

from . import certificate_views as views

app_name = "certificates"

urlpatterns = [
    path("verify/", views.verify_form, name="verify"),
    # <path:…>: a "code" with slashes in it still reaches the view and its own 404 page.
    path("verify/<path:code>/", views.verify_code, name="verify_code"),
    path("issuer.json", views.issuer_json, name="issuer"),
    path("badges/<uuid:key>.json", views.badge_class_json, name="badge_class"),
    path("<str:code>/pdf/", views.certificate_pdf, name="pdf"),
    path("<str:code>/badge.json", views.assertion_json, name="badge_assertion"),
]
